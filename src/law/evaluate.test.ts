import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CategoryId, Tier } from '../core/categories.js';
import { ConfigError } from '../core/errors.js';
import type { HolderAssessment } from './assessment.js';
import { assessCase, assessHolder } from './evaluate.js';
import { parseFactsFile, parseHolderFacts } from './facts.js';
import { bandRows, loadRulebook } from './rulebook.js';
import type { BandRow, Condition } from './schema.js';

const rb = loadRulebook();
/** Every rule id some test observed in an output; checked against the rulebook at the end. */
const exercised = new Set<string>();

function record(h: HolderAssessment): HolderAssessment {
  for (const t of h.triggers) exercised.add(t.rule);
  for (const e of [...h.aggravations, ...h.mitigations, ...h.notes]) if (e.rule) exercised.add(e.rule);
  if (h.penalty_range) exercised.add(h.penalty_range.rule);
  if (h.fine_guidance) exercised.add(h.fine_guidance.rule);
  for (const c of h.path_checks) if (c.met) exercised.add(c.rule);
  for (const r of h.reading_rules) exercised.add(r);
  for (const a of h.alternatives) for (const r of a.reading_rules) exercised.add(r);
  return h;
}

function assess(input: Record<string, unknown>): HolderAssessment {
  return record(assessHolder(parseHolderFacts({ name: '甲', ...input }, 'test: holders[0]')));
}

const fired = (h: HolderAssessment, id: string) => h.triggers.some((t) => t.rule === id);
const check = (h: HolderAssessment, id: string) => {
  const c = h.checks.find((x) => x.rule === id);
  assert.ok(c, `no check for ${id}`);
  return c;
};
const hasEffect = (h: HolderAssessment, id: string) =>
  [...h.aggravations, ...h.mitigations, ...h.notes].some((e) => e.rule === id);

// ── generated: one test per numeric threshold row ─────────────────────────────────────────────
const TIER_CATEGORY: Record<Tier, CategoryId> = { 1: 'trajectory', 2: 'lodging', 3: 'general' };
const NUMERIC = new Set(['tier_count', 'weighted_units', 'gain_fen', 'profit_fen']);

/** Facts that make every non-numeric premise of the row hold. */
function premises(row: BandRow): Record<string, unknown> {
  const out: Record<string, unknown> = { insider: false, sold_or_provided: false };
  if (row.path === 'art6') Object.assign(out, { lawful_business_purchase: true, sold_or_provided: false });
  for (const c of row.conditions) if (c.test === 'fact') out[c.fact] = c.equals;
  return out;
}

/** Input fields putting the numeric quantity of `c` at exactly `v`. */
function quantity(c: Condition, v: number): Record<string, unknown> {
  switch (c.test) {
    case 'tier_count':
      return { counts: { [TIER_CATEGORY[c.tier]]: v } };
    case 'gain_fen':
      return { illegal_gain_yuan: v / 100 };
    case 'profit_fen':
      return { profit_from_use_yuan: v / 100, counts: { general: 100 } };
    case 'weighted_units': {
      // 40 % of the units from tier 1, 40 % from tier 2, the rest from tier 3: no tier alone
      // reaches a standard, so item (6) (and its insider and ×10 forms) is what decides.
      const n1 = Math.floor((0.4 * c.value) / c.weights[1]);
      const n2 = Math.floor((0.4 * c.value) / c.weights[2]);
      const n3 = v - c.weights[1] * n1 - c.weights[2] * n2;
      return { counts: { trajectory: n1, lodging: n2, general: n3 } };
    }
    default:
      throw new Error(`not numeric: ${c.test}`);
  }
}

