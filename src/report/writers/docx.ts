/**
 * @module report/writers/docx
 * report.docx (Chinese, A4) from the model, with the `docx` library: headings, fields, tables with repeated
 * header rows, charts as PNG (raster.ts), page numbers. Fonts: an explicit eastAsia font (stack-facts.md §7).
 * Reproducible bytes: the library draws relationship ids from Math.random and stamps the current time, so the
 * document is built under a fixed pseudo-random sequence and the package is rewritten with the analysis time
 * (zip.ts).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ForensicError } from '../../core/errors.js';
import { type CjkFont, findCjkFont } from '../fonts.js';
import { type Block, fieldsTable, type Table as ModelTable, type ReportModel } from '../model.js';
import { chartPng } from '../raster.js';
import { fixCoreDates, normalizeZip } from '../zip.js';
import type { ReportWriter } from './writer.js';

const FONT = 'Noto Sans CJK SC';
const MONO = 'Consolas';
/** A4 width minus 2 cm margins on each side, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 2 * 1134;
const CHART_WIDTH_PX = 600;

const fonts = (mono = false) => ({
  ascii: mono ? MONO : FONT,
  hAnsi: mono ? MONO : FONT,
  cs: FONT,
  eastAsia: FONT,
});

function run(
  text: string,
  opts: { size?: number; bold?: boolean; mono?: boolean; color?: string } = {},
): TextRun {
  return new TextRun({
    text,
    font: fonts(opts.mono),
    ...(opts.size ? { size: opts.size } : {}),
    ...(opts.bold ? { bold: true } : {}),
    ...(opts.color ? { color: opts.color } : {}),
  });
}

function para(
  text: string,
  opts: { size?: number; bold?: boolean; mono?: boolean; color?: string } = {},
): Paragraph {
  return new Paragraph({ children: [run(text, opts)], spacing: { after: 60 } });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

function cell(
  text: string,
  width: number,
  opts: { header?: boolean; right?: boolean; mono?: boolean; size: number },
) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: BORDERS,
    margins: { top: 30, bottom: 30, left: 60, right: 60 },
    ...(opts.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EAF6' } } : {}),
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          ...(opts.right ? { alignment: AlignmentType.RIGHT } : {}),
          children: [run(line, { size: opts.size, bold: opts.header ?? false, mono: opts.mono ?? false })],
        }),
    ),
  });
}

function widths(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const out = weights.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  out[out.length - 1]! += TEXT_WIDTH - out.reduce((a, b) => a + b, 0);
  return out;
}

function table(t: ModelTable): (Paragraph | Table)[] {
  const size = t.dense ? 15 : 18;
  const w = widths(t.columns.map((c) => c.weight ?? 1));
  const header = new TableRow({
    tableHeader: true,
    children: t.columns.map((c, i) => cell(c.header, w[i]!, { header: true, size })),
  });
  const rows = t.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: t.columns.map((c, i) =>
          cell(r[i] ?? '', w[i]!, { right: c.align === 'right', mono: c.mono ?? false, size }),
        ),
      }),
  );
  const out: (Paragraph | Table)[] = [];
  if (t.caption)
    out.push(
      new Paragraph({
        keepNext: true,
        children: [run(t.caption, { bold: true, size: 19 })],
        spacing: { before: 120, after: 60 },
      }),
    );
  out.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: w,
      layout: TableLayoutType.FIXED,
      rows: t.headless ? rows : [header, ...rows],
    }),
  );
  if (t.note) out.push(para(t.note, { size: 16, color: '555555' }));
  else out.push(new Paragraph({ children: [], spacing: { after: 60 } }));
  return out;
}

const HEADINGS = { 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const;

function block(b: Block, font: CjkFont): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[b.level], children: [run(b.text, { bold: true })] })];
    case 'paragraph':
      return [
        para(
          b.text,
          b.tone === 'warning' ? { color: 'A06000' } : b.tone === 'note' ? { color: '555555' } : {},
        ),
      ];
    case 'list':
      return b.items.map(
        (item, i) =>
          new Paragraph({
            indent: { left: 420, hanging: 420 },
            spacing: { after: 40 },
            children: [run(`${b.ordered ? `${i + 1}.` : '•'}\t${item}`)],
            tabStops: [{ type: 'left', position: 420 }],
          }),
      );
    case 'fields':
      return table(fieldsTable(b.rows));
    case 'table':
      return table(b.table);
    case 'chart': {
      const { png, width, height } = chartPng(b.chart, font, 2);
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: 'png',
              data: png,
              transformation: {
                width: CHART_WIDTH_PX,
                height: Math.round((height / width) * CHART_WIDTH_PX),
              },
              altText: { name: b.chart.id, title: b.chart.title, description: b.chart.title },
            }),
          ],
        }),
      ];
    }
    case 'pre':
      return b.text
        .replace(/\n$/, '')
        .split('\n')
        .map((line) => new Paragraph({ spacing: { after: 0 }, children: [run(line, { size: 17 })] }));
  }
}

/** A fixed pseudo-random sequence (mulberry32) standing in for Math.random while the library builds ids. */
async function withFixedRandom<T>(fn: () => Promise<T>): Promise<T> {
  const saved = Math.random;
  let a = 0x5eed;
  Math.random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    return await fn();
  } finally {
    Math.random = saved;
  }
}

