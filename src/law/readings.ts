/**
 * @module law/readings
 * The tenable readings of one holder's facts: each contested classification (bare ID numbers,
 * flight records, …), joint-crime totals vs own share, and whether an Art. 6 lawful-business
 * purpose is accepted. Readings are combinations of options, one per axis; option 0 of every axis
 * is the main reading (the facts as counted). Deterministic order: axes in input order, mixed radix.
 */
import { CATEGORIES, type CategoryId } from '../core/categories.js';
import { categoryTierLabel, type FactView } from './conditions.js';
import type { HolderFacts } from './facts.js';
import { contestedRow, type Rulebook, readingRow } from './rulebook.js';
import { BOOLEAN_FACTS, type SupportRef } from './schema.js';

export interface ReadingOption {
  /** Chinese label of this choice. */
  readonly label: string;
  /** Row ids that define the option (reading.* or contested.* rows). */
  readonly rule: string | null;
  readonly support: readonly SupportRef[];
  readonly apply: (v: MutableView) => void;
}

export interface ReadingAxis {
  /** 'joint', 'contested[i]' or 'art6'. */
  readonly name: string;
  readonly options: readonly ReadingOption[];
}

export interface Reading {
  /** Option index per axis; all zeros is the main reading. */
  readonly choice: readonly number[];
  readonly view: FactView;
  /** Every axis's chosen option. */
  readonly chosen: readonly { readonly axis: string; readonly option: ReadingOption }[];
  /** Labels and support of the options that differ from the main reading. */
  readonly changes: readonly ReadingOption[];
  /** Axis names of the changes. */
  readonly changed_axes: readonly string[];
}

type MutableView = {
  counts: Record<CategoryId, number>;
  gain_fen: number;
  flags: Record<string, boolean>;
};

const NO_SUPPORT: SupportRef = {
  ref: '（规则库未收录支持该读法的裁判或资料）',
  holding: '该读法由使用者提出；请核对依据。',
  quote: null,
  status: 'R',
  verified: false,
  source: '使用者输入',
};

function userSupport(text: string): SupportRef {
  return {
    ref: '使用者提供的依据',
    holding: text,
    quote: null,
    status: 'R',
    verified: false,
    source: '使用者输入',
  };
}

/** The axes of readings for one holder, in a fixed order. */
export function readingAxes(facts: HolderFacts, rb: Rulebook): ReadingAxis[] {
  const axes: ReadingAxis[] = [];
  if (facts.joint) {
    const joint = facts.joint;
    const jr = readingRow(rb, 'joint_totals');
    const or = readingRow(rb, 'own_share');
    axes.push({
      name: 'joint',
      options: [
        {
          label: jr?.label ?? '按共同犯罪全部数量、数额',
          rule: jr?.id ?? null,
          support: jr?.support ?? [],
          apply: (v) => {
            v.counts = { ...joint.counts };
            v.gain_fen = joint.illegal_gain_fen;
          },
        },
        {
          label: or?.label ?? '按本人份额',
          rule: or?.id ?? null,
          support: or?.support ?? [],
          apply: () => {},
        },
      ],
    });
  }
  facts.contested.forEach((e, i) => {
    const row = contestedRow(rb, e.kind);
    const what = e.label ?? row?.label ?? e.kind;
    const option = (cat: CategoryId, main: boolean): ReadingOption => {
      const tierSupport = row ? row.support_by_tier[CATEGORIES[cat].tier] : [];
      const support = [...tierSupport, ...(e.support ? [userSupport(e.support)] : [])];
      return {
        label: `${what} ${e.count} 条按${categoryTierLabel(cat)}计`,
        rule: row?.id ?? null,
        support: support.length > 0 ? support : [NO_SUPPORT],
        apply: main
          ? () => {}
          : (v) => {
              v.counts[e.counted_as] -= e.count;
              v.counts[cat] += e.count;
            },
      };
    };
    axes.push({
      name: `contested[${i}]`,
      options: [option(e.counted_as, true), ...e.alternatives.map((a) => option(a, false))],
    });
  });
  // Selling or providing the data rules Art. 6 out under every reading (Art. 6 ¶2): no axis then.
  if (facts.lawful_business_purchase && !facts.sold_or_provided) {
    const acc = readingRow(rb, 'art6_accepted');
    const not = readingRow(rb, 'art6_not_accepted');
    axes.push({
      name: 'art6',
      options: [
        {
          label: acc?.label ?? '采纳合法经营目的',
          rule: acc?.id ?? null,
          support: acc?.support ?? [],
          apply: () => {},
        },
        {
          label: not?.label ?? '不采纳合法经营目的',
          rule: not?.id ?? null,
          support: not?.support ?? [],
          apply: (v) => {
            v.flags.lawful_business_purchase = false;
          },
        },
      ],
    });
  }
  return axes;
}

/** The base view of a holder's own facts (no reading applied). */
export function baseView(facts: HolderFacts): FactView {
  const flags = {} as Record<string, boolean>;
  for (const k of BOOLEAN_FACTS) {
    flags[k] = facts[k];
  }
  return {
    counts: { ...facts.counts },
    gain_fen: facts.illegal_gain_fen,
    profit_fen: facts.profit_from_use_fen,
    consequence: facts.consequence,
    other_serious: facts.other_serious,
    other_especially_serious: facts.other_especially_serious,
    flags: flags as FactView['flags'],
    assumed: new Set(facts.not_given.map((n) => n.field)),
  };
}

/**
 * Every combination of options, main reading first, duplicates (same resulting view) removed.
 */
export function enumerateReadings(
  facts: HolderFacts,
  rb: Rulebook,
): { axes: ReadingAxis[]; readings: Reading[] } {
  const axes = readingAxes(facts, rb);
  const base = baseView(facts);
  const total = axes.reduce((n, a) => n * a.options.length, 1);
  const readings: Reading[] = [];
  const seen = new Set<string>();
  for (let k = 0; k < total; k++) {
    const choice: number[] = [];
    let rest = k;
    for (const a of axes) {
      choice.push(rest % a.options.length);
      rest = Math.floor(rest / a.options.length);
    }
    const v: MutableView = { counts: { ...base.counts }, gain_fen: base.gain_fen, flags: { ...base.flags } };
    axes.forEach((a, i) => {
      a.options[choice[i] ?? 0]?.apply(v);
    });
    const view: FactView = {
      ...base,
      counts: v.counts,
      gain_fen: v.gain_fen,
      flags: v.flags as FactView['flags'],
    };
    const sig = JSON.stringify([v.counts, v.gain_fen, v.flags]);
    if (seen.has(sig)) continue;
    seen.add(sig);
    readings.push({
      choice,
      view,
      chosen: axes.map((a, i) => ({ axis: a.name, option: a.options[choice[i] ?? 0]! })),
      changes: axes.flatMap((a, i) => ((choice[i] ?? 0) === 0 ? [] : [a.options[choice[i] ?? 0]!])),
      changed_axes: axes.flatMap((a, i) => ((choice[i] ?? 0) === 0 ? [] : [a.name])),
    });
  }
  return { axes, readings };
}
