/**
 * @module bench/truth
 * Compares xinjian's summary.json (read back from disk, so taken as untyped JSON) with the demo generator's
 * truth.json: every figure the truth holds, per item and for the case.
 */
import { CATEGORY_IDS } from '../core/categories.js';
import type { DemoTruth } from '../demo/generate.js';
import { INVALID_REASONS } from '../demo/ledger.js';

export interface Difference {
  /** Where the figure sits, e.g. `totals.categories.lodging.count` or `items[银行/客户账户.txt].records`. */
  readonly figure: string;
  readonly truth: number | string;
  /** The summary's value; null when the summary lacks it. */
  readonly xinjian: unknown;
}

/** The value at `keys` inside parsed JSON, or undefined. */
function at(value: unknown, ...keys: readonly string[]): unknown {
  let v = value;
  for (const k of keys) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** Every figure of `truth` that `summary` (parsed summary.json) does not hold exactly; empty when all agree. */
export function compareWithTruth(summary: unknown, truth: DemoTruth): Difference[] {
  const out: Difference[] = [];
  const check = (figure: string, want: number | string, got: unknown): void => {
    if (got !== want) out.push({ figure, truth: want, xinjian: got ?? null });
  };

  const t = truth.totals;
  check('totals.records', t.records, at(summary, 'totals', 'records'));
  check('totals.valid', t.valid, at(summary, 'totals', 'valid'));
  for (const r of INVALID_REASONS)
    check(`totals.invalid.${r}`, t.invalid[r], at(summary, 'totals', 'invalid', r));
  check('totals.exact_duplicates', t.exact_duplicates, at(summary, 'totals', 'exact_duplicates'));
  check('totals.failed_items', 0, at(summary, 'totals', 'failed_items'));
  for (const id of CATEGORY_IDS) {
    const c = t.categories[id];
    for (const k of ['tier', 'records', 'subjects', 'count'] as const) {
      check(`totals.categories.${id}.${k}`, c[k], at(summary, 'totals', 'categories', id, k));
    }
  }

  const items = at(summary, 'items');
  const byPath = new Map<unknown, unknown>(
    Array.isArray(items) ? items.map((i: unknown) => [at(i, 'path'), i] as const) : [],
  );
  for (const it of truth.items) {
    const s = byPath.get(it.path);
    const where = `items[${it.path}]`;
    if (s === undefined) {
      check(`${where}`, 'present', 'missing');
      continue;
    }
    check(`${where}.error`, 'none', at(s, 'error') ?? 'none');
    check(`${where}.encoding`, it.encoding, at(s, 'encoding'));
    check(`${where}.category`, it.category, at(s, 'category'));
    check(`${where}.records`, it.records, at(s, 'records'));
    check(`${where}.non_record_lines`, it.non_record_lines, at(s, 'non_record_lines'));
    for (const r of INVALID_REASONS) check(`${where}.invalid.${r}`, it.invalid[r], at(s, 'invalid', r));
  }
  const extra = [...byPath.keys()].filter((p) => !truth.items.some((i) => i.path === p));
  for (const p of extra) check(`items[${String(p)}]`, 'absent', 'present');
  return out;
}

/** One line per difference, for the terminal. */
export function formatDifferences(diffs: readonly Difference[], max = 40): string {
  const lines = diffs
    .slice(0, max)
    .map((d) => `  ${d.figure}: truth ${String(d.truth)}, xinjian ${JSON.stringify(d.xinjian)}`);
  if (diffs.length > max) lines.push(`  … and ${diffs.length - max} more (bench/results.json lists all)`);
  return lines.join('\n');
}