describe('every threshold row: just below, at and just above its threshold', () => {
  for (const row of [...bandRows(rb, 'art5'), ...bandRows(rb, 'art6')]) {
    const num = row.conditions.find((c) => NUMERIC.has(c.test));
    if (!num || !('op' in num) || num.op !== '>=') continue;
    const insiderRow = row.conditions.some((c) => c.test === 'fact' && c.fact === 'insider' && c.equals);
    test(`${row.id} (${row.label})`, () => {
      for (const [delta, expected] of [
        [-1, false],
        [0, true],
        [1, true],
      ] as const) {
        const h = assess({ ...premises(row), ...quantity(num, num.value + delta) });
        assert.equal(fired(h, row.id), expected, `${row.id} at threshold${delta >= 0 ? '+' : ''}${delta}`);
        assert.match(check(h, row.id).working, expected ? /≥/ : /</);
        if (expected) assert.equal(h.severity === 'none', false);
      }
      if (insiderRow) {
        const base = { ...premises(row), ...quantity(num, num.value) };
        assert.equal(fired(assess({ ...base, insider: false }), row.id), false, 'not an insider');
        assert.equal(
          fired(assess({ ...base, sold_or_provided: false }), row.id),
          false,
          'insider but not sold',
        );
      }
    });
  }
});

// ── Art. 5 ¶1: hand-written checks of the working ──────────────────────────────────────────────
describe('法释〔2017〕10号 第五条第一款', () => {
  test('item (3)–(5): the working names the categories, the sum and the standard', () => {
    const h = assess({ counts: { lodging: 300, health: 200, general: 10 } });
    assert.equal(h.severity, 'serious');
    assert.equal(
      check(h, 'interp2017.art5.p1.i4').working,
      '第四项信息（住宿信息 300、健康生理信息 200）合计 500 条 ≥ 500 条',
    );
    assert.deepEqual(
      h.triggers.map((t) => t.rule),
      ['interp2017.art5.p1.i4'],
    );
  });

  test('item (6): proportional sum in exact integers, shown with its working', () => {
    const h = assess({ counts: { credit: 30, transaction: 200, general: 100 } });
    assert.equal(h.severity, 'serious');
    const t = h.triggers.find((x) => x.rule === 'interp2017.art5.p1.i6');
    assert.ok(t);
    assert.equal(
      t.working,
      '各类信息均未单独达到该档标准；比例合计 S = 30/50 + 200/500 + 100/5000 = (100×30 + 10×200 + 1×100)/5000 = 5100/5000 = 1.02 ≥ 1（即 5100 ≥ 5000）',
    );
    assert.equal(t.interpretive, true);
    assert.match(t.interpretive_note ?? '', /未规定计算公式/);
    assert.equal(h.proportional_sum.units, 5100);
    assert.equal(h.proportional_sum.s, '1.02');
  });

  test('item (6): one unit short is short (4999/5000 = 0.9998), no floating rounding', () => {
    const h = assess({ counts: { credit: 49, transaction: 9, general: 9 } });
    assert.equal(h.proportional_sum.units, 4999);
    assert.equal(h.proportional_sum.s, '0.9998');
    assert.equal(h.severity, 'none');
  });

  test('item (6) is not applied when a single tier already meets its standard', () => {
    const h = assess({ counts: { credit: 60, general: 100 } });
    assert.equal(fired(h, 'interp2017.art5.p1.i3'), true);
    assert.equal(fired(h, 'interp2017.art5.p1.i6'), false);
    assert.match(check(h, 'interp2017.art5.p1.i6').working, /已由 interp2017\.art5\.p1\.i3 单独达到标准/);
  });

  test('item (1): trajectory sold and used for crime, whatever the count', () => {
    const h = assess({ counts: { trajectory: 1 }, sold_or_provided: true, used_for_crime: true });
    assert.equal(h.severity, 'serious');
    assert.equal(
      h.triggers[0]?.working,
      '出售或者提供给他人：是；行踪轨迹信息 1 条 > 0；信息被他人用于犯罪：是',
    );
    assert.equal(
      fired(
        assess({ counts: { trajectory: 1 }, sold_or_provided: false, used_for_crime: true }),
        'interp2017.art5.p1.i1',
      ),
      false,
    );
  });

  test('item (1) needs trajectory data: used_for_crime alone triggers nothing but a note', () => {
    const h = assess({ counts: { general: 10 }, sold_or_provided: true, used_for_crime: true });
    assert.equal(h.severity, 'none');
    assert.ok(hasEffect(h, 'interp2017.art5.p1.i1.needs-trajectory'));
  });

  test('item (2): knowingly selling to a criminal, whatever the count', () => {
    const h = assess({ counts: { general: 3 }, knew_buyer_criminal: true, sold_or_provided: true });
    assert.equal(h.severity, 'serious');
    assert.ok(fired(h, 'interp2017.art5.p1.i2'));
    const notSold = assess({ counts: { general: 3 }, knew_buyer_criminal: true, sold_or_provided: false });
    assert.equal(notSold.severity, 'none');
    assert.ok(hasEffect(notSold, 'interp2017.art5.p1.i2.needs-sale'));
  });

  test('item (9): prior criminal penalty or administrative penalty within two years', () => {
    for (const fact of ['prior_criminal_record', 'admin_penalty_within_2_years']) {
      const h = assess({ counts: { general: 1 }, [fact]: true });
      assert.equal(h.severity, 'serious', fact);
      assert.ok(fired(h, 'interp2017.art5.p1.i9'));
    }
    assert.equal(assess({ counts: { general: 1 }, prior_criminal_record: false }).severity, 'none');
  });

  test('item (10): a user-asserted catch-all is applied and quoted as an assertion', () => {
    const h = assess({ counts: { general: 1 }, other_serious: '多次出售，屡教不改' });
    assert.equal(h.severity, 'serious');
    assert.equal(h.triggers[0]?.working, '使用者主张（须由司法机关认定）：多次出售，屡教不改');
  });

  test('insider item (8): 300 lodging records sold by an insider are serious, not by an outsider', () => {
    const ins = assess({ counts: { lodging: 300 }, insider: true, sold_or_provided: true });
    assert.equal(ins.severity, 'serious');
    assert.equal(
      ins.triggers[0]?.working,
      '信息系在履行职责或者提供服务过程中获得：是；出售或者提供给他人：是；第四项信息（住宿信息 300）合计 300 条 ≥ 250 条（第四项标准 500 条的一半）',
    );
    assert.equal(
      assess({ counts: { lodging: 300 }, insider: false, sold_or_provided: true }).severity,
      'none',
    );
  });

  test('insider halving does not apply to obtaining only, and a note says so', () => {
    const h = assess({ counts: { lodging: 300 }, insider: true, sold_or_provided: false });
    assert.equal(h.severity, 'none');
    assert.ok(hasEffect(h, 'interp2017.art5.p1.i8.needs-sale'));
    assert.equal(h.aggravations.length, 0);
  });
});

