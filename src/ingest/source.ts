/**
 * @module ingest/source
 * The reader contract: every reader turns one evidence item into a stream of row events with positions.
 * Readers know nothing of recognizers; header detection gets its vocabulary through `LayoutHints`.
 */
import type { EncodingGuess } from './encoding/detect.js';
import type { ByteRange } from './encoding/lines.js';

export type { ByteRange };

export type NonRecordReason = 'header' | 'repeated_header' | 'title' | 'blank' | 'separator' | 'comment';

export const NON_RECORD_REASONS: readonly NonRecordReason[] = [
  'header',
  'repeated_header',
  'title',
  'blank',
  'separator',
  'comment',
];

export type WarningKind =
  | 'invalid_bytes'
  | 'field_count'
  | 'extra_delimiters_joined'
  | 'unbalanced_quote'
  | 'text_after_quote'
  /** A statement that may insert rows which the reader cannot read as records (SQL `INSERT … SET/SELECT`). */
  | 'unparsed_statement';

export type RowEvent =
  | {
      readonly kind: 'record';
      /** First physical line of the record (1-based). */
      readonly line: number;
      /** Last physical line (differs from `line` when a quoted field spans lines). */
      readonly endLine: number;
      readonly fields: string[];
    }
  | {
      readonly kind: 'non_record';
      readonly line: number;
      readonly reason: NonRecordReason;
      readonly text: string;
    }
  | {
      readonly kind: 'warning';
      readonly line: number;
      readonly warning: WarningKind;
      readonly detail: string;
    };

/** Vocabulary supplied by the caller (services) so that readers can find header rows. */
export interface LayoutHints {
  /** True when the cell text is a known column-header word (姓名, 身份证号, sjhm …). */
  isHeaderWord(cell: string): boolean;
  /** True when the cell text looks like a data value (an identifier, a date …), i.e. not a header. */
  looksLikeValue(cell: string): boolean;
}

export interface ItemLayout {
  /** `csv` (comma/semicolon), `tsv` (tab), `txt` (other delimiters or single column). */
  readonly format: string;
  /** Text encoding, or null for binary formats (XLSX, SQLite). */
  readonly encoding: EncodingGuess | null;
  readonly delimiter: string | null;
  readonly delimiterEvidence: string;
  /** Header cells, or null for a headerless item. */
  readonly header: readonly string[] | null;
  readonly headerLine: number | null;
  readonly titleLines: readonly number[];
  readonly columns: number;
  readonly headerEvidence: string;
}

export interface OpenedItem {
  /** Appended to the file's item path for sub-items: `#Sheet1` (workbook sheet), `#users` (database table). */
  readonly suffix: string | null;
  readonly layout: ItemLayout;
  /** The first records (up to the sample size), for column inference. */
  readonly sample: readonly string[][];
  /** Full pass over the item: every physical line accounted for as a record, a non-record line or part of one. */
  rows(): AsyncIterable<RowEvent>;
  /**
   * The same pass as `rows()` in batches (readers that can produce events a chunk at a time offer it: consumers
   * then handle a batch in one synchronous loop). Use `rowBatches(item)`, which falls back to `rows()`.
   */
  batches?(): AsyncIterable<readonly RowEvent[]>;
  /**
   * Offered by line-oriented text readers whose encoding never uses a 0x0A byte inside a character (UTF-8,
   * GB18030, Big5): the full pass over one byte range only (see `RangePass`), so that a large file can be read in
   * parallel parts. The ranges must start at line starts; line numbers stay those of the whole file.
   */
  rangePass?(range: ByteRange, last: boolean): RangePass;
  /**
   * How far the current full pass has read, in bytes of the item's file (for progress display; readers that
   * cannot tell leave it out). `total` is the file size.
   */
  progress?(): { readonly bytes: number; readonly total: number };
}

/** What a reader is told about the file it may open. */
export interface Probe {
  /** Item path relative to the evidence root (`/` separators), used for extensions and messages. */
  readonly path: string;
  /** The first bytes of the file (up to 64 KiB). */
  readonly head: Uint8Array;
  /** True when `head` is the whole file. */
  readonly complete: boolean;
}

export interface OpenOptions {
  /** Delimiter forced by the case manifest (`null` = single column); delimited text only. */
  readonly delimiter?: string | null;
}

/**
 * One reader per format. `sniff` says how sure it is that it can read the file (0 = not at all, 1 = certain,
 * e.g. from magic bytes); the most confident reader opens the file and returns one OpenedItem per table
 * (one for a text dump, one per sheet of a workbook, one per table of a database).
 */
export interface ReaderModule {
  readonly id: string;
  sniff(probe: Probe): number;
  open(absPath: string, probe: Probe, hints: LayoutHints, opts: OpenOptions): Promise<OpenedItem[]>;
}

/** One part of a split full pass. */
export interface RangePass {
  batches(): AsyncIterable<readonly RowEvent[]>;
  /**
   * After the pass: true when the range ended inside a quoted field (a record continuing into the next range).
   * The parts then do not add up to the whole pass: the caller must read the item in one pass instead. The last
   * range of a file never reports this (a quote still open at the end is read literally, as in the whole pass).
   */
  endedInQuote(): boolean;
  /** Bytes of the range read so far (for progress display). */
  bytesRead(): number;
}

const FALLBACK_BATCH = 1024;

/** Row events one by one from a batched pass (for readers and views that produce batches natively). */
export async function* rowsOf(batches: AsyncIterable<readonly RowEvent[]>): AsyncGenerator<RowEvent> {
  for await (const batch of batches) yield* batch;
}

/** The full pass over an item in batches: the reader's own batches, or `rows()` grouped. */
export async function* rowBatches(item: OpenedItem): AsyncGenerator<readonly RowEvent[]> {
  if (item.batches) {
    yield* item.batches();
    return;
  }
  let batch: RowEvent[] = [];
  for await (const ev of item.rows()) {
    batch.push(ev);
    if (batch.length >= FALLBACK_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
