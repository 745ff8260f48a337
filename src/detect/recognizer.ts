/**
 * @module detect/recognizer
 * The recognizer contract (Presidio-style, adapted to column-wise forensic counting).
 * A recognizer decides, for ONE already-normalised cell value, whether it is a value of its field type
 * and whether that value is valid, masked, truncated (spreadsheet-mangled) or invalid — with an explanation.
 * Recognizers are pure: no I/O, no clock (the analysis date is passed in), no shared state.
 */
import type { FieldType } from '../core/field-types.js';

/**
 * - `valid`: the value is of this type and passes every validator.
 * - `invalid`: identifier-shaped but fails a validator (reason says which).
 * - `masked`: identifier-shaped with mask characters (`*`, `＊`, `×`, runs of x/X).
 * - `truncated`: mangled by a spreadsheet (scientific notation, 15-significant-digit loss).
 * - `nomatch`: not even shaped like this type.
 */
export type ValueStatus = 'valid' | 'invalid' | 'masked' | 'truncated' | 'nomatch';

export interface Verdict {
  readonly status: ValueStatus;
  /** Canonical form for keys (e.g. 18-digit ID with upper-case X, mobile without +86). Empty for nomatch. */
  readonly normalized: string;
  /** Machine code of the reason for invalid/masked/truncated/nomatch, e.g. `check_digit`, `birth_date`. */
  readonly reason?: string;
  /** Name of the pattern that matched, e.g. `id18`, `id15`, `mobile_cn`. */
  readonly pattern?: string;
  /** Validators run and their outcome, e.g. `['gb11643:ok', 'province:ok', 'date:ok']`. */
  readonly checks?: readonly string[];
  /** Valid but with a warning (e.g. UnionPay 62 prefix failing Luhn). */
  readonly warning?: string;
}

/** Per-call context: the analysis date bounds birth dates; nothing else is global. */
export interface RecognizeContext {
  /** ISO date `YYYY-MM-DD`: birth dates after it are invalid. */
  readonly analysisDate: string;
  /**
   * True when the column was typed by its header (or by the case manifest), not by its values alone.
   * Some types relax their value rules then: a person-name column accepts any 2–4 CJK name, a money column
   * accepts bare numbers (counting-rules.md §2, name row).
   */
  readonly viaHeader?: boolean;
}

/** A span found by free-text scanning (digit-boundary safe). */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly verdict: Verdict;
}

export interface Recognizer {
  /** `<region>.<thing>`, e.g. `cn.resident_id`. Unique. */
  readonly id: string;
  readonly type: FieldType;
  readonly version: string;
  /** Standard or source the pattern and validator follow (e.g. `GB 11643-1999`). */
  readonly reference: string;
  /**
   * Header vocabulary (Chinese, English, pinyin abbreviations), compared with `normalizeHeader(header)`.
   * A word matches when it equals the header, or — for words of 2+ CJK characters or 4+ letters — is contained in it.
   */
  readonly headerWords: readonly string[];
  /**
   * Header words that must NOT be taken as this type even if a header word is contained
   * (e.g. `紧急联系人姓名` is still a name, but `用户名` is not a person name).
   */
  readonly headerExclude?: readonly string[];
  /** True for types that values alone cannot establish (QQ, WeChat ID, password): header or manifest needed. */
  readonly contextRequired: boolean;
  /** Judge one cell value, already normalised by `normalizeText` (NFKC, trimmed, white space collapsed). */
  match(value: string, ctx: RecognizeContext): Verdict;
  /** Optional: find values of this type inside free text, never inside a longer digit run. */
  scan?(text: string, ctx: RecognizeContext): Span[];
}

/** Test vector format used by every `<id>.vectors.ts` file. */
export interface RecognizerVector {
  readonly value: string;
  readonly status: ValueStatus;
  /** Expected canonical value when status is valid/invalid (omit to skip the check). */
  readonly normalized?: string;
  readonly reason?: string;
  readonly note: string;
}

/** Helper: the verdict for "not this type". */
export function noMatch(reason = 'shape'): Verdict {
  return { status: 'nomatch', normalized: '', reason };
}
