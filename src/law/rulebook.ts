/**
 * @module law/rulebook
 * Loads the rulebook rows of `rules/`, validates every row with the zod schema plus cross-row
 * checks, and fails fast naming the row id. Pure: no I/O; the rows are TypeScript data modules.
 */
import { TIER_THRESHOLDS, type Tier } from '../core/categories.js';
import { ForensicError } from '../core/errors.js';
import { RULE_ROWS } from './rules/index.js';
import {
  type BandRow,
  type ContestedRow,
  type EffectRow,
  type EvaluationPath,
  type FineRow,
  type PathRow,
  type PenaltyRow,
  type ReadingRow,
  type RuleRow,
  ruleRowSchema,
} from './schema.js';

/** Version of the rulebook as a whole; bump when any row's meaning changes. */
export const RULEBOOK_VERSION = '1.0.0';

/** A malformed rulebook row. The message names the row id and the field. */
export class RulebookError extends ForensicError {
  constructor(message: string) {
    super('RULES', message);
    this.name = 'RulebookError';
  }
}

export interface Rulebook {
  readonly version: string;
  /** The date the rows were filtered for (rows not in force that day are absent), or null. */
  readonly as_of: string | null;
  readonly rows: readonly RuleRow[];
}

/** Conditions that read the decision itself; only rows evaluated after the band may use them. */
const POST_DECISION_TESTS = new Set(['severity_in', 'path_is', 'bases_differ']);

function rowLabel(raw: unknown, index: number): string {
  const id =
    raw !== null && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id
      : `#${index}`;
  return `rulebook row '${id}'`;
}

/**
 * Validates rows against the schema and the cross-row rules. Exported for tests; use loadRulebook().
 * @example validateRows(RULE_ROWS) // → RuleRow[] or throws RulebookError("rulebook row 'x': …")
 */
export function validateRows(raw: readonly unknown[]): RuleRow[] {
  const rows: RuleRow[] = [];
  raw.forEach((r, i) => {
    const parsed = ruleRowSchema.safeParse(r);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((iss) => `${iss.path.join('.') || '(row)'}: ${iss.message}`);
      throw new RulebookError(`${rowLabel(r, i)}: ${issues.join('; ')}`);
    }
    rows.push(parsed.data);
  });
  const seen = new Map<string, RuleRow>();
  for (const row of rows) {
    const fail = (msg: string): never => {
      throw new RulebookError(`rulebook row '${row.id}': ${msg}`);
    };
    if (seen.has(row.id)) fail('duplicate id');
    if (row.effective_from && row.effective_to && row.effective_from > row.effective_to) {
      fail('effective_from is after effective_to');
    }
    if (row.kind === 'band' || row.kind === 'path') {
      for (const c of row.conditions) {
        if (POST_DECISION_TESTS.has(c.test)) fail(`condition '${c.test}' is only allowed in notes`);
        if (c.test === 'none_fired') {
          for (const ref of c.rules) {
            const target = seen.get(ref);
            if (!target) fail(`none_fired names '${ref}', which is not an earlier row`);
            else if (target.kind !== 'band' || row.kind !== 'band' || target.path !== row.path) {
              fail(`none_fired names '${ref}', which is not a band row of the same path`);
            }
          }
        }
      }
    }
    for (const c of 'conditions' in row ? row.conditions : []) {
      if (c.test === 'weighted_units') {
        for (const t of [1, 2, 3] as const) {
          if (c.weights[t] * TIER_THRESHOLDS[t] !== c.unit) {
            fail(`weighted_units weight of tier ${t} × threshold ${TIER_THRESHOLDS[t]} ≠ unit ${c.unit}`);
          }
        }
      }
    }
    if (row.kind === 'penalty' && row.imprisonment_months.min > row.imprisonment_months.max) {
      fail('imprisonment_months.min > max');
    }
    if (row.kind === 'fine' && row.multiple_min > row.multiple_max) fail('multiple_min > multiple_max');
    seen.set(row.id, row);
  }
  checkTierThresholds(seen);
  const single = (kind: string, key: (r: RuleRow) => string | null) => {
    const keys = new Set<string>();
    for (const r of rows) {
      if (r.kind !== kind) continue;
      const k = key(r);
      if (k === null) continue;
      if (keys.has(k)) throw new RulebookError(`rulebook row '${r.id}': second ${kind} row for '${k}'`);
      keys.add(k);
    }
    return keys;
  };
  const bands = single('penalty', (r) => (r.kind === 'penalty' ? r.band : null));
  if (bands.size !== 2) throw new RulebookError('rulebook: need one penalty row for each band');
  if (single('fine', () => 'fine').size !== 1) throw new RulebookError('rulebook: need exactly one fine row');
  single('contested', (r) => (r.kind === 'contested' ? r.contested_kind : null));
  const readings = single('reading', (r) => (r.kind === 'reading' ? r.reading : null));
  if (readings.size !== 4) throw new RulebookError('rulebook: need the four reading rows');
  return rows;
}

