/**
 * @module report/writers/pdf
 * report.pdf (Chinese, A4) from the model with pdfmake (on pdfkit): the Noto Sans CJK SC face is embedded as a
 * subset (stack-facts.md §7), charts are PNG (raster.ts), tables repeat their header rows, pages are numbered.
 * Needs a CJK font on the machine (fonts.ts); without one it fails with a message naming the package, and the
 * report service writes the other formats.
 */
import { createRequire } from 'node:module';
import { type CjkFont, findCjkFont } from '../fonts.js';
import { type Block, fieldsTable, type ReportModel, type Table } from '../model.js';
import { chartPng } from '../raster.js';
import type { ReportWriter } from './writer.js';

type Content = Record<string, unknown> | string;

interface PdfMake {
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  addFonts(fonts: Record<string, Record<string, string | [string, string]>>): void;
  createPdf(dd: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let pdfmake: PdfMake | null = null;

function load(font: CjkFont): PdfMake {
  if (!pdfmake) pdfmake = require('pdfmake') as PdfMake;
  const allowed = new Set([font.regular.path, font.bold.path]);
  pdfmake.setLocalAccessPolicy((p) => allowed.has(p));
  pdfmake.setUrlAccessPolicy(() => false);
  const face = (f: CjkFont['regular']): string | [string, string] => (f.face ? [f.path, f.face] : f.path);
  pdfmake.addFonts({
    cjk: {
      normal: face(font.regular),
      bold: face(font.bold),
      italics: face(font.regular),
      bolditalics: face(font.bold),
    },
  });
  return pdfmake;
}

/** A4 (595.28 pt) minus 2 cm margins. */
const CONTENT_WIDTH = 595.28 - 2 * 56.7;

const LAYOUT = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#999999',
  vLineColor: () => '#999999',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

function table(t: Table): Content[] {
  const fontSize = t.dense ? 7 : 8.5;
  const weights = t.columns.map((c) => c.weight ?? 1);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  // Cell padding (6 pt) and rules come on top of the widths given.
  const widths = weights.map((w) => (w / total) * (CONTENT_WIDTH - t.columns.length * 6.5));
  const header = t.columns.map((c) => ({ text: c.header, bold: true, fillColor: '#e8eaf6', fontSize }));
  const body = t.rows.map((r) =>
    t.columns.map((c, i) => ({
      text: r[i] ?? '',
      fontSize,
      ...(c.align === 'right' ? { alignment: 'right' } : {}),
    })),
  );
  const out: Content[] = [];
  if (t.caption) out.push({ text: t.caption, bold: true, fontSize: 9, margin: [0, 6, 0, 3] });
  out.push({
    table: t.headless
      ? { widths, body, dontBreakRows: true }
      : { headerRows: 1, widths, body: [header, ...body], dontBreakRows: true },
    layout: LAYOUT,
  });
  out.push(
    t.note
      ? { text: t.note, fontSize: 7.5, color: '#555555', margin: [0, 2, 0, 6] }
      : { text: '', margin: [0, 0, 0, 6] },
  );
  return out;
}

function block(b: Block, font: CjkFont): Content[] {
  switch (b.kind) {
    case 'heading':
      return [{ text: b.text, style: `h${b.level}` }];
    case 'paragraph':
      return [
        {
          text: b.text,
          margin: [0, 0, 0, 4],
          ...(b.tone === 'warning' ? { color: '#a06000' } : b.tone === 'note' ? { color: '#555555' } : {}),
        },
      ];
    case 'list':
      return [{ [b.ordered ? 'ol' : 'ul']: [...b.items], margin: [0, 0, 0, 6] }];
    case 'fields':
      return table(fieldsTable(b.rows));
    case 'table':
      return table(b.table);
    case 'chart': {
      const { png, width, height } = chartPng(b.chart, font, 2);
      const w = Math.min(CONTENT_WIDTH, 470);
      return [
        {
          image: `data:image/png;base64,${png.toString('base64')}`,
          width: w,
          height: (height / width) * w,
          alignment: 'center',
          margin: [0, 4, 0, 6],
        },
      ];
    }
    case 'pre':
      return [
        { text: b.text.replace(/\n$/, ''), fontSize: 8, preserveLeadingSpaces: true, margin: [0, 0, 0, 6] },
      ];
  }
}

export async function renderPdf(m: ReportModel): Promise<Buffer> {
  const font = findCjkFont();
  const pm = load(font);
  const content: Content[] = [
    { text: m.caseName, fontSize: 15, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
    { text: m.title, fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 16] },
  ];
  for (const s of m.sections) {
    content.push({ text: s.title, style: 'h1' });
    for (const b of s.blocks) content.push(...block(b, font));
  }
  const when = new Date(m.analysisTime);
  const dd = {
    pageSize: 'A4',
    pageMargins: [56.7, 56.7, 56.7, 56.7],
    info: {
      title: `${m.caseName} ${m.title}`,
      author: 'xinjian',
      creator: 'xinjian',
      producer: 'xinjian (pdfmake)',
      creationDate: when,
      modDate: when,
    },
    defaultStyle: { font: 'cjk', fontSize: 9, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 14, bold: true, margin: [0, 12, 0, 6] },
      h2: { fontSize: 13, bold: true, margin: [0, 10, 0, 5] },
      h3: { fontSize: 11.5, bold: true, margin: [0, 8, 0, 4] },
      h4: { fontSize: 10, bold: true, margin: [0, 6, 0, 3] },
    },
    footer: (page: number, pages: number) => ({
      text: `第 ${page} 页，共 ${pages} 页`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
    content,
  };
  return pm.createPdf(dd).getBuffer();
}

export const pdfWriter: ReportWriter = {
  format: 'pdf',
  file: 'report.pdf',
  write: renderPdf,
};