/**
 * The library numbers drawings (`wp:docPr id`) from a counter that lives as long as the process, so a second
 * document would get other ids; they only need to be unique within the document: number them 1, 2, … in order.
 */
export function renumberDrawings(xml: string): string {
  let n = 0;
  return xml.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++n}"`);
}

export async function renderDocx(m: ReportModel): Promise<Buffer> {
  const font = findCjkFont();
  const raw = await withFixedRandom(async () => {
    const children: (Paragraph | Table)[] = [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 120 },
        children: [run(m.caseName, { size: 32, bold: true })],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 360 },
        children: [run(m.title, { size: 36, bold: true })],
      }),
    ];
    for (const s of m.sections) {
      children.push(
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(s.title, { bold: true })] }),
      );
      for (const b of s.blocks) children.push(...block(b, font));
    }
    const heading = (size: number) => ({
      run: { font: fonts(), size, bold: true, color: '1F2A44' },
      paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
    });
    const doc = new Document({
      creator: 'xinjian',
      title: `${m.caseName} ${m.title}`,
      description: m.title,
      styles: {
        default: {
          document: {
            run: { font: fonts(), size: 20 },
            paragraph: { spacing: { line: 300, lineRule: LineRuleType.AUTO } },
          },
          heading1: heading(30),
          heading2: heading(28),
          heading3: heading(24),
          heading4: heading(21),
        },
      },
      sections: [
        {
          properties: {
            page: {
              size: { width: 11906, height: 16838 },
              margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
            },
          },
          footers: {
            default: new Footer({
              children: [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  children: [
                    new TextRun({
                      font: fonts(),
                      size: 16,
                      children: ['第 ', PageNumber.CURRENT, ' 页，共 ', PageNumber.TOTAL_PAGES, ' 页'],
                    }),
                  ],
                }),
              ],
            }),
          },
          children,
        },
      ],
    });
    return Packer.toBuffer(doc);
  });
  try {
    return normalizeZip(Buffer.from(raw), m.analysisTime, (name, data) => {
      if (name === 'docProps/core.xml')
        return Buffer.from(fixCoreDates(data.toString('utf8'), m.analysisTime), 'utf8');
      if (name === 'word/document.xml') return Buffer.from(renumberDrawings(data.toString('utf8')), 'utf8');
      return data;
    });
  } catch (e) {
    throw new ForensicError('REPORT', `DOCX packaging failed: ${(e as Error).message}`, { cause: e });
  }
}

export const docxWriter: ReportWriter = {
  format: 'docx',
  file: 'report.docx',
  write: renderDocx,
};
