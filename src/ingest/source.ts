/**
 * @module ingest/source
 * The reader contract: every reader turns one evidence item into a stream of row events with positions.
 * Readers know nothing of recognizers; header detection gets its vocabulary through `LayoutHints`.
 */
import type { EncodingGuess } from './encoding/detect.js';

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
  | 'text_after_quote';

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
  readonly encoding: EncodingGuess;
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
  readonly layout: ItemLayout;
  /** The first records (up to the sample size), for column inference. */
  readonly sample: readonly string[][];
  /** Full pass over the item: every physical line accounted for as a record, a non-record line or part of one. */
  rows(): AsyncIterable<RowEvent>;
}