// ── Art. 5 ¶2 ───────────────────────────────────────────────────────────────────────────────────
describe('法释〔2017〕10号 第五条第二款', () => {
  test('item (1): each listed consequence is especially serious', () => {
    for (const consequence of ['death', 'serious_injury', 'mental_disorder', 'kidnapping']) {
      const h = assess({ counts: { trajectory: 1 }, consequence });
      assert.equal(h.severity, 'especially_serious', consequence);
      assert.ok(fired(h, 'interp2017.art5.p2.i1'));
    }
    assert.equal(assess({ counts: { trajectory: 1 }, consequence: null }).severity, 'none');
  });

  test('item (2): major loss or bad influence, as stated by the user', () => {
    const h = assess({ counts: { general: 1 }, major_loss_or_bad_influence: true });
    assert.equal(h.severity, 'especially_serious');
    assert.ok(fired(h, 'interp2017.art5.p2.i2'));
  });

  test('item (4): user-asserted catch-all', () => {
    const h = assess({ counts: { general: 1 }, other_especially_serious: '致多名被害人被诈骗' });
    assert.equal(h.severity, 'especially_serious');
    assert.ok(fired(h, 'interp2017.art5.p2.i4'));
  });

  test('×10 of item (3): 500 tier-1 records; insider column derived and flagged', () => {
    const h = assess({ counts: { property: 500 } });
    assert.equal(h.severity, 'especially_serious');
    assert.equal(h.triggers.find((t) => t.band === 'especially_serious')?.interpretive, false);
    const ins = assess({ counts: { property: 250 }, insider: true, sold_or_provided: true });
    assert.equal(ins.severity, 'especially_serious');
    const t = ins.triggers.find((x) => x.rule === 'interp2017.art5.p2.i3.of-i8.tier1');
    assert.ok(t);
    assert.equal(t.interpretive, true);
    assert.match(t.interpretive_note ?? '', /推导出的读法/);
  });

  test('×10 proportional sum: S ≥ 10 from mixed tiers', () => {
    const h = assess({ counts: { trajectory: 400, lodging: 1000, general: 0 } });
    assert.equal(h.proportional_sum.units, 50_000);
    assert.equal(h.severity, 'especially_serious');
    assert.ok(fired(h, 'interp2017.art5.p2.i3.of-i6'));
  });
});

