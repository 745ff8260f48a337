/**
 * @module ingest/readers
 * The single explicit list of readers, and the function that picks one for a file.
 * Adding a format = one folder under readers/ + one line in READERS.
 */
import { readPrefix } from '../intake.js';
import type { LayoutHints, OpenedItem, OpenOptions, Probe, ReaderModule } from '../source.js';
import { delimitedReader } from './delimited/index.js';
import { jsonReader, ndjsonReader } from './json/index.js';
import { sqlReader } from './sql/index.js';
import { sqliteReader } from './sqlite/index.js';
import { xlsReader } from './xls/index.js';
import { xlsxReader } from './xlsx/index.js';

export const READERS: readonly ReaderModule[] = [
  sqliteReader,
  xlsxReader,
  xlsReader,
  sqlReader,
  ndjsonReader,
  jsonReader,
  delimitedReader,
];

const PROBE_BYTES = 64 * 1024;

/** Picks the most confident reader (ties: list order). */
export function chooseReader(probe: Probe, readers: readonly ReaderModule[] = READERS): ReaderModule {
  let best = readers[0]!;
  let score = -1;
  for (const r of readers) {
    const s = r.sniff(probe);
    if (s > score) {
      best = r;
      score = s;
    }
  }
  return best;
}

/** Opens an evidence file with the right reader; one OpenedItem per table in it. */
export async function openEvidence(
  absPath: string,
  path: string,
  hints: LayoutHints,
  opts: OpenOptions = {},
): Promise<{ reader: string; tables: OpenedItem[] }> {
  const prefix = await readPrefix(absPath, PROBE_BYTES);
  const probe: Probe = { path, head: prefix.bytes, complete: prefix.complete };
  const reader = chooseReader(probe);
  return { reader: reader.id, tables: await reader.open(absPath, probe, hints, opts) };
}
