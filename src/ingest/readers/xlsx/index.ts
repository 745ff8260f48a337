/**
 * @module ingest/readers/xlsx
 * The XLSX reader module: one item per worksheet (`book.xlsx#Sheet1`), read as a stream (see workbook.ts for the
 * parts and why exceljs' reader is not used, cells.ts for the cell texts, sheet-layout.ts for the accounting).
 */
import { IngestError } from '../../../core/errors.js';
import type { OpenedItem, Probe, ReaderModule } from '../../source.js';
import { openSheet } from './sheet-layout.js';
import { openWorkbook, sheetRows } from './workbook.js';

function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

function fail(path: string, e: unknown): never {
  if (e instanceof IngestError) throw e;
  throw new IngestError(`${path}: ${(e as Error).message}`, { cause: e });
}

export const xlsxReader: ReaderModule = {
  id: 'xlsx',
  sniff(probe: Probe) {
    const p = probe.path.toLowerCase();
    const ext = p.endsWith('.xlsx') || p.endsWith('.xlsm') || p.endsWith('.xltx') || p.endsWith('.xltm');
    if (isZip(probe.head)) {
      const text = Buffer.from(probe.head).toString('latin1');
      if (ext || text.includes('xl/workbook.xml') || text.includes('xl/worksheets/')) return 0.95;
      return 0;
    }
    // An .xlsx that is not a ZIP (truncated, renamed): still ours, so that the error names the problem.
    return ext ? 0.5 : 0;
  },
  async open(absPath, probe, hints) {
    let wb: Awaited<ReturnType<typeof openWorkbook>>;
    try {
      if (!isZip(probe.head)) {
        const ole =
          probe.head[0] === 0xd0 &&
          probe.head[1] === 0xcf &&
          probe.head[2] === 0x11 &&
          probe.head[3] === 0xe0;
        throw new Error(
          ole
            ? 'an OLE2 container, not a ZIP: a password-protected (encrypted) workbook, or an .xls renamed to .xlsx'
            : 'not a ZIP file (an XLSX workbook is one): damaged or renamed',
        );
      }
      wb = await openWorkbook(absPath);
    } catch (e) {
      fail(probe.path, e);
    }
    const items: OpenedItem[] = [];
    for (const sheet of wb.sheets) {
      const display = `${probe.path}#${sheet.name}`;
      const source = async function* () {
        try {
          yield* sheetRows(absPath, wb, sheet);
        } catch (e) {
          fail(display, e);
        }
      };
      const skipped = wb.skipped.length > 0 ? `; not worksheets, not read: ${wb.skipped.join(', ')}` : '';
      items.push(
        await openSheet(source, hints, {
          format: 'xlsx',
          suffix: `#${sheet.name}`,
          evidence: `XLSX worksheet ${sheet.name}${sheet.state !== 'visible' ? ` (${sheet.state})` : ''}${skipped}`,
        }),
      );
    }
    if (items.length === 0) throw new IngestError(`${probe.path}: the workbook has no worksheet`);
    return items;
  },
};
