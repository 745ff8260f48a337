/**
 * @module report/writers/xlsx
 * appendix.xlsx: the model's sheets (per-item table, column detection, invalid-record examples, duplicate
 * groups, category counts, sample strata and records, hash list), typed cells, frozen header rows. The package
 * is rewritten by zip.ts with the analysis time as the only timestamp, so the bytes are reproducible.
 */
import ExcelJS from 'exceljs';
import type { ReportModel, Sheet } from '../model.js';
import { fixCoreDates, normalizeZip } from '../zip.js';
import type { ReportWriter } from './writer.js';

/** Excel's limit on a sheet name (31 characters, no []:*?/\). */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
}

function addSheet(wb: ExcelJS.Workbook, s: Sheet): void {
  const ws = wb.addWorksheet(sheetName(s.name), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of s.rows) ws.addRow([...r]);
}

/** Builds an XLSX package from sheets, deterministically (same sheets + time → same bytes). */
export async function writeSheets(sheets: readonly Sheet[], time: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const when = new Date(time);
  wb.creator = 'xinjian';
  wb.lastModifiedBy = 'xinjian';
  wb.created = when;
  wb.modified = when;
  for (const s of sheets) addSheet(wb, s);
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  return normalizeZip(raw, time, (name, data) =>
    name === 'docProps/core.xml' ? Buffer.from(fixCoreDates(data.toString('utf8'), time), 'utf8') : data,
  );
}

export const xlsxWriter: ReportWriter = {
  format: 'xlsx',
  file: 'appendix.xlsx',
  async write(model: ReportModel) {
    return writeSheets(model.sheets, model.analysisTime);
  },
};