// ── heavier band, Art. 6, penalties, fines, effects ───────────────────────────────────────────
describe('combining count and gain (最高检2022年典型案例一)', () => {
  test('count in band A and gain in band B: the heavier band B, with the note', () => {
    const h = assess({ counts: { lodging: 600 }, illegal_gain_yuan: 60000, sold_or_provided: true });
    assert.equal(h.severity, 'especially_serious');
    assert.ok(hasEffect(h, 'spp2022.case1.heavier-band'));
  });
  test('count in band B and gain in band A: still B', () => {
    const h = assess({ counts: { general: 60000 }, illegal_gain_yuan: 6000, sold_or_provided: true });
    assert.equal(h.severity, 'especially_serious');
    assert.ok(hasEffect(h, 'spp2022.case1.heavier-band'));
  });
  test('same band from both: no note', () => {
    const h = assess({ counts: { general: 6000 }, illegal_gain_yuan: 6000, sold_or_provided: true });
    assert.equal(h.severity, 'serious');
    assert.equal(hasEffect(h, 'spp2022.case1.heavier-band'), false);
  });
});

describe('法释〔2017〕10号 第六条 (lawful-business purchase)', () => {
  const art6 = { lawful_business_purchase: true, sold_or_provided: false };
  test('tier-3 data bought for business: counts alone do not make it serious; no band B', () => {
    const h = assess({ ...art6, counts: { general: 100000 }, profit_from_use_yuan: 49999.99 });
    assert.equal(h.path, 'art6');
    assert.equal(h.severity, 'none');
    assert.ok(hasEffect(h, 'interp2017.art6.no-especially-serious'));
    assert.ok(h.path_checks[0]?.met);
    // The court may reject the lawful purpose: then Art. 5 applies to 100,000 tier-3 records.
    const alt = h.alternatives.find((a) => a.reading_rules.includes('reading.art6-not-accepted'));
    assert.equal(alt?.severity, 'especially_serious');
    assert.equal(h.contested_outcome, true);
    assert.ok(h.reading_rules.includes('reading.art6-accepted'));
  });
  test('profit ≥ 50,000 yuan is serious under Art. 6(1)', () => {
    const h = assess({ ...art6, counts: { general: 100 }, profit_from_use_yuan: 50000 });
    assert.equal(h.severity, 'serious');
    assert.equal(h.triggers[0]?.working, '利用所购信息获利 50000 元 ≥ 50000 元');
  });
  test('Art. 6(2) prior penalty and (3) asserted catch-all', () => {
    assert.ok(
      fired(
        assess({ ...art6, counts: { general: 100 }, prior_criminal_record: true }),
        'interp2017.art6.p1.i2',
      ),
    );
    assert.ok(
      fired(
        assess({ ...art6, counts: { general: 100 }, other_serious: '长期大量购买' }),
        'interp2017.art6.p1.i3',
      ),
    );
  });
  test('any tier-1 or tier-2 record, or an onward sale, sends it back to Art. 5', () => {
    const withTier2 = assess({ ...art6, counts: { general: 100, lodging: 600 } });
    assert.equal(withTier2.path, 'art5');
    assert.equal(withTier2.severity, 'serious');
    assert.ok(hasEffect(withTier2, 'interp2017.art6.p2'));
    assert.equal(withTier2.reading, '按输入的分类和数额');
    const sold = assess({
      lawful_business_purchase: true,
      sold_or_provided: true,
      counts: { general: 6000 },
    });
    assert.equal(sold.path, 'art5');
    assert.equal(sold.severity, 'serious');
    assert.equal(sold.alternatives.length, 0);
  });
  test('a gain stated on the Art. 6 path is flagged', () => {
    const h = assess({ ...art6, counts: { general: 10 }, illegal_gain_yuan: 8000 });
    assert.equal(h.severity, 'none');
    assert.ok(hasEffect(h, 'interp2017.art6.gain-without-sale'));
  });
});

