/**
 * @module report/read-back
 * Reads the documents back as text (DOCX paragraphs, XLSX cells, PDF via poppler's pdftotext, HTML without tags):
 * for the tests that check every section, hash and mask, and for anyone checking a report by machine.
 */
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { ForensicError } from '../core/errors.js';
import { readZip } from './zip.js';

function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** The text of a DOCX body, one line per paragraph (table cells are paragraphs too). */
export function docxText(buf: Buffer): string {
  const doc = readZip(buf).find((e) => e.name === 'word/document.xml');
  if (!doc) throw new ForensicError('REPORT', 'not a DOCX: no word/document.xml');
  const xml = doc.data.toString('utf8');
  return decodeEntities(
    xml
      .replace(/<w:tab\/>/g, '\t')
      .replace(/<\/w:p>/g, '\n')
      .replace(/<[^>]+>/g, ''),
  );
}

/** Every non-empty cell of every sheet, as `sheet!A1\ttext` lines. */
export async function xlsxCells(buf: Buffer): Promise<{ sheets: string[]; cells: Map<string, string[][]> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const cells = new Map<string, string[][]>();
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, i) => {
      const r: string[] = [];
      row.eachCell({ includeEmpty: true }, (c, j) => {
        r[j - 1] = c.text ?? '';
      });
      rows[i - 1] = Array.from(r, (x) => x ?? '');
    });
    cells.set(
      ws.name,
      Array.from(rows, (x) => x ?? []),
    );
  }
  return { sheets: wb.worksheets.map((w) => w.name), cells };
}

/** The text of a PDF (pdftotext from poppler-utils, in reading order). */
export function pdfText(path: string): string {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error || r.status !== 0) {
    throw new ForensicError(
      'REPORT',
      `pdftotext failed (${r.error?.message ?? r.stderr}); install the Debian package poppler-utils`,
    );
  }
  return r.stdout;
}

/** The visible text of an HTML document (tags removed, entities decoded; SVG text kept). */
export function htmlText(html: string): string {
  return decodeEntities(
    html
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<(?:br|\/p|\/tr|\/li|\/h\d|\/dd|\/caption)>/g, '\n')
      .replace(/<\/t[dh]>/g, '\t')
      .replace(/<[^>]+>/g, ''),
  );
}
