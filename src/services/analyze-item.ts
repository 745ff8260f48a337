/**
 * @module services/analyze-item
 * Reads one evidence item end to end: encoding → layout (delimiter, header) → column inference → category →
 * census of every record (validity, reasons, keys) → staging rows for the engine. Pure counting of the item's
 * own figures happens here; cross-item de-duplication happens in the engine.
 */

import type { ColumnRule } from '../config/manifest.js';
import type { CategoryId } from '../core/categories.js';
import { errorMessage } from '../core/errors.js';
import type { FieldType } from '../core/field-types.js';
import { maskValue } from '../core/mask.js';
import { normalizeHeader } from '../core/normalize.js';
import type { Advisory } from '../detect/category.js';
import { decideCategory } from '../detect/category.js';
import { type ColumnDecision, type ColumnOverride, inferColumns } from '../detect/columns.js';
import { isHeaderWord, looksLikeValue } from '../detect/hints.js';
import {
  compilePlan,
  escapeKeyPart,
  exactKeyOf,
  INVALID_REASONS,
  type InvalidReason,
  judgeRecord,
  subjectKeyOf,
} from '../detect/record.js';
import {
  type LayoutHints,
  NON_RECORD_REASONS,
  type NonRecordReason,
  type OpenedItem,
  rowBatches,
  type WarningKind,
} from '../ingest/source.js';
import type { StagingWriter } from './staging.js';

export const EXAMPLES_PER_REASON = 20;
export const WARNING_EXAMPLES = 20;

export type InvalidCounts = Record<InvalidReason, number>;

export function zeroInvalid(): InvalidCounts {
  return { empty: 0, masked: 0, truncated: 0, invalid_identifier: 0, not_identifying: 0 };
}

export interface ColumnResult {
  readonly index: number;
  readonly header: string | null;
  readonly type: FieldType | null;
  /** Census: valid values / non-empty values (null when the column is untyped or never filled). */
  readonly hit_rate: number | null;
  readonly non_empty: number;
  readonly valid_values: number;
  /** Census: non-valid values of a typed column by status/reason (e.g. `invalid:check_digit`, `masked`). */
  readonly invalid_values: Readonly<Record<string, number>>;
  readonly source: string | null;
  readonly explanation: string;
}

export interface RecordExample {
  readonly line: number;
  /** Masked cells, in column order. */
  readonly cells: readonly string[];
  readonly note: string;
}

export interface ItemAnalysis {
  readonly format: string;
  readonly encoding: string | null;
  readonly encoding_confidence: number | null;
  readonly encoding_evidence: string;
  readonly delimiter: string | null;
  readonly delimiter_evidence: string;
  readonly header_line: number | null;
  readonly header_evidence: string;
  readonly category: CategoryId | null;
  readonly category_source: 'manifest' | 'columns';
  readonly category_explanation: string;
  readonly advisories: readonly Advisory[];
  readonly records: number;
  readonly valid: number;
  readonly physical_lines: number;
  readonly non_record_lines: number;
  readonly non_record_by_reason: Readonly<Record<NonRecordReason, number>>;
  readonly invalid: InvalidCounts;
  readonly columns: readonly ColumnResult[];
  readonly warnings: Readonly<Partial<Record<WarningKind, number>>>;
  readonly warning_examples: readonly { line: number; kind: WarningKind; detail: string }[];
  readonly invalid_examples: Readonly<Record<InvalidReason, readonly RecordExample[]>>;
  readonly subject_types: Readonly<Record<string, number>>;
}

export interface ItemContext {
  readonly path: string;
  readonly holderIndex: number;
  readonly itemIndex: number;
  readonly analysisDate: string;
  readonly categoryOverride?: CategoryId | null;
  readonly columnRules: readonly ColumnRule[];
  readonly staging: StagingWriter;
}

export const LAYOUT_HINTS: LayoutHints = { isHeaderWord, looksLikeValue };

function overridesFor(
  rules: readonly ColumnRule[],
  header: readonly string[] | null,
  columns: number,
): ColumnOverride[] {
  const out: ColumnOverride[] = [];
  for (const r of rules) {
    let index = -1;
    if (r.column !== undefined) index = r.column - 1;
    else if (r.header !== undefined && header) {
      const want = normalizeHeader(r.header);
      index = header.findIndex((h) => normalizeHeader(h) === want);
    }
    if (index >= 0 && index < columns) out.push({ index, type: r.type });
  }
  return out;
}