describe('penalty, fine, aggravation, mitigation, notes', () => {
  test('band A and band B penalty ranges (刑法第二百五十三条之一第一款)', () => {
    const a = assess({ counts: { general: 5000 } }).penalty_range;
    assert.deepEqual(
      [a?.rule, a?.imprisonment_months, a?.criminal_detention, a?.fine],
      ['crim.art253-1.p1.serious', { min: 0, max: 36 }, true, 'optional_or_sole'],
    );
    const b = assess({ counts: { general: 50000 } }).penalty_range;
    assert.deepEqual(
      [b?.rule, b?.imprisonment_months, b?.criminal_detention, b?.fine],
      ['crim.art253-1.p1.especially-serious', { min: 36, max: 84 }, false, 'mandatory'],
    );
    assert.equal(assess({ counts: { general: 4999 } }).penalty_range, null);
  });

  test('Art. 12 fine guidance: 1–5 × the holder’s own 违法所得, in exact fen', () => {
    const f = assess({
      counts: { general: 10 },
      illegal_gain_yuan: 9266.5,
      insider: true,
      sold_or_provided: true,
    }).fine_guidance;
    assert.equal(f?.basis_yuan, 9266.5);
    assert.equal(f?.min_yuan, 9266.5);
    assert.equal(f?.max_yuan, 46332.5);
    assert.equal(
      f?.working,
      '本人违法所得 9266.50 元 × 1 ～ × 5 = 9266.50 元 ～ 46332.50 元；可以并处或者单处罚金。',
    );
    const none = assess({ counts: { general: 60000 } }).fine_guidance;
    assert.equal(none?.basis_yuan, null);
    assert.match(none?.working ?? '', /必须并处罚金/);
  });

  test('insider who sells: 从重 under 刑法第二百五十三条之一第二款', () => {
    const h = assess({ counts: { health: 500 }, insider: true, sold_or_provided: true });
    assert.deepEqual(
      h.aggravations.map((a) => a.rule),
      ['crim.art253-1.p2'],
    );
  });

  test('obtaining only: note that ¶3 punishes it on the same scale', () => {
    assert.ok(hasEffect(assess({ counts: { general: 5000 }, sold_or_provided: false }), 'crim.art253-1.p3'));
  });

  test('Art. 10 情节轻微 hint only for band A with all three conditions', () => {
    const mild = { first_offender: true, returned_all_gains: true, remorse: true };
    assert.ok(hasEffect(assess({ counts: { general: 5000 }, ...mild }), 'interp2017.art10'));
    assert.equal(hasEffect(assess({ counts: { general: 50000 }, ...mild }), 'interp2017.art10'), false);
    const partial = assess({ counts: { general: 5000 }, first_offender: true, remorse: true });
    assert.equal(hasEffect(partial, 'interp2017.art10'), false);
    assert.deepEqual(
      partial.mitigations.map((m) => m.label),
      ['初犯', '确有悔罪表现'],
    );
  });

  test('accessory (刑法第二十七条) is a mitigation, the band is unchanged', () => {
    const h = assess({ counts: { general: 60000 }, accessory: true });
    assert.equal(h.severity, 'especially_serious');
    assert.ok(hasEffect(h, 'crim.art27'));
  });

  test('unit crime (第七条, 刑法第二百五十三条之一第四款) and companies set up for crime', () => {
    const unit = assess({ counts: { general: 6000 }, unit: true });
    assert.ok(hasEffect(unit, 'interp2017.art7'));
    assert.ok(hasEffect(unit, 'crim.art253-1.p4'));
    const front = assess({ counts: { general: 6000 }, unit: true, unit_mainly_for_crime: true });
    assert.ok(hasEffect(front, 'unit1999.art2'));
    assert.equal(hasEffect(front, 'interp2017.art7'), false);
  });

  test('Art. 11 counting notes and the gross-gain rule are cited', () => {
    const h = assess({ counts: { general: 10 }, sold_or_provided: true, illegal_gain_yuan: 100 });
    for (const id of [
      'interp2017.art11.p1',
      'interp2017.art11.p2',
      'interp2017.art11.p3',
      'spp2018.guide.gross-gain',
    ]) {
      assert.ok(hasEffect(h, id), id);
    }
  });
});

