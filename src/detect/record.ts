/**
 * @module detect/record
 * Judges one record: valid or the first applicable invalid reason (counting-rules.md §3), and for valid records
 * the fields of the exact-duplicate key and of the data-subject key (§4), spelled by `exactKeyOf` and
 * `subjectKeyOf`. Pure and allocation-light: it runs once per record.
 */
import type { CategoryId } from '../core/categories.js';
import { FIELD_TYPE_CODES, FIELD_TYPES, type FieldType, STRONG_IDENTIFIERS } from '../core/field-types.js';
import { normalizeText } from '../core/normalize.js';
import type { ColumnDecision } from './columns.js';
import type { RecognizeContext, Recognizer, Verdict } from './recognizer.js';
import { recognizerFor } from './recognizers/index.js';

export const INVALID_REASONS = [
  'empty',
  'masked',
  'truncated',
  'invalid_identifier',
  'not_identifying',
] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

export const INVALID_REASON_LABELS: Readonly<Record<InvalidReason, string>> = {
  empty: '空记录（所有字段为空）',
  masked: '已脱敏（标识值均含掩码字符）',
  truncated: '被表格软件截断（科学计数法等）',
  invalid_identifier: '标识值均无效（校验位、日期、号段等不符）',
  not_identifying: '不含可识别身份的信息',
};

interface TypedColumn {
  readonly index: number;
  readonly type: FieldType;
  readonly recognizer: Recognizer;
  readonly ctx: RecognizeContext;
  readonly strong: boolean;
  /** Position of the type in SUBJECT_SINGLE (the subject-key preference), or -1. */
  readonly subjectRank: number;
}

/** A column plan compiled once per item. */
export interface RecordPlan {
  readonly category: CategoryId | null;
  readonly typed: readonly TypedColumn[];
}

export function compilePlan(
  decisions: readonly ColumnDecision[],
  category: CategoryId | null,
  analysisDate: string,
): RecordPlan {
  const typed: TypedColumn[] = [];
  for (const d of decisions) {
    if (d.type === null) continue;
    typed.push({
      index: d.index,
      type: d.type,
      recognizer: recognizerFor(d.type),
      ctx: { analysisDate, viaHeader: d.viaHeader },
      strong: STRONG_IDENTIFIERS.includes(d.type),
      subjectRank: SUBJECT_SINGLE.indexOf(d.type),
    });
  }
  // Exact keys list typed fields by type name; a stable sort keeps column order within a type.
  typed.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  return { category, typed };
}

export interface FieldVerdict {
  readonly index: number;
  readonly type: FieldType;
  readonly value: string;
  readonly verdict: Verdict;
}

export interface RecordJudgement {
  /** null when the record is valid. */
  readonly reason: InvalidReason | null;
  /** For valid records: the subject-key type (`resident_id`, …, `person_name+address`); '' otherwise. */
  readonly subjectType: string;
  /** The typed, non-empty fields in key order (by type name, then column). */
  readonly fields: readonly FieldVerdict[];
  /** For valid records: the field(s) the subject key is made of (one identifier, or a name and its partner). */
  readonly subject: readonly FieldVerdict[];
}

const SEP = '\u001f';

