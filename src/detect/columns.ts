/**
 * @module detect/columns
 * Column inference: decides one field type per column from its header word and a vote over sampled values,
 * then (in the census) every row is judged with that type. Every decision carries its explanation
 * (pii-detection-anchors.md §4: header context as a first-class signal; sample to decide, census to count).
 */
import { FIELD_TYPE_LABELS, type FieldType } from '../core/field-types.js';
import { normalizeHeader, normalizeText } from '../core/normalize.js';
import { headerTypes } from './header-match.js';
import type { RecognizeContext, Recognizer } from './recognizer.js';
import { RECOGNIZERS, recognizerFor } from './recognizers/index.js';

export type DecisionSource = 'manifest' | 'header' | 'values' | 'structure';

export interface TypeVote {
  readonly type: FieldType;
  /** Share of non-empty sampled values shaped like the type (valid, invalid, masked or truncated). */
  readonly shaped: number;
  /** Share of non-empty sampled values valid for the type. */
  readonly valid: number;
  /** Share that is valid, masked or truncated: evidence of the type stronger than the bare shape. */
  readonly strong: number;
}

export interface ColumnDecision {
  readonly index: number;
  readonly header: string | null;
  readonly type: FieldType | null;
  readonly source: DecisionSource | null;
  /** True when values are judged with the header's relaxed rules (RecognizeContext.viaHeader). */
  readonly viaHeader: boolean;
  readonly sampled: number;
  readonly votes: readonly TypeVote[];
  readonly explanation: string;
}

/** Minimum share of shaped values for a header-suggested type to be accepted. */
export const HEADER_MIN_SHAPED = 0.3;
/** Minimum share of shaped values for a type decided by values alone. */
export const VALUES_MIN_SHAPED = 0.5;
/** Maximum non-empty values examined per column. */
export const SAMPLE_VALUES = 1000;

/** Tie-break order for value votes: the more specific validator first. */
const VALUE_PRIORITY: readonly FieldType[] = [
  'resident_id',
  'bank_card',
  'mobile',
  'landline',
  'email',
  'passport',
  'plate',
  'coordinates',
  'datetime',
  'person_name',
  'address',
  'gender',
  'ethnicity',
  'money',
];

/**
 * Headers that name an organisation, a document or a description rather than a person's data: their values may
 * look like addresses or numbers (`中国工商银行北京市分行`, `北京市公安局东城分局`, `2015.04.14-2035.04.14`) but are
 * not typed by values.
 */
export const NON_PERSONAL_HEADERS: readonly string[] = [
  '开户行',
  '开户银行',
  '银行名称',
  '所属银行',
  '签发机关',
  '发证机关',
  '有效期',
  '公司',
  '单位',
  '机构',
  '学校',
  '医院',
  '酒店名称',
  '宾馆名称',
  '商户',
  '商家',
  '物品',
  '商品',
  '备注',
  '说明',
  '职务',
  '职业',
  '来源',
  '渠道',
];
const NON_PERSONAL = NON_PERSONAL_HEADERS.map(normalizeHeader);

/** Account types after which an untyped column of a headerless dump is the password. */
const ACCOUNT_TYPES: readonly FieldType[] = ['mobile', 'email', 'qq', 'wechat', 'resident_id', 'bank_card'];