/** The ordinary Art. 5 ¶1 (3)–(5) rows must agree with the category table in core. */
function checkTierThresholds(byId: ReadonlyMap<string, RuleRow>): void {
  const ids: Record<Tier, string> = {
    1: 'interp2017.art5.p1.i3',
    2: 'interp2017.art5.p1.i4',
    3: 'interp2017.art5.p1.i5',
  };
  for (const t of [1, 2, 3] as const) {
    const row = byId.get(ids[t]);
    const c = row?.kind === 'band' ? row.conditions.find((x) => x.test === 'tier_count') : undefined;
    if (c?.test !== 'tier_count' || c.tier !== t || c.value !== TIER_THRESHOLDS[t]) {
      throw new RulebookError(
        `rulebook row '${ids[t]}': must test tier ${t} ≥ ${TIER_THRESHOLDS[t]} (core/categories.ts TIER_THRESHOLDS)`,
      );
    }
  }
}

let cached: Rulebook | undefined;

/**
 * The validated rulebook (validated once per process, then cached; rows are frozen).
 * @example loadRulebook().rows.length
 */
export function loadRulebook(): Rulebook {
  if (!cached) {
    const rows = validateRows(RULE_ROWS).map((r) => deepFreeze(r));
    cached = Object.freeze({ version: RULEBOOK_VERSION, as_of: null, rows: Object.freeze(rows) });
  }
  return cached;
}

/** Rows in force on `date` (YYYY-MM-DD); rows with an unknown start date are kept. */
export function rulebookAsOf(rb: Rulebook, date: string): Rulebook {
  const rows = rb.rows.filter(
    (r) =>
      (r.effective_from === null || r.effective_from <= date) &&
      (r.effective_to === null || date <= r.effective_to),
  );
  return Object.freeze({ version: rb.version, as_of: date, rows: Object.freeze(rows) });
}

export function ruleById(rb: Rulebook, id: string): RuleRow | undefined {
  return rb.rows.find((r) => r.id === id);
}
export function bandRows(rb: Rulebook, path: EvaluationPath): BandRow[] {
  return rb.rows.filter((r): r is BandRow => r.kind === 'band' && r.path === path);
}
export function pathRows(rb: Rulebook): PathRow[] {
  return rb.rows.filter((r): r is PathRow => r.kind === 'path');
}
export function effectRows(rb: Rulebook): EffectRow[] {
  return rb.rows.filter(
    (r): r is EffectRow => r.kind === 'aggravation' || r.kind === 'mitigation' || r.kind === 'note',
  );
}
export function penaltyRow(rb: Rulebook, band: PenaltyRow['band']): PenaltyRow | undefined {
  return rb.rows.find((r): r is PenaltyRow => r.kind === 'penalty' && r.band === band);
}
export function fineRow(rb: Rulebook): FineRow | undefined {
  return rb.rows.find((r): r is FineRow => r.kind === 'fine');
}
export function contestedRow(rb: Rulebook, kind: string): ContestedRow | undefined {
  return rb.rows.find((r): r is ContestedRow => r.kind === 'contested' && r.contested_kind === kind);
}
export function readingRow(rb: Rulebook, reading: ReadingRow['reading']): ReadingRow | undefined {
  return rb.rows.find((r): r is ReadingRow => r.kind === 'reading' && r.reading === reading);
}

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as object)) deepFreeze(v);
  }
  return x;
}
