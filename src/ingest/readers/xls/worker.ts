/**
 * @module ingest/readers/xls/worker
 * Runs inside a worker thread with memory limits (see index.ts): parses a legacy workbook with SheetJS and posts
 * back the cell texts of every sheet. Nothing here touches the file system except reading the one file.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import * as XLSX from '@e965/xlsx';
import { formatNumber, serialToIso } from '../xlsx/cells.js';

export interface XlsSheet {
  readonly name: string;
  readonly hidden: boolean;
  readonly rows: { row: number; cells: string[] }[];
}

export type XlsReply = { ok: true; sheets: XlsSheet[]; date1904: boolean } | { ok: false; error: string };

function cellText(c: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!c || c.v === undefined || c.v === null) return '';
  switch (c.t) {
    case 's':
      return String(c.v);
    case 'b':
      return c.v ? 'TRUE' : 'FALSE';
    case 'e':
      return c.w ?? `#ERR${String(c.v)}`;
    case 'd':
      return c.v instanceof Date
        ? c.v.toISOString().replace('.000Z', '').replace('T00:00:00', '')
        : String(c.v);
    case 'n': {
      const x = Number(c.v);
      if (c.z !== undefined && XLSX.SSF.is_date(String(c.z))) return serialToIso(x, date1904);
      return formatNumber(x);
    }
    default:
      return String(c.v);
  }
}

function run(path: string, maxCells: number): XlsReply {
  const buf = readFileSync(path);
  // raw: text formats (HTML tables, SpreadsheetML, CSV under .xls) keep cell text as written: no number guessing.
  const wb = XLSX.read(buf, {
    type: 'buffer',
    dense: true,
    cellNF: true,
    cellDates: false,
    cellHTML: false,
    raw: true,
  });
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheets: XlsSheet[] = [];
  let cells = 0;
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name];
    const hidden = Boolean(wb.Workbook?.Sheets?.[i]?.Hidden);
    const rows: { row: number; cells: string[] }[] = [];
    const data = (ws as unknown as { '!data'?: (XLSX.CellObject | undefined)[][] })?.['!data'] ?? [];
    for (let r = 0; r < data.length; r++) {
      const row = data[r];
      if (!row) continue;
      const out: string[] = [];
      for (let c = 0; c < row.length; c++) out.push(cellText(row[c], date1904));
      cells += out.length;
      if (cells > maxCells) throw new Error(`more than ${maxCells} cells`);
      rows.push({ row: r + 1, cells: out });
    }
    sheets.push({ name, hidden, rows });
  });
  return { ok: true, sheets, date1904 };
}

if (parentPort) {
  const { path, maxCells } = workerData as { path: string; maxCells: number };
  let reply: XlsReply;
  try {
    reply = run(path, maxCells);
  } catch (e) {
    reply = { ok: false, error: (e as Error).message };
  }
  parentPort.postMessage(reply);
}