describe('contested classifications and readings', () => {
  test('bare ID numbers: tier 3 as counted, tier 2 under GC 193 — both bands shown with support', () => {
    const h = assess({
      counts: { general: 7967 },
      contested: [{ kind: 'bare_id_numbers', count: 7967, counted_as: 'general', alternative: 'id_card' }],
    });
    assert.equal(h.severity, 'serious');
    assert.match(h.reading_support, /曹某/);
    assert.equal(h.alternatives.length, 1);
    const alt = h.alternatives[0]!;
    assert.equal(alt.severity, 'especially_serious');
    assert.equal(alt.differs, true);
    assert.match(alt.support, /指导性案例193号/);
    assert.equal(alt.counts.id_card, 7967);
    assert.deepEqual(h.severity_range, { min: 'serious', max: 'especially_serious' });
    assert.equal(h.contested_outcome, true);
  });

  test('defaults of a known kind fill counted_as and alternative', () => {
    const h = assess({
      counts: { transaction: 1964 },
      insider: true,
      sold_or_provided: true,
      contested: [{ kind: 'flight_or_train_records', count: 1964 }],
    });
    assert.equal(h.severity, 'serious');
    const alt = h.alternatives[0]!;
    assert.equal(alt.severity, 'especially_serious');
    assert.match(alt.reading, /行踪轨迹信息/);
    assert.match(h.reading_support, /羊某某/);
  });

  test('verification codes, vehicle holdings and whole ID-card records carry their sources', () => {
    const codes = assess({
      counts: { general: 100 },
      contested: [{ kind: 'verification_codes', count: 100 }],
    });
    assert.equal(codes.severity, 'none');
    assert.equal(codes.alternatives[0]?.severity, 'serious');
    assert.match(codes.alternatives[0]?.support ?? '', /指导性案例195号/);
    const cars = assess({ counts: { general: 600 }, contested: [{ kind: 'vehicle_holdings', count: 600 }] });
    assert.equal(cars.alternatives[0]?.severity, 'especially_serious');
    assert.match(cars.alternatives[0]?.support ?? '', /未核实/);
    const cards = assess({
      counts: { id_card: 10000 },
      contested: [{ kind: 'id_card_records', count: 10000 }],
    });
    assert.equal(cards.severity, 'especially_serious');
    assert.equal(cards.alternatives[0]?.severity, 'serious');
    assert.match(cards.alternatives[0]?.support ?? '', /未被采纳/);
  });

  test("kind 'other' uses the user's support and several entries combine", () => {
    const h = assess({
      counts: { general: 4000, transaction: 400 },
      contested: [
        {
          kind: 'other',
          count: 4000,
          counted_as: 'general',
          alternative: 'transaction',
          support: '某地判例',
        },
        {
          kind: 'flight_or_train_records',
          count: 400,
          counted_as: 'transaction',
          alternatives: ['trajectory'],
        },
      ],
    });
    // Main: S = 4000/5000 + 400/500 = 1.6 → A. Either reclassification alone stays in A
    // (4,400 tier-2; or 400 tier-1 + 4,000 tier-3, S = 8.8); both together give S = 16 → B.
    assert.equal(h.severity, 'serious');
    assert.deepEqual(
      h.alternatives.map((a) => a.severity),
      ['serious', 'serious', 'especially_serious'],
    );
    assert.equal(h.alternatives[2]?.reading.split('；').length, 2);
    assert.match(h.alternatives[0]?.support ?? '', /某地判例/);
  });

  test('joint crime: whole joint gain as main reading, own share as the alternative', () => {
    const h = assess({ illegal_gain_yuan: 14500, joint: { illegal_gain_yuan: 200000 }, accessory: true });
    assert.equal(h.severity, 'especially_serious');
    assert.ok(h.reading_rules.includes('reading.joint-totals'));
    assert.equal(h.alternatives[0]?.severity, 'serious');
    assert.ok(h.alternatives[0]?.reading_rules.includes('reading.own-share'));
    assert.equal(h.fine_guidance?.basis_yuan, 14500);
  });
});