export interface ColumnOverride {
  readonly index: number;
  readonly type: FieldType | null;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function vote(r: Recognizer, values: readonly string[], ctx: RecognizeContext): TypeVote {
  let shaped = 0;
  let valid = 0;
  let strong = 0;
  for (const v of values) {
    const s = r.match(v, ctx).status;
    if (s !== 'nomatch') shaped++;
    if (s === 'valid') valid++;
    if (s === 'valid' || s === 'masked' || s === 'truncated') strong++;
  }
  const n = values.length || 1;
  return { type: r.type, shaped: shaped / n, valid: valid / n, strong: strong / n };
}

function columnValues(sample: readonly (readonly string[])[], index: number): string[] {
  const out: string[] = [];
  for (const row of sample) {
    const v = normalizeText(row[index] ?? '');
    if (v.length > 0) out.push(v);
    if (out.length >= SAMPLE_VALUES) break;
  }
  return out;
}

function decideOne(
  index: number,
  header: string | null,
  values: readonly string[],
  analysisDate: string,
  override: ColumnOverride | undefined,
): ColumnDecision {
  const base = { index, header, sampled: values.length };
  if (override) {
    return {
      ...base,
      type: override.type,
      source: 'manifest',
      viaHeader: true,
      votes: [],
      explanation: override.type
        ? `案件清单指定为“${FIELD_TYPE_LABELS[override.type]}”`
        : '案件清单指定为不计类型的字段',
    };
  }
  const hTypes = header ? headerTypes(header) : [];
  if (hTypes.length > 0) {
    const ctx: RecognizeContext = { analysisDate, viaHeader: true };
    const hv = hTypes
      .map((t) => vote(recognizerFor(t), values, ctx))
      .sort((a, b) => b.shaped - a.shaped || b.valid - a.valid);
    const best = hv[0]!;
    if (values.length === 0 || best.shaped >= HEADER_MIN_SHAPED) {
      return {
        ...base,
        type: best.type,
        source: 'header',
        viaHeader: true,
        votes: hv,
        explanation:
          values.length === 0
            ? `表头“${header}”→${FIELD_TYPE_LABELS[best.type]}（样本中无非空值）`
            : `表头“${header}”→${FIELD_TYPE_LABELS[best.type]}；样本${values.length}个非空值中${pct(best.shaped)}符合格式，${pct(best.valid)}有效`,
      };
    }
  }
  if (header && hTypes.length === 0) {
    const h = normalizeHeader(header);
    const word = NON_PERSONAL_HEADERS.find((_, i) => h.includes(NON_PERSONAL[i]!));
    if (word !== undefined) {
      return {
        ...base,
        type: null,
        source: 'header',
        viaHeader: false,
        votes: [],
        explanation: `表头“${header}”（含“${word}”）表明该列不是个人信息字段，不按值判定类型`,
      };
    }
  }
  const ctx: RecognizeContext = { analysisDate, viaHeader: false };
  const votes = RECOGNIZERS.filter((r) => !r.contextRequired)
    .map((r) => vote(r, values, ctx))
    .sort(
      (a, b) =>
        b.shaped - a.shaped ||
        b.valid - a.valid ||
        VALUE_PRIORITY.indexOf(a.type) - VALUE_PRIORITY.indexOf(b.type),
    );
  const top = votes[0];
  const headerNote =
    hTypes.length > 0
      ? `表头“${header}”提示${hTypes.map((t) => FIELD_TYPE_LABELS[t]).join('/')}但样本值不符；`
      : '';
  if (top && values.length > 0 && top.shaped >= VALUES_MIN_SHAPED && top.strong >= VALUES_MIN_SHAPED) {
    return {
      ...base,
      type: top.type,
      source: 'values',
      viaHeader: false,
      votes: votes.slice(0, 3),
      explanation: `${headerNote}按值判定：样本${values.length}个非空值中${pct(top.shaped)}符合“${FIELD_TYPE_LABELS[top.type]}”格式，${pct(top.valid)}有效`,
    };
  }
  return {
    ...base,
    type: null,
    source: null,
    viaHeader: false,
    votes: votes.slice(0, 3),
    explanation:
      values.length === 0
        ? `${headerNote}样本中无非空值，未定类型`
        : `${headerNote}无类型的有效（含脱敏、截断）值达到${pct(VALUES_MIN_SHAPED)}（最高：${top ? `${FIELD_TYPE_LABELS[top.type]} 格式符合${pct(top.shaped)}、有效${pct(top.valid)}` : '无'}），不计类型`,
  };
}

function looksLikePasswords(values: readonly string[]): boolean {
  if (values.length === 0) return false;
  let ok = 0;
  for (const v of values) if (v.length <= 128 && !/\s/.test(v)) ok++;
  return ok / values.length >= 0.9;
}

/**
 * Decides the field type of every column.
 * @param header header cells, or null for a headerless item
 * @param sample sampled records (raw cells)
 */
export function inferColumns(
  header: readonly string[] | null,
  sample: readonly (readonly string[])[],
  columns: number,
  analysisDate: string,
  overrides: readonly ColumnOverride[] = [],
): ColumnDecision[] {
  const decisions: ColumnDecision[] = [];
  for (let i = 0; i < columns; i++) {
    const h = header?.[i] ? header[i]! : null;
    decisions.push(
      decideOne(
        i,
        h,
        columnValues(sample, i),
        analysisDate,
        overrides.find((o) => o.index === i),
      ),
    );
  }
  // Headerless credential dumps (`account----password`): the untyped column right after an account column is the
  // password (forensic-practice.md §5). Typing it keeps two credentials of one account distinct records.
  if (header === null) {
    for (let i = 1; i < decisions.length; i++) {
      const prev = decisions[i - 1]!;
      const cur = decisions[i]!;
      if (
        cur.type !== null ||
        cur.source !== null ||
        prev.type === null ||
        !ACCOUNT_TYPES.includes(prev.type)
      )
        continue;
      const values = columnValues(sample, i);
      if (!looksLikePasswords(values)) continue;
      decisions[i] = {
        ...cur,
        type: 'password',
        source: 'structure',
        viaHeader: true,
        explanation: `无表头的账号数据：紧随“${FIELD_TYPE_LABELS[prev.type]}”列之后、不含空白的短字符串列，按“账号----密码”结构判为密码`,
      };
      break;
    }
  }
  return decisions;
}
