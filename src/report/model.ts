/**
 * @module report/model
 * The one format-neutral report model (architecture-examples.md, src/report). `build.ts` makes it from the
 * analysis, the sample and its results; each writer (writers/*.ts) turns it into one format and never queries
 * the engine or reads evidence. Everything in it is already masked: writers print what they are given.
 */

export type Align = 'left' | 'right';

export interface Column {
  readonly header: string;
  readonly align?: Align;
  /** Monospaced (hashes, paths). */
  readonly mono?: boolean;
  /** Relative width for paged formats (DOCX, PDF); default 1. */
  readonly weight?: number;
}

export interface Table {
  readonly caption?: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly string[])[];
  /** Printed under the table (e.g. "only the first 20 of 153 rows; all in appendix.xlsx"). */
  readonly note?: string;
  /** Small print for wide tables. */
  readonly dense?: boolean;
  /** No header row (key–value lists). */
  readonly headless?: boolean;
}

export interface BarDatum {
  readonly label: string;
  readonly value: number;
}

/** A horizontal bar chart (the counting funnel, counts per category). */
export interface BarChart {
  readonly kind: 'bars';
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly bars: readonly BarDatum[];
}

/** Horizontal 100 % stacked bars (composition of each item's lines). */
export interface StackedChart {
  readonly kind: 'stacked';
  readonly id: string;
  readonly title: string;
  readonly series: readonly string[];
  readonly rows: readonly { readonly label: string; readonly values: readonly number[] }[];
}

export type Chart = BarChart | StackedChart;

export type Block =
  | { readonly kind: 'heading'; readonly level: 2 | 3 | 4; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly tone?: 'note' | 'warning' }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly string[] }
  | { readonly kind: 'fields'; readonly rows: readonly (readonly [string, string])[] }
  | { readonly kind: 'table'; readonly table: Table }
  | { readonly kind: 'chart'; readonly chart: Chart }
  | { readonly kind: 'pre'; readonly text: string };

export interface Section {
  readonly id: string;
  /** e.g. 一、基本情况 */
  readonly title: string;
  readonly blocks: readonly Block[];
}

/** One sheet of appendix.xlsx: typed cells (numbers stay numbers). */
export interface Sheet {
  readonly name: string;
  readonly columns: readonly { readonly header: string; readonly width: number }[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

export interface ReportModel {
  /** e.g. 公民个人信息数据检验报告 */
  readonly title: string;
  readonly caseName: string;
  /**
   * The stated analysis time (ISO 8601, UTC): the only time inside any document, also used for the ZIP entry
   * times of DOCX/XLSX and the PDF's dates, so that the same inputs give the same bytes.
   */
  readonly analysisTime: string;
  readonly sections: readonly Section[];
  readonly sheets: readonly Sheet[];
  /** Every evidence item's path and SHA-256 (for checks: each document must carry all of them). */
  readonly hashes: readonly { readonly path: string; readonly sha256: string | null }[];
}

/** A key–value block as a two-column headless table (the paged writers, DOCX and PDF, lay it out so). */
export function fieldsTable(rows: readonly (readonly [string, string])[]): Table {
  return {
    columns: [
      { header: '项目', weight: 1.3 },
      { header: '内容', weight: 4 },
    ],
    rows,
    headless: true,
  };
}

/** The plain text of a block, for the writers' fallbacks and for tests. */
export function blockText(b: Block): string {
  switch (b.kind) {
    case 'heading':
    case 'paragraph':
    case 'pre':
      return b.text;
    case 'list':
      return b.items.join('\n');
    case 'fields':
      return b.rows.map(([k, v]) => `${k}：${v}`).join('\n');
    case 'table':
      return [b.table.caption ?? '', ...b.table.rows.map((r) => r.join('\t')), b.table.note ?? ''].join('\n');
    case 'chart':
      return b.chart.title;
  }
}
