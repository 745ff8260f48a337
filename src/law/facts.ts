/**
 * @module law/facts
 * Parses the facts input of `xinjian assess` (one object per holder: category counts plus the facts
 * no file can show) into typed, defaulted HolderFacts. Every error names the file and the field
 * path; every defaulted fact is recorded so the assessment can say it was assumed, not established.
 */
import { CATEGORY_IDS, type CategoryId, isCategoryId } from '../core/categories.js';
import { ConfigError } from '../core/errors.js';
import { contestedRow, loadRulebook } from './rulebook.js';
import { BOOLEAN_FACTS, type BooleanFact, CONSEQUENCES, type Consequence } from './schema.js';

export type CategoryCounts = Readonly<Record<CategoryId, number>>;

/** Records counted under one category that a court could put in another (legal-reference.md §6). */
export interface ContestedEntry {
  /** A contested kind of the rulebook (bare_id_numbers, …) or 'other'. */
  readonly kind: string;
  readonly count: number;
  readonly counted_as: CategoryId;
  readonly alternatives: readonly CategoryId[];
  /** The user's own support text (required for kind 'other'). */
  readonly support: string | null;
  readonly label: string | null;
}

/** Totals of the joint crime the holder took part in (include the holder's own share). */
export interface JointTotals {
  readonly counts: CategoryCounts;
  readonly illegal_gain_fen: number;
}

/** A fact that was absent (or null) in the input and was given its default. */
export interface NotGiven {
  readonly field: string;
  /** The assumed value, as shown to the reader. */
  readonly assumed: string;
}

export interface HolderFacts extends Readonly<Record<BooleanFact, boolean>> {
  readonly name: string;
  readonly counts: CategoryCounts;
  readonly illegal_gain_yuan: number;
  /** 违法所得 in fen (exact integer); thresholds are compared in fen. */
  readonly illegal_gain_fen: number;
  readonly profit_from_use_yuan: number;
  readonly profit_from_use_fen: number;
  readonly consequence: Consequence | null;
  /** Art. 5 ¶1(10) / Art. 6(3): a reason the user asserts, or null. */
  readonly other_serious: string | null;
  /** Art. 5 ¶2(4): a reason the user asserts, or null. */
  readonly other_especially_serious: string | null;
  readonly contested: readonly ContestedEntry[];
  readonly joint: JointTotals | null;
  readonly not_given: readonly NotGiven[];
  /** Input fields this tool does not know (ignored; listed so a typo is visible). */
  readonly ignored_fields: readonly string[];
}

export interface Facts {
  /** File name or other label used in messages. */
  readonly source: string;
  /** Date on which the law is applied (YYYY-MM-DD), or null: rules currently in force. */
  readonly as_of: string | null;
  readonly case_name: string | null;
  readonly holders: readonly HolderFacts[];
  readonly ignored_fields: readonly string[];
}

/** Facts a reader must see as assumed when absent; the extras (unit, accessory…) default silently. */
const REPORTED_BOOLEANS: readonly BooleanFact[] = [
  'insider',
  'sold_or_provided',
  'used_for_crime',
  'knew_buyer_criminal',
  'major_loss_or_bad_influence',
  'prior_criminal_record',
  'admin_penalty_within_2_years',
  'lawful_business_purchase',
  'first_offender',
  'returned_all_gains',
  'remorse',
];

const HOLDER_FIELDS = new Set<string>([
  'name',
  'counts',
  'illegal_gain_yuan',
  'profit_from_use_yuan',
  'consequence',
  'other_serious',
  'other_especially_serious',
  'contested',
  'joint',
  ...BOOLEAN_FACTS,
]);

/** Upper bound for money (10^13 yuan) and counts (2^53): beyond this the input is surely wrong. */
const MAX_YUAN = 1e13;
/** At most this many readings (combinations of contested classifications) per holder. */
export const MAX_READINGS = 256;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function fail(path: string, msg: string): never {
  throw new ConfigError(`${path}: ${msg}`, { field: path });
}

