/**
 * @module law/conditions
 * Evaluates one rulebook condition against a view of a holder's facts and writes its working in
 * Chinese ("第四项信息（住宿信息 620）合计 620 条 ≥ 500 条"). Integer arithmetic only: counts are
 * integers, money is in fen, the proportional sum is compared as weighted units.
 */
import { CATEGORIES, CATEGORY_IDS, type CategoryId, type Tier } from '../core/categories.js';
import type { CategoryCounts } from './facts.js';
import type { BooleanFact, Condition, Consequence, EvaluationPath, Severity } from './schema.js';

/** The facts one reading presents to the rules. */
export interface FactView {
  readonly counts: CategoryCounts;
  readonly gain_fen: number;
  readonly profit_fen: number;
  readonly consequence: Consequence | null;
  readonly other_serious: string | null;
  readonly other_especially_serious: string | null;
  readonly flags: Readonly<Record<BooleanFact, boolean>>;
  /** Facts that were not given (their value is a default). */
  readonly assumed: ReadonlySet<string>;
}

/** What has been decided so far, for `none_fired` and the post-decision tests. */
export interface DecisionState {
  readonly fired: ReadonlySet<string>;
  readonly severity?: Severity;
  readonly path?: EvaluationPath;
  readonly basesDiffer?: boolean;
}

export interface ConditionResult {
  readonly ok: boolean;
  readonly working: string;
}

/** Result of a whole row: plus the tests of the conditions that failed. */
export interface RowResult extends ConditionResult {
  readonly failed: readonly Condition['test'][];
}

export const FACT_LABELS: Readonly<Record<BooleanFact, string>> = {
  insider: '信息系在履行职责或者提供服务过程中获得',
  sold_or_provided: '出售或者提供给他人',
  used_for_crime: '信息被他人用于犯罪',
  knew_buyer_criminal: '知道或者应当知道对方利用信息实施犯罪',
  major_loss_or_bad_influence: '造成重大经济损失或者恶劣社会影响',
  prior_criminal_record: '曾因侵犯公民个人信息受过刑事处罚',
  admin_penalty_within_2_years: '二年内因侵犯公民个人信息受过行政处罚',
  lawful_business_purchase: '为合法经营活动而购买、收受',
  first_offender: '初犯',
  returned_all_gains: '全部退赃',
  remorse: '确有悔罪表现',
  accessory: '从犯',
  unit: '单位犯罪',
  unit_mainly_for_crime: '单位设立后以实施犯罪为主要活动',
};

export const CONSEQUENCE_LABELS: Readonly<Record<Consequence, string>> = {
  death: '被害人死亡',
  serious_injury: '被害人重伤',
  mental_disorder: '被害人精神失常',
  kidnapping: '被害人被绑架',
};

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  none: '未达“情节严重”',
  serious: '情节严重',
  especially_serious: '情节特别严重',
};

export const TIER_LABELS: Readonly<Record<Tier, string>> = {
  1: '第三项信息',
  2: '第四项信息',
  3: '第五项信息',
};

export const PATH_LABELS: Readonly<Record<EvaluationPath, string>> = {
  art5: '第五条（一般标准）',
  art6: '第六条（为合法经营活动购买、收受）',
};

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { none: 0, serious: 1, especially_serious: 2 };

export function severityRank(s: Severity): number {
  return SEVERITY_RANK[s];
}
export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

export function tierTotal(counts: CategoryCounts, tier: Tier): number {
  let n = 0;
  for (const c of CATEGORY_IDS) if (CATEGORIES[c].tier === tier) n += counts[c];
  return n;
}

export function totalCount(counts: CategoryCounts): number {
  let n = 0;
  for (const c of CATEGORY_IDS) n += counts[c];
  return n;
}