describe('facts not given', () => {
  test('each assumed fact is listed with what it would change', () => {
    const h = assess({ counts: { general: 3000 }, illegal_gain_yuan: 30000 });
    const insider = h.facts_not_given.find((f) => f.field === 'insider');
    assert.deepEqual(insider, { field: 'insider', assumed: 'false', severity_if_true: 'serious' });
    const sold = h.facts_not_given.find((f) => f.field === 'sold_or_provided');
    assert.equal(sold?.severity_if_true, 'serious');
    const consequence = h.facts_not_given.find((f) => f.field === 'consequence');
    assert.equal(consequence?.severity_if_true, 'especially_serious');
    assert.match(check(h, 'interp2017.art5.p1.i8.tier3').working, /未提供，按“否”假定/);
  });
  test('given facts are not listed', () => {
    const h = assess({
      counts: {},
      illegal_gain_yuan: 0,
      insider: false,
      sold_or_provided: false,
      used_for_crime: false,
      knew_buyer_criminal: false,
      consequence: null,
      major_loss_or_bad_influence: false,
      prior_criminal_record: false,
      admin_penalty_within_2_years: false,
      lawful_business_purchase: false,
      first_offender: false,
      returned_all_gains: false,
      remorse: false,
    });
    assert.deepEqual(h.facts_not_given, []);
  });
});

describe('assessCase', () => {
  const json = {
    holders: [
      { name: '乙', counts: { general: 50000 } },
      { name: '甲', counts: { lodging: 620 } },
    ],
  };
  test('holders in input order; deterministic output', () => {
    const a = assessCase(parseFactsFile(json, 'f.json'));
    a.holders.forEach(record);
    assert.deepEqual(
      a.holders.map((h) => [h.name, h.severity]),
      [
        ['乙', 'especially_serious'],
        ['甲', 'serious'],
      ],
    );
    assert.equal(JSON.stringify(a), JSON.stringify(assessCase(parseFactsFile(json, 'f.json'))));
    assert.equal(a.rulebook_version, rb.version);
  });
  test('as_of before 2017-06-01 is refused; rows not yet in force are left out', () => {
    assert.throws(
      () => assessCase(parseFactsFile({ ...json, as_of: '2016-12-31' }, 'f.json')),
      (e: unknown) => e instanceof ConfigError && /f\.json: as_of: 2016-12-31 precedes/.test(e.message),
    );
    const gain = { holders: [{ name: '甲', counts: { general: 1 }, illegal_gain_yuan: 6000 }] };
    const early = assessCase(parseFactsFile({ ...gain, as_of: '2018-01-01' }, 'f.json')).holders[0]!;
    assert.equal(early.severity, 'serious');
    assert.equal(hasEffect(early, 'spp2018.guide.gross-gain'), false);
    const late = assessCase(parseFactsFile({ ...gain, as_of: '2019-01-01' }, 'f.json')).holders[0]!;
    assert.ok(hasEffect(late, 'spp2018.guide.gross-gain'));
  });
});

test('every rulebook row is exercised by the tests above', () => {
  const missing = rb.rows.map((r) => r.id).filter((id) => !exercised.has(id));
  assert.deepEqual(missing, []);
});