function parseCount(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    fail(path, `must be a number of records (got ${typeName(v)})`);
  if (v < 0) fail(path, `must not be negative (got ${v})`);
  if (!Number.isSafeInteger(v)) fail(path, `must be a whole number of records (got ${v})`);
  return v;
}

function zeroCounts(): Record<CategoryId, number> {
  return Object.fromEntries(CATEGORY_IDS.map((c) => [c, 0])) as Record<CategoryId, number>;
}

function parseCounts(v: unknown, path: string): Record<CategoryId, number> {
  if (!isPlainObject(v)) fail(path, `must be an object of category id → count (got ${typeName(v)})`);
  const out = zeroCounts();
  for (const [k, n] of Object.entries(v)) {
    if (!isCategoryId(k)) fail(`${path}.${k}`, `unknown category id (known: ${CATEGORY_IDS.join(', ')})`);
    out[k] = parseCount(n, `${path}.${k}`);
  }
  return out;
}

/** Yuan with at most two decimals → exact fen. Decided on the number's shortest decimal form. */
function parseYuan(v: unknown, path: string): { yuan: number; fen: number } {
  if (typeof v !== 'number' || !Number.isFinite(v))
    fail(path, `must be an amount in yuan (got ${typeName(v)})`);
  if (v < 0) fail(path, `must not be negative (got ${v})`);
  if (v > MAX_YUAN) fail(path, `is implausibly large (${v})`);
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(v));
  if (!m) fail(path, `must have at most two decimal places (got ${v})`);
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return { yuan: v, fen };
}

function parseBool(v: unknown, path: string): boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'boolean') fail(path, `must be true, false or null (got ${typeName(v)})`);
  return v;
}

function parseText(v: unknown, path: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') fail(path, `must be a string or null (got ${typeName(v)})`);
  const t = v.trim();
  return t === '' ? null : t;
}

function parseCategory(v: unknown, path: string): CategoryId {
  if (typeof v !== 'string') fail(path, `must be a category id (got ${typeName(v)})`);
  if (!isCategoryId(v)) fail(path, `unknown category id '${v}' (known: ${CATEGORY_IDS.join(', ')})`);
  return v;
}

function parseContested(
  v: unknown,
  path: string,
  counts: CategoryCounts,
  ignored: string[],
): ContestedEntry[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(path, `must be an array (got ${typeName(v)})`);
  const rb = loadRulebook();
  const used = zeroCounts();
  return v.map((e, i) => {
    const p = `${path}[${i}]`;
    if (!isPlainObject(e)) fail(p, `must be an object (got ${typeName(e)})`);
    for (const k of Object.keys(e)) {
      if (!['kind', 'count', 'counted_as', 'alternative', 'alternatives', 'support', 'label'].includes(k)) {
        ignored.push(`${p}.${k}`);
      }
    }
    if (typeof e.kind !== 'string' || e.kind === '')
      fail(`${p}.kind`, `must be a string (got ${typeName(e.kind)})`);
    const row = contestedRow(rb, e.kind);
    const known = rb.rows.flatMap((r) => (r.kind === 'contested' ? [r.contested_kind] : []));
    if (!row && e.kind !== 'other')
      fail(`${p}.kind`, `unknown contested kind '${e.kind}' (known: ${[...known, 'other'].join(', ')})`);
    if (e.count === undefined) fail(`${p}.count`, 'is required');
    const count = parseCount(e.count, `${p}.count`);
    if (count === 0) fail(`${p}.count`, 'must be at least 1');
    const countedAs =
      e.counted_as === undefined && row?.default_counted_as
        ? row.default_counted_as
        : parseCategory(e.counted_as, `${p}.counted_as`);
    const altRaw = e.alternatives ?? e.alternative;
    const altKey = e.alternatives !== undefined ? 'alternatives' : 'alternative';
    let alternatives: CategoryId[];
    if (altRaw === undefined && row && row.default_alternatives.length > 0) {
      alternatives = [...row.default_alternatives];
    } else if (Array.isArray(altRaw)) {
      if (altRaw.length === 0) fail(`${p}.${altKey}`, 'must name at least one category id');
      alternatives = altRaw.map((a, j) => parseCategory(a, `${p}.${altKey}[${j}]`));
    } else {
      alternatives = [parseCategory(altRaw, `${p}.${altKey}`)];
    }
    if (alternatives.includes(countedAs)) fail(`${p}.${altKey}`, `repeats counted_as '${countedAs}'`);
    if (new Set(alternatives).size !== alternatives.length) fail(`${p}.${altKey}`, 'names a category twice');
    used[countedAs] += count;
    if (used[countedAs] > counts[countedAs]) {
      fail(
        `${p}.count`,
        `contested records counted as ${countedAs} (${used[countedAs]} in all) exceed counts.${countedAs} (${counts[countedAs]})`,
      );
    }
    const support = parseText(e.support, `${p}.support`);
    if (e.kind === 'other' && support === null) fail(`${p}.support`, "is required for kind 'other'");
    return {
      kind: e.kind,
      count,
      counted_as: countedAs,
      alternatives,
      support,
      label: parseText(e.label, `${p}.label`),
    };
  });
}

