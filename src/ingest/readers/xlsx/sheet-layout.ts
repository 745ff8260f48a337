/**
 * @module ingest/readers/xlsx/sheet-layout
 * Turns the rows of one worksheet (XLSX or XLS) into an item: header and title detection as in the text reader,
 * and row events whose positions are sheet row numbers.
 *
 * Accounting, per sheet row from 1 to the last row that the file stores:
 * - the header row → `header`; non-empty rows above it → `title` (merged title cells hold their text in the first
 *   cell of the merge, so a title row reads as one text cell); rows with no value → `blank` (also rows the file
 *   does not store between stored rows);
 * - a later row equal to the header → `repeated_header`;
 * - every other row → one record, padded to the item's column count (a wider row keeps its extra cells and gets a
 *   `field_count` warning).
 */
import type { ItemLayout, LayoutHints, OpenedItem, RowEvent } from '../../source.js';

export interface SheetRow {
  /** 1-based sheet row number. */
  readonly row: number;
  /** Cell texts from column A; trailing empty cells may be missing. */
  readonly cells: string[];
}

export interface SheetOptions {
  readonly format: string;
  readonly suffix: string;
  readonly evidence: string;
  readonly layoutRows?: number;
  readonly sampleRecords?: number;
}

const HEADER_SEARCH_ROWS = 6;

/** Cells up to the last one holding anything but white space (a row of only spaces is blank). */
function width(cells: readonly string[]): number {
  let n = cells.length;
  while (n > 0 && cells[n - 1]!.trim() === '') n--;
  return n;
}

/** Cells up to the last non-empty one: a value of spaces is kept as it is. */
function exactWidth(cells: readonly string[]): number {
  let n = cells.length;
  while (n > 0 && cells[n - 1] === '') n--;
  return n;
}

function norm(cells: readonly string[]): string {
  return cells
    .slice(0, width(cells))
    .map((c) => c.trim())
    .join('\u001f');
}

function findHeader(
  content: readonly SheetRow[],
  hints: LayoutHints,
): { index: number | null; evidence: string } {
  const stats = content.slice(0, HEADER_SEARCH_ROWS + 1).map((r) => {
    const nonEmpty = r.cells.map((c) => c.trim()).filter((c) => c.length > 0);
    const words = nonEmpty.filter((c) => hints.isHeaderWord(c)).length;
    const values = nonEmpty.filter((c) => !hints.isHeaderWord(c) && hints.looksLikeValue(c)).length;
    return { nonEmpty: nonEmpty.length, words, values, cells: nonEmpty };
  });
  const widest = Math.max(...stats.map((s) => s.nonEmpty), 1);
  for (let i = 0; i < Math.min(HEADER_SEARCH_ROWS, stats.length); i++) {
    const s = stats[i]!;
    if (s.nonEmpty === 0 || s.values > 0) continue;
    if (s.words >= 1 && s.words * 2 >= s.nonEmpty && (s.nonEmpty >= 2 || widest === 1)) {
      return {
        index: i,
        evidence: `row ${content[i]!.row}: ${s.words} of ${s.nonEmpty} cells are known header words, none looks like data`,
      };
    }
    const next = stats[i + 1];
    if (s.nonEmpty >= 2 && s.nonEmpty >= 0.6 * widest && next !== undefined && next.values > 0) {
      const next2 = stats[i + 2];
      const allText = s.cells.every((c) => c.length <= 32 && !/\d{5,}/.test(c));
      if (allText && (next2 === undefined || next2.values > 0)) {
        return {
          index: i,
          evidence: `row ${content[i]!.row}: ${s.nonEmpty} short text cells with no data values, followed by data rows`,
        };
      }
    }
  }
  return { index: null, evidence: 'no header row among the first rows: columns are numbered' };
}

function pad(cells: readonly string[], n: number): string[] {
  const out = cells.slice(0, Math.max(n, cells.length));
  while (out.length < n) out.push('');
  return out;
}

/** Builds the item of one sheet; `source()` streams its rows (ascending row numbers) and may be called again. */
export async function openSheet(
  source: () => AsyncIterable<SheetRow>,
  hints: LayoutHints,
  opts: SheetOptions,
): Promise<OpenedItem> {
  const head: SheetRow[] = [];
  const layoutRows = opts.layoutRows ?? 400;
  for await (const r of source()) {
    if (width(r.cells) > 0) head.push(r);
    if (head.length >= layoutRows) break;
  }
  const h = findHeader(head, hints);
  const headerRow = h.index === null ? null : head[h.index]!;
  const titleRows = h.index === null ? [] : head.slice(0, h.index).map((r) => r.row);
  const data = head.slice(h.index === null ? 0 : h.index + 1);
  let columns = Math.max(1, ...data.map((r) => exactWidth(r.cells)));
  const headerCells = headerRow ? headerRow.cells.map((c) => c.trim()) : null;
  if (headerCells) columns = Math.max(columns, width(headerCells));
  const layout: ItemLayout = {
    format: opts.format,
    encoding: null,
    delimiter: null,
    delimiterEvidence: opts.evidence,
    header: headerCells ? pad(headerCells, columns).slice(0, columns) : null,
    headerLine: headerRow?.row ?? null,
    titleLines: titleRows,
    columns,
    headerEvidence: h.evidence,
  };
  const rows = () => sheetEvents(source, layout);
  const sample: string[][] = [];
  const sampleSize = opts.sampleRecords ?? 2000;
  for await (const ev of rows()) {
    if (ev.kind !== 'record') continue;
    sample.push(ev.fields);
    if (sample.length >= sampleSize) break;
  }
  return { suffix: opts.suffix, layout, sample, rows };
}

async function* sheetEvents(
  source: () => AsyncIterable<SheetRow>,
  layout: ItemLayout,
): AsyncGenerator<RowEvent> {
  const titles = new Set(layout.titleLines);
  const headerKey = layout.header ? norm(layout.header) : null;
  let prev = 0;
  for await (const r of source()) {
    for (let g = prev + 1; g < r.row; g++) yield { kind: 'non_record', line: g, reason: 'blank', text: '' };
    prev = r.row;
    const w = width(r.cells);
    const text = r.cells.slice(0, w).join('\t');
    if (r.row === layout.headerLine) {
      yield { kind: 'non_record', line: r.row, reason: 'header', text };
      continue;
    }
    if (titles.has(r.row)) {
      yield { kind: 'non_record', line: r.row, reason: 'title', text };
      continue;
    }
    if (w === 0) {
      yield { kind: 'non_record', line: r.row, reason: 'blank', text: '' };
      continue;
    }
    if (headerKey !== null && norm(r.cells) === headerKey) {
      yield { kind: 'non_record', line: r.row, reason: 'repeated_header', text };
      continue;
    }
    const ew = exactWidth(r.cells);
    if (ew > layout.columns) {
      yield {
        kind: 'warning',
        line: r.row,
        warning: 'field_count',
        detail: `${ew} cells where the sheet has ${layout.columns} columns; the extra cells are kept`,
      };
    }
    yield { kind: 'record', line: r.row, endLine: r.row, fields: pad(r.cells.slice(0, ew), layout.columns) };
  }
}