/** "第四项信息（住宿信息 620、健康生理信息 10）" — the categories of a tier that have records. */
export function tierBreakdown(counts: CategoryCounts, tier: Tier): string {
  const parts = CATEGORY_IDS.filter((c) => CATEGORIES[c].tier === tier && counts[c] > 0).map(
    (c) => `${CATEGORIES[c].label} ${counts[c]}`,
  );
  return parts.length > 0 ? `${TIER_LABELS[tier]}（${parts.join('、')}）` : TIER_LABELS[tier];
}

/** Fen → "13000 元" / "9266.50 元". */
export function formatYuan(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const rest = fen % 100;
  return rest === 0 ? `${yuan} 元` : `${yuan}.${String(rest).padStart(2, '0')} 元`;
}

/** Exact decimal of a/b for non-negative integers, up to 6 places (marked "…" if it goes on). */
export function exactDecimal(a: number, b: number): string {
  const int = Math.floor(a / b);
  let rem = a % b;
  let frac = '';
  for (let i = 0; i < 6 && rem !== 0; i++) {
    rem *= 10;
    frac += String(Math.floor(rem / b));
    rem %= b;
  }
  return frac === '' ? String(int) : `${int}.${frac}${rem !== 0 ? '…' : ''}`;
}

function compare(n: number, op: '>=' | '<=', value: number): boolean {
  return op === '>=' ? n >= value : n <= value;
}
/** "n ≥ 1" reads better as "n > 0" (a presence test). */
function threshold(ok: boolean, op: '>=' | '<=', value: number, unit: (v: number) => string): string {
  if (op === '>=' && value === 1) return ok ? '> 0' : '= 0';
  if (op === '<=' && value === 0) return ok ? '= 0' : '> 0';
  return `${opSymbol(ok, op)} ${unit(value)}`;
}
function opSymbol(ok: boolean, op: '>=' | '<='): string {
  if (op === '>=') return ok ? '≥' : '<';
  return ok ? '≤' : '>';
}
function withExplain(s: string, explain: string | undefined): string {
  return explain ? `${s}（${explain}）` : s;
}

function factWorking(view: FactView, f: BooleanFact): string {
  const v = view.flags[f];
  return `${FACT_LABELS[f]}：${v ? '是' : '否'}${view.assumed.has(f) ? '（未提供，按“否”假定）' : ''}`;
}

/** Weighted units of the proportional sum and its working, e.g. S = 30/50 + … = 5100/5000 = 1.02. */
export function proportionalWorking(
  counts: CategoryCounts,
  weights: Readonly<Record<Tier, number>>,
  unit: number,
): { units: number; s: string; working: string } {
  const n = { 1: tierTotal(counts, 1), 2: tierTotal(counts, 2), 3: tierTotal(counts, 3) } as const;
  const units = weights[1] * n[1] + weights[2] * n[2] + weights[3] * n[3];
  const denom = (t: Tier) => unit / weights[t];
  const s = exactDecimal(units, unit);
  const working =
    `S = ${n[1]}/${denom(1)} + ${n[2]}/${denom(2)} + ${n[3]}/${denom(3)}` +
    ` = (${weights[1]}×${n[1]} + ${weights[2]}×${n[2]} + ${weights[3]}×${n[3]})/${unit}` +
    ` = ${units}/${unit} = ${s}`;
  return { units, s, working };
}

/**
 * Evaluates one condition.
 * @example evaluateCondition({ test: 'tier_count', tier: 2, op: '>=', value: 500 }, view, { fired: new Set() })
 */