function parseJoint(
  v: unknown,
  path: string,
  own: { counts: CategoryCounts; fen: number },
  ignored: string[],
): JointTotals | null {
  if (v === undefined || v === null) return null;
  if (!isPlainObject(v)) fail(path, `must be an object (got ${typeName(v)})`);
  for (const k of Object.keys(v))
    if (k !== 'counts' && k !== 'illegal_gain_yuan') ignored.push(`${path}.${k}`);
  if (v.counts === undefined && v.illegal_gain_yuan === undefined) {
    fail(path, 'must give counts and/or illegal_gain_yuan of the joint crime');
  }
  const counts = v.counts === undefined ? { ...own.counts } : parseCounts(v.counts, `${path}.counts`);
  for (const c of CATEGORY_IDS) {
    if (counts[c] < own.counts[c]) {
      fail(
        `${path}.counts.${c}`,
        `(${counts[c]}) is less than the holder's own counts.${c} (${own.counts[c]}); joint totals include the holder's share`,
      );
    }
  }
  const fen =
    v.illegal_gain_yuan === undefined
      ? own.fen
      : parseYuan(v.illegal_gain_yuan, `${path}.illegal_gain_yuan`).fen;
  if (fen < own.fen) fail(`${path}.illegal_gain_yuan`, "is less than the holder's own illegal_gain_yuan");
  return { counts, illegal_gain_fen: fen };
}

/**
 * Parses one holder. `path` prefixes every error (e.g. "facts.json: holders[0]").
 * @example parseHolderFacts({ name: '张某', counts: { lodging: 620 } }, 'facts.json: holders[0]')
 */
