/**
 * @module services/summary
 * Builds summary.json (the required shape plus explanatory extras) from per-item results and the
 * engine's tallies. Pure: the same inputs give the same bytes.
 */
import { CATEGORIES, CATEGORY_IDS, type CategoryId, type Tier } from '../core/categories.js';
import type { CategoryTally } from '../engine/engine.js';
import type { Assessment } from '../law/assessment.js';
import { type InvalidCounts, type ItemAnalysis, zeroInvalid } from './analyze-item.js';
import type { ContestedGroup } from './contested.js';

export interface CategoryFigure {
  readonly tier: Tier;
  /** Distinct valid records. */
  readonly records: number;
  /** Distinct data subjects. */
  readonly subjects: number;
  /** The legal count: records or subjects, per the category table. */
  readonly count: number;
  readonly counted_by: 'records' | 'subjects';
  /** Valid records before de-duplication. */
  readonly valid: number;
}

export interface Figures {
  readonly records: number;
  readonly valid: number;
  readonly invalid: InvalidCounts;
  readonly exact_duplicates: number;
  /** Distinct records minus distinct subjects, summed over categories. */
  readonly same_subject_duplicates: number;
  readonly non_record_lines: number;
  readonly items: number;
  readonly failed_items: number;
  readonly categories: Readonly<Record<CategoryId, CategoryFigure>>;
}

export interface ItemSummary {
  readonly path: string;
  readonly sha256: string | null;
  readonly bytes: number;
  readonly format: string | null;
  readonly encoding: string | null;
  readonly holder: string;
  readonly category: CategoryId | null;
  readonly records: number;
  readonly non_record_lines: number;
  readonly invalid: InvalidCounts;
  readonly columns: ItemAnalysis['columns'];
  readonly error: string | null;
  readonly valid: number;
  readonly detail: Omit<
    ItemAnalysis,
    | 'records'
    | 'non_record_lines'
    | 'invalid'
    | 'columns'
    | 'valid'
    | 'category'
    | 'format'
    | 'encoding'
    | 'invalid_examples'
  > | null;
}

export interface ItemOutcome {
  readonly path: string;
  readonly sha256: string | null;
  readonly bytes: number;
  readonly holder: string;
  readonly analysis: ItemAnalysis | null;
  readonly error: string | null;
}

function addInvalid(a: InvalidCounts, b: InvalidCounts): void {
  for (const k of Object.keys(a) as (keyof InvalidCounts)[]) a[k] += b[k];
}

function figures(outcomes: readonly ItemOutcome[], tallies: readonly CategoryTally[]): Figures {
  const invalid = zeroInvalid();
  let records = 0;
  let valid = 0;
  let nonRecord = 0;
  let failed = 0;
  for (const o of outcomes) {
    if (!o.analysis) {
      failed++;
      continue;
    }
    records += o.analysis.records;
    valid += o.analysis.valid;
    nonRecord += o.analysis.non_record_lines;
    addInvalid(invalid, o.analysis.invalid);
  }
  const categories = {} as Record<CategoryId, CategoryFigure>;
  let distinct = 0;
  let sameSubject = 0;
  for (const id of CATEGORY_IDS) {
    const def = CATEGORIES[id];
    const t = tallies.find((x) => x.category === id);
    const recs = t?.records ?? 0;
    const subs = t?.subjects ?? 0;
    distinct += recs;
    sameSubject += recs - subs;
    categories[id] = {
      tier: def.tier,
      records: recs,
      subjects: subs,
      count: def.countedBy === 'records' ? recs : subs,
      counted_by: def.countedBy,
      valid: t?.valid ?? 0,
    };
  }
  return {
    records,
    valid,
    invalid,
    exact_duplicates: valid - distinct,
    same_subject_duplicates: sameSubject,
    non_record_lines: nonRecord,
    items: outcomes.length,
    failed_items: failed,
    categories,
  };
}

export interface SummaryMeta {
  readonly tool: { readonly name: string; readonly version: string; readonly engine: string };
  readonly case: string;
  readonly examiner: string | null;
  readonly evidence_root: string;
  readonly analysis_date: string;
  readonly manifest: string | null;
}

export function buildSummary(
  meta: SummaryMeta,
  outcomes: readonly ItemOutcome[],
  tallies: readonly CategoryTally[],
  holderNames: readonly string[],
  extras: { readonly contested: readonly ContestedGroup[]; readonly assessment: Assessment | null } = {
    contested: [],
    assessment: null,
  },
) {
  const items: ItemSummary[] = outcomes.map((o) => {
    const a = o.analysis;
    if (!a) {
      return {
        path: o.path,
        sha256: o.sha256,
        bytes: o.bytes,
        format: null,
        encoding: null,
        holder: o.holder,
        category: null,
        records: 0,
        non_record_lines: 0,
        invalid: zeroInvalid(),
        columns: [],
        error: o.error,
        valid: 0,
        detail: null,
      };
    }
    const {
      records,
      non_record_lines,
      invalid,
      columns,
      valid,
      category,
      format,
      encoding,
      invalid_examples: _x,
      ...detail
    } = a;
    return {
      path: o.path,
      sha256: o.sha256,
      bytes: o.bytes,
      format,
      encoding,
      holder: o.holder,
      category,
      records,
      non_record_lines,
      invalid,
      columns,
      error: null,
      valid,
      detail,
    };
  });
  const holders: Record<string, Figures> = {};
  holderNames.forEach((name, index) => {
    const own = outcomes.filter((o) => o.holder === name);
    holders[name] = figures(
      own,
      tallies.filter((t) => t.holder === index),
    );
  });
  return {
    tool: meta.tool,
    rules: { counting: 'v1' },
    case: meta.case,
    examiner: meta.examiner,
    analysis_date: meta.analysis_date,
    evidence_root: meta.evidence_root,
    manifest: meta.manifest,
    items,
    holders,
    totals: figures(
      outcomes,
      tallies.filter((t) => t.holder === null),
    ),
    /** Counts under each tenable reading of contested classifications. */
    contested: extras.contested,
    /** The legal assessment, when case.yaml states facts for holders (null otherwise). */
    assessment: extras.assessment,
  };
}

export type Summary = ReturnType<typeof buildSummary>;
