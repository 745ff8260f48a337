/**
 * @module services/contested
 * Counts under each tenable reading of a contested classification (counting-rules.md §5; legal-reference.md §6):
 * the items flagged with an advisory are re-counted under the alternative category by the engine, so the report
 * can state both figures and the legal assessment can weigh both.
 */
import { CATEGORIES, type CategoryId } from '../core/categories.js';
import type { AdvisoryKind } from '../detect/category.js';
import type { CategoryTally, CountingEngine } from '../engine/engine.js';

export interface ContestedFigure {
  readonly counted_as_count: number;
  readonly alternative_count: number;
  /** The counted_as count attributable to the flagged items (what moves under the alternative reading). */
  readonly moved: number;
  /** Category counts under the alternative reading. */
  readonly counted_as_count_alternative: number;
  readonly alternative_count_alternative: number;
}

export interface ContestedGroup {
  readonly kind: AdvisoryKind;
  readonly counted_as: CategoryId;
  readonly alternative: CategoryId;
  readonly note: string;
  readonly items: readonly string[];
  readonly totals: ContestedFigure;
  readonly holders: Readonly<Record<string, ContestedFigure>>;
}

export interface FlaggedItem {
  readonly index: number;
  readonly path: string;
  readonly holder: string;
  readonly category: CategoryId;
  readonly advisories: readonly { kind: AdvisoryKind; alternative: CategoryId; note: string }[];
}

function countOf(tallies: readonly CategoryTally[], holder: number | null, category: CategoryId): number {
  const t = tallies.find((x) => x.holder === holder && x.category === category);
  if (!t) return 0;
  return CATEGORIES[category].countedBy === 'records' ? t.records : t.subjects;
}

function figure(
  base: readonly CategoryTally[],
  alt: readonly CategoryTally[],
  holder: number | null,
  countedAs: CategoryId,
  alternative: CategoryId,
): ContestedFigure {
  const a = countOf(base, holder, countedAs);
  const b = countOf(base, holder, alternative);
  const a2 = countOf(alt, holder, countedAs);
  const b2 = countOf(alt, holder, alternative);
  return {
    counted_as_count: a,
    alternative_count: b,
    moved: a - a2,
    counted_as_count_alternative: a2,
    alternative_count_alternative: b2,
  };
}

/** One group per (kind, counted_as, alternative), in a deterministic order. */
export async function contestedReadings(
  engine: CountingEngine,
  base: readonly CategoryTally[],
  flagged: readonly FlaggedItem[],
  holderNames: readonly string[],
): Promise<ContestedGroup[]> {
  const groups = new Map<
    string,
    { kind: AdvisoryKind; countedAs: CategoryId; alternative: CategoryId; note: string; items: FlaggedItem[] }
  >();
  for (const it of flagged) {
    for (const a of it.advisories) {
      const key = `${a.kind}|${it.category}|${a.alternative}`;
      const g = groups.get(key) ?? {
        kind: a.kind,
        countedAs: it.category,
        alternative: a.alternative,
        note: a.note,
        items: [],
      };
      g.items.push(it);
      groups.set(key, g);
    }
  }
  const out: ContestedGroup[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    const alt = await engine.tallies(new Map(g.items.map((i) => [i.index, g.alternative])));
    const holders: Record<string, ContestedFigure> = {};
    holderNames.forEach((name, index) => {
      if (g.items.some((i) => i.holder === name))
        holders[name] = figure(base, alt, index, g.countedAs, g.alternative);
    });
    out.push({
      kind: g.kind,
      counted_as: g.countedAs,
      alternative: g.alternative,
      note: g.note,
      items: g.items.map((i) => i.path),
      totals: figure(base, alt, null, g.countedAs, g.alternative),
      holders,
    });
  }
  return out;
}