export function parseHolderFacts(obj: unknown, path: string): HolderFacts {
  if (!isPlainObject(obj)) fail(path, `must be an object (got ${typeName(obj)})`);
  const notGiven: NotGiven[] = [];
  const ignored: string[] = [];
  for (const k of Object.keys(obj)) if (!HOLDER_FIELDS.has(k)) ignored.push(`${path}.${k}`);

  if (typeof obj.name !== 'string' || obj.name.trim() === '') {
    fail(`${path}.name`, `must be a non-empty string (got ${typeName(obj.name)})`);
  }
  const name = obj.name.trim();

  let counts: Record<CategoryId, number>;
  if (obj.counts === undefined || obj.counts === null) {
    counts = zeroCounts();
    notGiven.push({ field: 'counts', assumed: '各类 0 条' });
  } else counts = parseCounts(obj.counts, `${path}.counts`);

  let gain = { yuan: 0, fen: 0 };
  if (obj.illegal_gain_yuan === undefined || obj.illegal_gain_yuan === null) {
    notGiven.push({ field: 'illegal_gain_yuan', assumed: '0 元' });
  } else gain = parseYuan(obj.illegal_gain_yuan, `${path}.illegal_gain_yuan`);

  const flags = {} as Record<BooleanFact, boolean>;
  for (const f of BOOLEAN_FACTS) {
    const b = parseBool(obj[f], `${path}.${f}`);
    flags[f] = b ?? false;
    if (b === null && REPORTED_BOOLEANS.includes(f)) notGiven.push({ field: f, assumed: 'false' });
  }

  let consequence: Consequence | null = null;
  if (obj.consequence === undefined) notGiven.push({ field: 'consequence', assumed: '无' });
  else if (obj.consequence !== null && obj.consequence !== 'none') {
    if (
      typeof obj.consequence !== 'string' ||
      !(CONSEQUENCES as readonly string[]).includes(obj.consequence)
    ) {
      fail(
        `${path}.consequence`,
        `must be null or one of ${CONSEQUENCES.join(', ')} (got ${JSON.stringify(obj.consequence)})`,
      );
    }
    consequence = obj.consequence as Consequence;
  }

  let profit = { yuan: 0, fen: 0 };
  if (obj.profit_from_use_yuan === undefined || obj.profit_from_use_yuan === null) {
    if (flags.lawful_business_purchase) notGiven.push({ field: 'profit_from_use_yuan', assumed: '0 元' });
  } else profit = parseYuan(obj.profit_from_use_yuan, `${path}.profit_from_use_yuan`);

  const contested = parseContested(obj.contested, `${path}.contested`, counts, ignored);
  const joint = parseJoint(obj.joint, `${path}.joint`, { counts, fen: gain.fen }, ignored);

  let readings = (joint ? 2 : 1) * (flags.lawful_business_purchase ? 2 : 1);
  for (const c of contested) readings *= 1 + c.alternatives.length;
  if (readings > MAX_READINGS) {
    fail(
      `${path}.contested`,
      `${readings} combinations of readings; at most ${MAX_READINGS} can be assessed`,
    );
  }

  return {
    name,
    counts,
    illegal_gain_yuan: gain.yuan,
    illegal_gain_fen: gain.fen,
    profit_from_use_yuan: profit.yuan,
    profit_from_use_fen: profit.fen,
    consequence,
    other_serious: parseText(obj.other_serious, `${path}.other_serious`),
    other_especially_serious: parseText(obj.other_especially_serious, `${path}.other_especially_serious`),
    ...flags,
    contested,
    joint,
    not_given: notGiven,
    ignored_fields: ignored,
  };
}

/**
 * Parses a whole facts file (already JSON-decoded). `source` names the file in every message.
 * @example parseFactsFile(JSON.parse(text), 'facts.json')
 */
export function parseFactsFile(json: unknown, source: string): Facts {
  if (!isPlainObject(json)) fail(source, `must be a JSON object with "holders" (got ${typeName(json)})`);
  const ignored = Object.keys(json)
    .filter((k) => !['holders', 'as_of', 'case'].includes(k))
    .map((k) => `${source}: ${k}`);
  if (!Array.isArray(json.holders))
    fail(`${source}: holders`, `must be an array (got ${typeName(json.holders)})`);
  if (json.holders.length === 0) fail(`${source}: holders`, 'must list at least one holder');
  let asOf: string | null = null;
  if (json.as_of !== undefined && json.as_of !== null) {
    if (typeof json.as_of !== 'string' || !isIsoDate(json.as_of)) {
      fail(`${source}: as_of`, `must be a date YYYY-MM-DD (got ${JSON.stringify(json.as_of)})`);
    }
    asOf = json.as_of;
  }
  const caseName = parseText(json.case, `${source}: case`);
  const seen = new Map<string, number>();
  const holders = json.holders.map((h, i) => {
    const parsed = parseHolderFacts(h, `${source}: holders[${i}]`);
    const prev = seen.get(parsed.name);
    if (prev !== undefined)
      fail(`${source}: holders[${i}].name`, `duplicate holder name '${parsed.name}' (also holders[${prev}])`);
    seen.set(parsed.name, i);
    return parsed;
  });
  return { source, as_of: asOf, case_name: caseName, holders, ignored_fields: ignored };
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