/**
 * Census of one opened item (a text dump, a sheet, a table). Throws IngestError (naming the file and position)
 * when it cannot be read to the end.
 */
export async function analyzeItem(ctx: ItemContext, opened: OpenedItem): Promise<ItemAnalysis> {
  const layout = opened.layout;
  const decisions: ColumnDecision[] = inferColumns(
    layout.header,
    opened.sample,
    layout.columns,
    ctx.analysisDate,
    overridesFor(ctx.columnRules, layout.header, layout.columns),
  );
  const auto = decideCategory({
    fileName: ctx.path,
    headers: decisions.map((d) => d.header),
    types: decisions.map((d) => d.type),
  });
  const category = ctx.categoryOverride !== undefined ? ctx.categoryOverride : auto.category;
  const plan = compilePlan(decisions, category, ctx.analysisDate);

  const invalid = zeroInvalid();
  const nonRecord = Object.fromEntries(NON_RECORD_REASONS.map((r) => [r, 0])) as Record<
    NonRecordReason,
    number
  >;
  const warnings: Partial<Record<WarningKind, number>> = {};
  const warningExamples: { line: number; kind: WarningKind; detail: string }[] = [];
  const examples = Object.fromEntries(INVALID_REASONS.map((r) => [r, [] as RecordExample[]])) as Record<
    InvalidReason,
    RecordExample[]
  >;
  const colStats = decisions.map(() => ({ nonEmpty: 0, valid: 0, bad: new Map<string, number>() }));
  const subjectTypes = new Map<string, number>();
  const typeOf = decisions.map((d) => d.type);
  let records = 0;
  let valid = 0;
  let lastLine = 0;
  const prefix = `${ctx.holderIndex}\t${ctx.itemIndex}\t`;
  const catPart = `\t${escapeKeyPart(category ?? '')}\t`;

  for await (const batch of rowBatches(opened)) {
    for (const ev of batch) {
      if (ev.kind === 'warning') {
        warnings[ev.warning] = (warnings[ev.warning] ?? 0) + 1;
        if (warningExamples.length < WARNING_EXAMPLES)
          warningExamples.push({ line: ev.line, kind: ev.warning, detail: ev.detail });
        continue;
      }
      if (ev.kind === 'non_record') {
        nonRecord[ev.reason]++;
        lastLine = Math.max(lastLine, ev.line);
        continue;
      }
      records++;
      lastLine = Math.max(lastLine, ev.endLine);
      const j = judgeRecord(ev.fields, plan);
      for (const f of j.fields) {
        const s = colStats[f.index]!;
        s.nonEmpty++;
        if (f.verdict.status === 'valid') s.valid++;
        else {
          const k =
            f.verdict.status === 'invalid' || f.verdict.status === 'nomatch'
              ? `${f.verdict.status}:${f.verdict.reason ?? 'format'}`
              : f.verdict.status;
          s.bad.set(k, (s.bad.get(k) ?? 0) + 1);
        }
      }
      if (j.reason !== null) {
        invalid[j.reason]++;
        const list = examples[j.reason];
        if (list.length < EXAMPLES_PER_REASON) {
          const notes = j.fields
            .filter((f) => f.verdict.status !== 'valid')
            .map((f) => `${f.type}:${f.verdict.status}${f.verdict.reason ? `(${f.verdict.reason})` : ''}`);
          list.push({
            line: ev.line,
            cells: ev.fields.map((c, i) => maskValue(typeOf[i] ?? null, c)),
            note: notes.join(' '),
          });
        }
        continue;
      }
      valid++;
      subjectTypes.set(j.subjectType, (subjectTypes.get(j.subjectType) ?? 0) + 1);
      // One string per row, encoded once (measured faster than piece-by-piece writes).
      ctx.staging.putRow(`${prefix}${ev.line}${catPart}${exactKeyOf(j)}\t${subjectKeyOf(j)}\n`);
    }
    if (ctx.staging.full) await ctx.staging.flush();
  }

  const columns: ColumnResult[] = decisions.map((d, i) => {
    const s = colStats[i]!;
    return {
      index: d.index,
      header: d.header,
      type: d.type,
      hit_rate: d.type === null || s.nonEmpty === 0 ? null : Number((s.valid / s.nonEmpty).toFixed(6)),
      non_empty: s.nonEmpty,
      valid_values: s.valid,
      invalid_values: Object.fromEntries([...s.bad.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
      source: d.source,
      explanation: d.explanation,
    };
  });
  const nonRecordTotal = Object.values(nonRecord).reduce((a, b) => a + b, 0);
  return {
    format: layout.format,
    encoding: layout.encoding?.encoding ?? null,
    encoding_confidence: layout.encoding ? Number(layout.encoding.confidence.toFixed(2)) : null,
    encoding_evidence: layout.encoding?.evidence ?? '二进制格式，不涉及文本编码',
    delimiter: layout.delimiter,
    delimiter_evidence: layout.delimiterEvidence,
    header_line: layout.headerLine,
    header_evidence: layout.headerEvidence,
    category,
    category_source: ctx.categoryOverride !== undefined ? 'manifest' : 'columns',
    category_explanation:
      ctx.categoryOverride !== undefined
        ? `案件清单指定（自动判定为：${auto.category ?? '无'}；${auto.explanation}）`
        : auto.explanation,
    advisories: ctx.categoryOverride !== undefined ? [] : auto.advisories,
    records,
    valid,
    physical_lines: lastLine,
    non_record_lines: nonRecordTotal,
    non_record_by_reason: nonRecord,
    invalid,
    columns,
    warnings,
    warning_examples: warningExamples,
    invalid_examples: examples,
    subject_types: Object.fromEntries([...subjectTypes.entries()].sort()),
  };
}

/**
 * The analysis of an item read in parts (consecutive byte ranges of one file, in order): exactly what one pass
 * over the whole file gives. Sums of counts; examples kept in line order up to the same limits; warning kinds in
 * order of first occurrence; layout, columns' decisions and category from the first part (every part opens the
 * file the same way).
 */
export function mergeAnalyses(parts: readonly ItemAnalysis[]): ItemAnalysis {
  const first = parts[0];
  if (!first) throw new Error('mergeAnalyses: no parts');
  if (parts.length === 1) return first;
  const sum = <K extends string>(pick: (a: ItemAnalysis) => Readonly<Partial<Record<K, number>>>) => {
    const out: Partial<Record<K, number>> = {};
    for (const a of parts) {
      for (const [k, v] of Object.entries(pick(a)) as [K, number][]) out[k] = (out[k] ?? 0) + v;
    }
    return out;
  };
  const columns = first.columns.map((c, i): ColumnResult => {
    let nonEmpty = 0;
    let validValues = 0;
    const bad = new Map<string, number>();
    for (const a of parts) {
      const p = a.columns[i]!;
      nonEmpty += p.non_empty;
      validValues += p.valid_values;
      for (const [k, v] of Object.entries(p.invalid_values)) bad.set(k, (bad.get(k) ?? 0) + v);
    }
    return {
      ...c,
      hit_rate: c.type === null || nonEmpty === 0 ? null : Number((validValues / nonEmpty).toFixed(6)),
      non_empty: nonEmpty,
      valid_values: validValues,
      invalid_values: Object.fromEntries([...bad.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    };
  });
  const examples = Object.fromEntries(
    INVALID_REASONS.map((r) => [
      r,
      parts.flatMap((a) => a.invalid_examples[r]).slice(0, EXAMPLES_PER_REASON),
    ]),
  ) as Record<InvalidReason, RecordExample[]>;
  const subjects = sum((a) => a.subject_types);
  return {
    ...first,
    records: parts.reduce((n, a) => n + a.records, 0),
    valid: parts.reduce((n, a) => n + a.valid, 0),
    physical_lines: Math.max(...parts.map((a) => a.physical_lines)),
    non_record_lines: parts.reduce((n, a) => n + a.non_record_lines, 0),
    non_record_by_reason: sum((a) => a.non_record_by_reason) as Record<NonRecordReason, number>,
    invalid: sum((a) => a.invalid) as InvalidCounts,
    columns,
    warnings: sum((a) => a.warnings),
    warning_examples: parts.flatMap((a) => a.warning_examples).slice(0, WARNING_EXAMPLES),
    invalid_examples: examples,
    subject_types: Object.fromEntries(Object.entries(subjects as Record<string, number>).sort()),
  };
}

export { errorMessage };
