/**
 * @module law/evaluate
 * The pure evaluator: (facts, rulebook) → assessment. It picks the path (Art. 5, or Art. 6 for a
 * lawful-business purchase), evaluates every band row in rulebook order, takes the heaviest band
 * (最高检 2022 case 1), then adds penalty, fine, aggravations, mitigations and notes, the band under
 * every tenable reading, and what each unstated fact would change. No I/O, no clock.
 */
import { CATEGORIES, CATEGORY_IDS, TIER_THRESHOLDS } from '../core/categories.js';
import { ConfigError } from '../core/errors.js';
import type {
  Alternative,
  Assessment,
  Check,
  Effect,
  FactNotGiven,
  FineGuidance,
  HolderAssessment,
  PenaltyRange,
  Trigger,
} from './assessment.js';
import { formatCitation, formatSupport } from './cite.js';
import {
  type DecisionState,
  evaluateAll,
  FACT_LABELS,
  type FactView,
  formatYuan,
  maxSeverity,
  proportionalWorking,
  SEVERITY_LABELS,
  severityRank,
  tierTotal,
  totalCount,
} from './conditions.js';
import type { Facts, HolderFacts } from './facts.js';
import { enumerateReadings } from './readings.js';
import {
  bandRows,
  effectRows,
  fineRow,
  loadRulebook,
  pathRows,
  penaltyRow,
  type Rulebook,
  rulebookAsOf,
} from './rulebook.js';
import { BOOLEAN_FACTS, type BooleanFact, type EvaluationPath, type Severity } from './schema.js';

/** The band decision for one view of the facts. */
export interface ViewResult {
  readonly path: EvaluationPath;
  readonly path_checks: readonly Check[];
  readonly severity: Severity;
  readonly triggers: readonly Trigger[];
  readonly checks: readonly Check[];
  readonly bases_differ: boolean;
}

/** Decides the band for one view (one reading) of a holder's facts. */
export function assessView(view: FactView, rb: Rulebook): ViewResult {
  let path: EvaluationPath = 'art5';
  const pathChecks: Check[] = [];
  for (const row of pathRows(rb)) {
    const r = evaluateAll(row.conditions, view, { fired: new Set() });
    pathChecks.push({
      rule: row.id,
      band: null,
      label: row.label,
      met: r.ok,
      failed: r.failed,
      working: r.working,
    });
    if (r.ok) {
      path = row.path;
      break;
    }
  }
  const fired = new Set<string>();
  const triggers: Trigger[] = [];
  const checks: Check[] = [];
  let severity: Severity = 'none';
  let countBand: Severity = 'none';
  let gainBand: Severity = 'none';
  for (const row of bandRows(rb, path)) {
    const r = evaluateAll(row.conditions, view, { fired });
    checks.push({
      rule: row.id,
      band: row.band,
      label: row.label,
      met: r.ok,
      failed: r.failed,
      working: r.working,
    });
    if (!r.ok) continue;
    fired.add(row.id);
    severity = maxSeverity(severity, row.band);
    if (row.basis === 'count') countBand = maxSeverity(countBand, row.band);
    if (row.basis === 'gain') gainBand = maxSeverity(gainBand, row.band);
    triggers.push({
      rule: row.id,
      band: row.band,
      basis: row.basis,
      label: row.label,
      citation: formatCitation(row.citation),
      verified: row.citation.verified,
      interpretive: row.citation.interpretive,
      interpretive_note: row.citation.interpretive_note ?? null,
      working: r.working,
    });
  }
  const basesDiffer = totalCount(view.counts) > 0 && view.gain_fen > 0 && countBand !== gainBand;
  return { path, path_checks: pathChecks, severity, triggers, checks, bases_differ: basesDiffer };
}

function effects(view: FactView, result: ViewResult, rb: Rulebook) {
  const state: DecisionState = {
    fired: new Set(result.triggers.map((t) => t.rule)),
    severity: result.severity,
    path: result.path,
    basesDiffer: result.bases_differ,
  };
  const out = { aggravation: [] as Effect[], mitigation: [] as Effect[], note: [] as Effect[] };
  for (const row of effectRows(rb)) {
    const r = evaluateAll(row.conditions, view, state);
    if (!r.ok) continue;
    out[row.kind].push({
      rule: row.id,
      label: row.label,
      text: row.text,
      citation: formatCitation(row.citation),
      verified: row.citation.verified,
      working: r.working,
    });
  }
  return out;
}