/** Injective escaping of key parts: control characters and the backslash become `\xHH`. */
export function escapeKeyPart(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(ESCAPED, (x) => `\\x${x.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** One native scan decides whether anything needs escaping (measured faster than a character loop). */
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f\\]/;
const ESCAPED = new RegExp(NEEDS_ESCAPE.source, 'g');

const SUBJECT_SINGLE: readonly FieldType[] = [
  'resident_id',
  'mobile',
  'bank_card',
  'email',
  'qq',
  'wechat',
  'passport',
];

function canonical(f: FieldVerdict): string {
  const s = f.verdict.status;
  return (s === 'valid' || s === 'invalid') && f.verdict.normalized.length > 0
    ? f.verdict.normalized
    : f.value;
}

/** Judges one record against a compiled plan. */
export function judgeRecord(fields: readonly string[], plan: RecordPlan): RecordJudgement {
  const judged: FieldVerdict[] = [];
  let validStrong = false;
  let shapedStrong = 0;
  let maskedStrong = 0;
  let truncatedStrong = 0;
  let validName: FieldVerdict | undefined;
  let validAddress: FieldVerdict | undefined;
  let validLandline: FieldVerdict | undefined;
  let subject: FieldVerdict | undefined;
  let subjectRank = SUBJECT_SINGLE.length;
  for (const col of plan.typed) {
    const raw = fields[col.index];
    if (raw === undefined || raw.length === 0) continue;
    const value = normalizeText(raw);
    if (value.length === 0) continue;
    const verdict = col.recognizer.match(value, col.ctx);
    const fv: FieldVerdict = { index: col.index, type: col.type, value, verdict };
    judged.push(fv);
    const st = verdict.status;
    if (st === 'valid' && col.subjectRank >= 0 && col.subjectRank < subjectRank) {
      subject = fv;
      subjectRank = col.subjectRank;
    }
    if (col.strong) {
      if (st === 'valid') validStrong = true;
      else if (st !== 'nomatch') {
        shapedStrong++;
        if (st === 'masked') maskedStrong++;
        else if (st === 'truncated') truncatedStrong++;
      }
    } else if (st === 'valid') {
      if (col.type === 'person_name') validName ??= fv;
      else if (col.type === 'address') validAddress ??= fv;
      else if (col.type === 'landline') validLandline ??= fv;
    }
  }
  // A typed field with text settles that the record is not empty; otherwise every field is looked at (each value
  // is normalised once).
  if (judged.length === 0 && !anyText(fields)) {
    return { reason: 'empty', subjectType: '', fields: judged, subject: NONE };
  }
  const identifies =
    validStrong || (validName !== undefined && (validAddress !== undefined || validLandline !== undefined));
  if (!identifies) {
    let reason: InvalidReason = 'not_identifying';
    if (shapedStrong > 0) {
      if (maskedStrong === shapedStrong) reason = 'masked';
      else if (truncatedStrong === shapedStrong) reason = 'truncated';
      else reason = 'invalid_identifier';
    }
    return { reason, subjectType: '', fields: judged, subject: NONE };
  }

  // The first valid field of the most preferred single-identifier type (judged order within a type); else the
  // name with its address (or landline).
  if (subject) return { reason: null, subjectType: subject.type, fields: judged, subject: [subject] };
  const other = validAddress ?? validLandline!;
  return {
    reason: null,
    subjectType: validAddress ? 'person_name+address' : 'person_name+landline',
    fields: judged,
    subject: [validName!, other],
  };
}

const NONE: readonly FieldVerdict[] = [];

/** True when some field has text after normalisation. */
function anyText(fields: readonly string[]): boolean {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (f !== undefined && f.length > 0 && normalizeText(f).length > 0) return true;
  }
  return false;
}

/** `U+001F <code> =` before each value of an exact key, per type. */
const EXACT_PREFIX = Object.fromEntries(
  FIELD_TYPES.map((t) => [t, `${SEP}${FIELD_TYPE_CODES[t]}=`]),
) as Readonly<Record<FieldType, string>>;

/** `<code>:` before a single-identifier subject key, per type. */
const SUBJECT_PREFIX = Object.fromEntries(FIELD_TYPES.map((t) => [t, `${FIELD_TYPE_CODES[t]}:`])) as Readonly<
  Record<FieldType, string>
>;

/**
 * The exact-duplicate key of a valid record (counting-rules.md §4.1): `U+001F <type code> = <value>` for every
 * typed, non-empty field in key order, values normalised and escaped (`escapeKeyPart`); '' for an invalid record.
 * The category is not in the key: it is staged in its own column, and every count groups by it. One string, built
 * by concatenation and encoded once (measured: faster than writing the pieces into the staging buffer one by one).
 */
export function exactKeyOf(j: RecordJudgement): string {
  if (j.reason !== null) return '';
  const fields = j.fields;
  let key = '';
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    key += EXACT_PREFIX[f.type] + escapeKeyPart(canonical(f));
  }
  return key;
}

/**
 * The data-subject key of a valid record (§4.2): `<type code>:<value>` for one identifier, or
 * `<name code>+<partner code>:<name> U+001F <partner>` for a name with its address or landline; '' for an
 * invalid record.
 */
export function subjectKeyOf(j: RecordJudgement): string {
  const [first, second] = j.subject;
  if (j.reason !== null || !first) return '';
  if (!second) return SUBJECT_PREFIX[first.type] + escapeKeyPart(first.verdict.normalized || first.value);
  return (
    `${FIELD_TYPE_CODES[first.type]}+${SUBJECT_PREFIX[second.type]}${escapeKeyPart(canonical(first))}` +
    `${SEP}${escapeKeyPart(canonical(second))}`
  );
}
