/**
 * @module detect/recognizers/lib/types
 * Compatible extensions of the recognizer contract (`../../recognizer.ts`) used inside this folder:
 * a recognizer that exposes its named regexes, and test vectors that carry a context.
 */
import type { Recognizer, RecognizerVector, ValueStatus } from '../../recognizer.js';

/** A recognizer that also exposes its named regexes (checked by `recognizers.case.test.ts`). */
export interface PatternRecognizer extends Recognizer {
  /** Every regex `match`/`scan` uses, by name. Match-time regexes must not be global/sticky (no lastIndex state). */
  readonly patterns: Readonly<Record<string, RegExp>>;
}

/** Analysis date used by vectors unless a vector sets its own. */
export const VECTOR_ANALYSIS_DATE = '2024-06-30';

/**
 * A test vector: `RecognizerVector` plus the context it runs in. The runner passes `value` through
 * `normalizeText` first, so full-width forms can be written as they appear in evidence.
 */
export interface RecognizerCase extends RecognizerVector {
  /** Column typed by its header (default false). */
  readonly viaHeader?: boolean;
  /** Analysis date (default `VECTOR_ANALYSIS_DATE`). */
  readonly analysisDate?: string;
  /** Expected `Verdict.pattern` (omit to skip the check). */
  readonly pattern?: string;
  /** Expected `Verdict.warning` (omit to skip; `''` asserts there is none). */
  readonly warning?: string;
}

/** A free-text scanning vector: the exact substrings expected, in order, with their statuses. */
export interface ScanCase {
  readonly text: string;
  readonly found: readonly {
    readonly value: string;
    readonly status: ValueStatus;
    readonly normalized?: string;
  }[];
  readonly note: string;
}