function uniq(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

function signature(view: FactView, res: ViewResult): string {
  return JSON.stringify([view.counts, view.gain_fen, res.path, res.triggers.map((t) => t.rule)]);
}

/** Stated mitigating facts with no rule of their own, so the reader sees them. */
function statedMitigations(facts: HolderFacts, already: readonly Effect[]): Effect[] {
  if (already.some((e) => e.rule === 'interp2017.art10')) return [];
  const out: Effect[] = [];
  for (const f of ['first_offender', 'returned_all_gains', 'remorse'] as const) {
    if (!facts[f]) continue;
    out.push({
      rule: null,
      label: FACT_LABELS[f],
      text: '已陈述的酌定从宽情节；第十条的“情节轻微”须初犯、全部退赃、确有悔罪表现同时具备且不属情节特别严重。',
      citation: '（一般量刑情节；规则库未单列条文）',
      verified: true,
      working: `${FACT_LABELS[f]}：是`,
    });
  }
  return out;
}

function penalty(severity: Severity, rb: Rulebook): PenaltyRange | null {
  if (severity === 'none') return null;
  const row = penaltyRow(rb, severity);
  if (!row) return null;
  return {
    rule: row.id,
    band: row.band,
    text: row.text,
    imprisonment_months: { ...row.imprisonment_months },
    criminal_detention: row.criminal_detention,
    fine: row.fine,
    citation: formatCitation(row.citation),
    verified: row.citation.verified,
    notes: [...row.notes],
  };
}

function fine(severity: Severity, facts: HolderFacts, rb: Rulebook): FineGuidance | null {
  const row = fineRow(rb);
  const pen = severity === 'none' ? undefined : penaltyRow(rb, severity);
  if (!row || !pen) return null;
  const fen = facts.illegal_gain_fen;
  const common = { rule: row.id, citation: formatCitation(row.citation), verified: row.citation.verified };
  const required = pen.fine === 'mandatory' ? '必须并处罚金' : '可以并处或者单处罚金';
  if (fen === 0) {
    return {
      ...common,
      basis_yuan: null,
      min_yuan: null,
      max_yuan: null,
      fine: pen.fine,
      working: `未陈述本人违法所得（或为 0）：第十二条的倍数无从适用，罚金按危害程度等酌定；${required}。`,
      text: row.text,
    };
  }
  const lo = fen * row.multiple_min;
  const hi = fen * row.multiple_max;
  return {
    ...common,
    basis_yuan: fen / 100,
    min_yuan: lo / 100,
    max_yuan: hi / 100,
    fine: pen.fine,
    working: `本人违法所得 ${formatYuan(fen)} × ${row.multiple_min} ～ × ${row.multiple_max} = ${formatYuan(lo)} ～ ${formatYuan(hi)}；${required}。`,
    text: row.text,
  };
}

function notGiven(facts: HolderFacts, main: FactView, rb: Rulebook): FactNotGiven[] {
  return facts.not_given.map((n) => {
    let ifTrue: Severity | null = null;
    if ((BOOLEAN_FACTS as readonly string[]).includes(n.field)) {
      const flags = { ...main.flags, [n.field as BooleanFact]: true };
      ifTrue = assessView({ ...main, flags }, rb).severity;
    } else if (n.field === 'consequence') {
      ifTrue = assessView({ ...main, consequence: 'death' }, rb).severity;
    }
    return { field: n.field, assumed: n.assumed, severity_if_true: ifTrue };
  });
}

/**
 * Assesses one holder under the main reading and every alternative reading.
 * @example assessHolder(parseHolderFacts({ name: '张某', counts: { lodging: 620 } }, 'x')).severity // 'serious'
 */
export function assessHolder(facts: HolderFacts, rulebook: Rulebook = loadRulebook()): HolderAssessment {
  const rb = rulebook;
  const { readings } = enumerateReadings(facts, rb);
  const main = readings[0]!;
  const result = assessView(main.view, rb);
  const fx = effects(main.view, result, rb);
  // An alternative that yields the same counts, gain and fired rules as an earlier reading says
  // nothing new (e.g. "Art. 6 purpose not accepted" when Art. 6 did not apply anyway): dropped.
  const seen = new Set([signature(main.view, result)]);
  const alternatives: Alternative[] = [];
  for (const r of readings.slice(1)) {
    const res = assessView(r.view, rb);
    const sig = signature(r.view, res);
    if (seen.has(sig)) continue;
    seen.add(sig);
    const refs = r.changes.flatMap((c) => c.support);
    alternatives.push({
      reading: r.changes.map((c) => c.label).join('；'),
      severity: res.severity,
      differs: res.severity !== result.severity,
      path: res.path,
      support: refs.map(formatSupport).join('；'),
      support_refs: refs,
      reading_rules: uniq(r.changes.flatMap((c) => (c.rule ? [c.rule] : []))),
      triggers: res.triggers.map((t) => t.rule),
      counts: { ...r.view.counts },
    });
  }
  // The Art. 6 option is only part of the reading when Art. 6 actually applied.
  const chosen = main.chosen.filter((c) => c.axis !== 'art6' || result.path === 'art6').map((c) => c.option);
  const mainRefs = chosen.flatMap((o) => o.support);
  const all = [result.severity, ...alternatives.map((a) => a.severity)];
  const min = all.reduce((a, b) => (severityRank(a) <= severityRank(b) ? a : b));
  const max = all.reduce(maxSeverity);
  // The same weights the rulebook's item (6) rows use (checked against TIER_THRESHOLDS at load).
  const unit = TIER_THRESHOLDS[3];
  const weights = { 1: unit / TIER_THRESHOLDS[1], 2: unit / TIER_THRESHOLDS[2], 3: 1 } as const;
  const prop = proportionalWorking(main.view.counts, weights, unit);
  return {
    name: facts.name,
    severity: result.severity,
    severity_label: SEVERITY_LABELS[result.severity],
    path: result.path,
    reading: chosen.length > 0 ? chosen.map((o) => o.label).join('；') : '按输入的分类和数额',
    reading_support: mainRefs.map(formatSupport).join('；'),
    reading_rules: uniq(chosen.flatMap((o) => (o.rule ? [o.rule] : []))),
    counts: { ...main.view.counts },
    tier_totals: {
      tier1: tierTotal(main.view.counts, 1),
      tier2: tierTotal(main.view.counts, 2),
      tier3: tierTotal(main.view.counts, 3),
    },
    proportional_sum: prop,
    illegal_gain_yuan: main.view.gain_fen / 100,
    triggers: result.triggers,
    checks: result.checks,
    path_checks: result.path_checks,
    penalty_range: penalty(result.severity, rb),
    fine_guidance: fine(result.severity, facts, rb),
    aggravations: fx.aggravation,
    mitigations: [...fx.mitigation, ...statedMitigations(facts, fx.mitigation)],
    notes: fx.note,
    alternatives,
    severity_range: { min, max },
    contested_outcome: min !== max,
    facts_not_given: notGiven(facts, main.view, rb),
    ignored_fields: [...facts.ignored_fields],
  };
}

/**
 * Assesses every holder of a facts file, in input order, with the rules in force on `as_of`.
 * @example assessCase(parseFactsFile(json, 'facts.json')).holders[0].severity
 */
export function assessCase(facts: Facts): Assessment {
  let rb = loadRulebook();
  if (facts.as_of !== null) {
    rb = rulebookAsOf(rb, facts.as_of);
    if (bandRows(rb, 'art5').length === 0) {
      throw new ConfigError(
        `${facts.source}: as_of: ${facts.as_of} precedes 法释〔2017〕10号 (in force 2017-06-01); this tool encodes no earlier standards`,
        { field: 'as_of' },
      );
    }
  }
  return {
    tool: 'xinjian',
    rulebook_version: rb.version,
    as_of: facts.as_of,
    source: facts.source,
    case_name: facts.case_name,
    holders: facts.holders.map((h) => assessHolder(h, rb)),
    ignored_fields: [...facts.ignored_fields],
  };
}

/** Category ids with a non-zero count, in table order (for renderers). */
export function nonZeroCategories(counts: Readonly<Record<string, number>>): string[] {
  return CATEGORY_IDS.filter((c) => (counts[c] ?? 0) > 0).map(
    (c) => `${CATEGORIES[c].label} ${counts[c]} 条`,
  );
}
