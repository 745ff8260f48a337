/**
 * @module ingest/readers/xls
 * Legacy Excel workbooks (`.xls`: BIFF2–8 in an OLE2 container, and the HTML/SpreadsheetML files that Chinese
 * systems often export under an `.xls` name): one item per sheet (`book.xls#Sheet1`), same accounting as XLSX
 * (xlsx/sheet-layout.ts) and same cell texts (xlsx/cells.ts).
 *
 * Route (decided): `@e965/xlsx` 0.20.3 — SheetJS republished with the fixes for CVE-2023-30533 (prototype
 * pollution) and CVE-2024-22363 (ReDoS) that npm's frozen `xlsx` 0.18.5 lacks — run in a worker thread with
 * `resourceLimits` (heap) and a wall-clock timeout. SheetJS has no streaming parser for BIFF, so the worker holds
 * one workbook; the format itself caps a sheet at 65,536 × 256 cells, and the file size and cell count are capped
 * here too. A crafted file can at worst exhaust the worker's heap or time, which ends the worker and fails the
 * item with a clear error; it cannot take the analysis down. LibreOffice conversion was not chosen: it is not on
 * the machines by default, is slower to start (≈1–2 s per file) and would add a second parser to trust.
 */
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { IngestError } from '../../../core/errors.js';
import type { OpenedItem, Probe, ReaderModule } from '../../source.js';
import { openSheet } from '../xlsx/sheet-layout.js';
import type { XlsReply } from './worker.js';

export const XLS_LIMITS = {
  maxFileBytes: 256 * 1024 * 1024,
  maxCells: 30_000_000,
  heapMb: 2048,
  timeoutMs: 180_000,
};

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function isOle2(head: Uint8Array): boolean {
  return OLE2.every((b, i) => head[i] === b);
}

const FROM_SOURCE = import.meta.url.endsWith('.ts');

function workerUrl(): URL {
  return new URL(FROM_SOURCE ? './worker.ts' : './worker.js', import.meta.url);
}

/** Parses the workbook in a worker with limits. */
export function parseInWorker(
  absPath: string,
  display: string,
  limits = XLS_LIMITS,
): Promise<Extract<XlsReply, { ok: true }>> {
  return new Promise((resolve, reject) => {
    // Running from TypeScript sources (tests): the worker registers the tsx loader before importing the worker.
    const entry = FROM_SOURCE
      ? `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(workerUrl().href)}); })`
      : workerUrl();
    const w = new Worker(entry, {
      eval: FROM_SOURCE,
      workerData: { path: absPath, maxCells: limits.maxCells },
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (err: IngestError | null, value?: Extract<XlsReply, { ok: true }>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void w.terminate();
      if (err) reject(err);
      else resolve(value!);
    };
    const timer = setTimeout(
      () =>
        finish(new IngestError(`${display}: parsing took longer than ${limits.timeoutMs / 1000} s; stopped`)),
      limits.timeoutMs,
    );
    w.on('message', (m: XlsReply) => {
      if (m.ok) finish(null, m);
      else finish(new IngestError(`${display}: not a readable Excel workbook: ${m.error}`));
    });
    w.on('error', (e: Error & { code?: string }) => {
      const msg =
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `parsing needs more than ${limits.heapMb} MB of memory; stopped`
          : `not a readable Excel workbook: ${e.message}`;
      finish(new IngestError(`${display}: ${msg}`, { cause: e }));
    });
    w.on('exit', (code) =>
      finish(new IngestError(`${display}: the parser stopped (exit code ${code}) without a result`)),
    );
  });
}

export const xlsReader: ReaderModule = {
  id: 'xls',
  sniff(probe: Probe) {
    const p = probe.path.toLowerCase();
    const ext = p.endsWith('.xls') || p.endsWith('.xlt');
    if (isOle2(probe.head)) return ext ? 0.95 : 0.3;
    if (!ext) return 0;
    // HTML tables and SpreadsheetML saved as .xls.
    const text = Buffer.from(probe.head.subarray(0, 2048)).toString('latin1').trimStart().toLowerCase();
    return text.startsWith('<') ? 0.9 : 0.05;
  },
  async open(absPath, probe, hints) {
    const size = (await stat(absPath)).size;
    if (size > XLS_LIMITS.maxFileBytes) {
      throw new IngestError(
        `${probe.path}: ${size} bytes is more than the ${XLS_LIMITS.maxFileBytes}-byte limit for .xls`,
      );
    }
    const wb = await parseInWorker(absPath, probe.path);
    const items: OpenedItem[] = [];
    for (const sheet of wb.sheets) {
      const source = async function* () {
        yield* sheet.rows;
      };
      items.push(
        await openSheet(source, hints, {
          format: 'xls',
          suffix: `#${sheet.name}`,
          evidence: `Excel sheet ${sheet.name}${sheet.hidden ? ' (hidden)' : ''}, parsed by SheetJS (@e965/xlsx) in a worker`,
        }),
      );
    }
    if (items.length === 0) throw new IngestError(`${probe.path}: the workbook has no sheet`);
    return items;
  },
};
