/**
 * @module services/assess
 * Joins what the files show (per-holder category counts, contested readings) with what only the examiner or the
 * prosecutor can state (case.yaml `holders[].…` facts) and runs the legal assessment of src/law.
 */
import type { Manifest } from '../config/manifest.js';
import { CATEGORY_IDS } from '../core/categories.js';
import { ConfigError } from '../core/errors.js';
import type { Assessment } from '../law/assessment.js';
import { assessCase } from '../law/evaluate.js';
import { parseFactsFile } from '../law/facts.js';
import type { ContestedGroup } from './contested.js';
import type { Figures } from './summary.js';

/** True when the manifest states facts for at least one holder (beyond its name and paths). */
export function hasHolderFacts(m: Manifest): boolean {
  return m.holders.some((h) => Object.keys(h.facts).length > 0);
}

/**
 * Builds the facts of every holder that has stated facts. Counts always come from the analysis: a `counts`
 * given in case.yaml is refused, so that the assessment cannot silently disagree with the figures.
 */
export function assessFromAnalysis(
  m: Manifest,
  holders: Readonly<Record<string, Figures>>,
  contested: readonly ContestedGroup[],
  asOf: string | null,
): Assessment | null {
  if (!hasHolderFacts(m)) return null;
  for (const h of m.holders) {
    if ('counts' in h.facts) {
      throw new ConfigError(
        `${m.source}: holders: '${h.name}' gives counts; counts come from the analysis, remove them`,
      );
    }
  }
  const list = m.holders
    .filter((h) => Object.keys(h.facts).length > 0)
    .map((h) => {
      const f = holders[h.name];
      const counts = Object.fromEntries(CATEGORY_IDS.map((id) => [id, f ? f.categories[id].count : 0]));
      const own = contested
        .filter((g) => g.holders[h.name] && g.holders[h.name]!.moved > 0)
        .map((g) => ({
          kind: g.kind,
          count: g.holders[h.name]!.moved,
          counted_as: g.counted_as,
          alternative: g.alternative,
        }));
      const userContested = Array.isArray(h.facts['contested']) ? (h.facts['contested'] as unknown[]) : [];
      return { ...h.facts, name: h.name, counts, contested: [...own, ...userContested] };
    });
  return assessCase(
    parseFactsFile({ case: m.caseName, as_of: asOf, holders: list }, m.source ?? 'case.yaml'),
  );
}