export function evaluateCondition(c: Condition, view: FactView, state: DecisionState): ConditionResult {
  switch (c.test) {
    case 'fact': {
      const ok = view.flags[c.fact] === c.equals;
      return { ok, working: factWorking(view, c.fact) };
    }
    case 'any_fact': {
      const ok = c.facts.some((f) => view.flags[f]);
      return { ok, working: c.facts.map((f) => factWorking(view, f)).join('；') };
    }
    case 'consequence_in': {
      const ok = view.consequence !== null && c.values.includes(view.consequence);
      const shown = view.consequence ? CONSEQUENCE_LABELS[view.consequence] : '无';
      return {
        ok,
        working: `后果：${shown}${view.assumed.has('consequence') ? '（未提供，按“无”假定）' : ''}`,
      };
    }
    case 'asserted': {
      const reason = view[c.fact];
      return reason === null
        ? { ok: false, working: '使用者未主张' }
        : { ok: true, working: `使用者主张（须由司法机关认定）：${reason}` };
    }
    case 'tier_count': {
      const n = tierTotal(view.counts, c.tier);
      const ok = compare(n, c.op, c.value);
      const s = `${tierBreakdown(view.counts, c.tier)}合计 ${n} 条 ${threshold(ok, c.op, c.value, (v) => `${v} 条`)}`;
      return { ok, working: withExplain(s, c.explain) };
    }
    case 'category_count': {
      const n = view.counts[c.category];
      const ok = compare(n, c.op, c.value);
      return {
        ok,
        working: `${CATEGORIES[c.category].label} ${n} 条 ${threshold(ok, c.op, c.value, (v) => `${v} 条`)}`,
      };
    }
    case 'total_count': {
      const n = totalCount(view.counts);
      const ok = compare(n, c.op, c.value);
      return { ok, working: `信息合计 ${n} 条 ${threshold(ok, c.op, c.value, (v) => `${v} 条`)}` };
    }
    case 'weighted_units': {
      const p = proportionalWorking(view.counts, c.weights, c.unit);
      const ok = compare(p.units, c.op, c.value);
      const s = `比例合计 ${p.working} ${opSymbol(ok, c.op)} ${exactDecimal(c.value, c.unit)}（即 ${p.units} ${opSymbol(ok, c.op)} ${c.value}）`;
      return { ok, working: withExplain(s, c.explain) };
    }
    case 'gain_fen': {
      const ok = compare(view.gain_fen, c.op, c.value);
      const assumed = view.assumed.has('illegal_gain_yuan') ? '（未提供，按 0 假定）' : '';
      const s = `违法所得 ${formatYuan(view.gain_fen)}${assumed} ${threshold(ok, c.op, c.value, formatYuan)}`;
      return { ok, working: withExplain(s, c.explain) };
    }
    case 'profit_fen': {
      const ok = compare(view.profit_fen, c.op, c.value);
      const assumed = view.assumed.has('profit_from_use_yuan') ? '（未提供，按 0 假定）' : '';
      const s = `利用所购信息获利 ${formatYuan(view.profit_fen)}${assumed} ${threshold(ok, c.op, c.value, formatYuan)}`;
      return { ok, working: withExplain(s, c.explain) };
    }
    case 'none_fired': {
      const hit = c.rules.filter((r) => state.fired.has(r));
      return hit.length === 0
        ? { ok: true, working: '各类信息均未单独达到该档标准' }
        : { ok: false, working: `已由 ${hit.join('、')} 单独达到标准，本项不另行适用` };
    }
    case 'severity_in': {
      const s = state.severity ?? 'none';
      return { ok: c.values.includes(s), working: `结论：${SEVERITY_LABELS[s]}` };
    }
    case 'path_is': {
      const p = state.path ?? 'art5';
      return { ok: p === c.path, working: `适用：${PATH_LABELS[p]}` };
    }
    case 'bases_differ': {
      const ok = state.basesDiffer === true;
      return { ok, working: ok ? '数量与违法所得分属不同档位' : '数量与违法所得未分属不同档位' };
    }
  }
}

/** Evaluates all conditions (no short-circuit, so the working is complete). */
export function evaluateAll(cs: readonly Condition[], view: FactView, state: DecisionState): RowResult {
  const results = cs.map((c) => evaluateCondition(c, view, state));
  return {
    ok: results.every((r) => r.ok),
    working: results.map((r) => r.working).join('；'),
    failed: cs.filter((_, i) => !results[i]?.ok).map((c) => c.test),
  };
}

export function categoryTierLabel(c: CategoryId): string {
  return `“${CATEGORIES[c].label}”（${TIER_LABELS[CATEGORIES[c].tier]}）`;
}
