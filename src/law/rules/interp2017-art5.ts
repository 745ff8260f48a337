/**
 * @module law/rules/interp2017-art5
 * 法释〔2017〕10号 第五条: 情节严重 (¶1 items 1–10) and 情节特别严重 (¶2 items 1–4), one row per
 * threshold. Counts and money are compared as integers: money in fen, the proportional sum as
 * units = 100·n1 + 10·n2 + n3 (S = units / 5,000). Source: legal-reference.md §2.
 */
import type { RuleRowInput } from '../schema.js';
import { INTERP, INTERP_IN_FORCE } from './sources.js';

const ART5_P1 = { ...INTERP, article: '第五条', paragraph: '第一款' } as const;
const ART5_P2 = { ...INTERP, article: '第五条', paragraph: '第二款' } as const;
const base = { version: 1, ...INTERP_IN_FORCE } as const;

/** The proportional-sum weights: one tier-1 条 = 10 tier-2 条 = 100 tier-3 条 (legal-reference.md §2). */
const WEIGHTS = { 1: 100, 2: 10, 3: 1 } as const;
const UNIT = 5000;

const PROPORTIONAL_NOTE =
  '司法解释未规定计算公式；按通行读法以“一个标准”为单位折算：S = n1/50 + n2/500 + n3/5000（违法所得不计入）。';
const INSIDER_X10_NOTE =
  '第二款第三项将“前款第三项至第八项规定标准”乘以十，第八项本身是减半标准，故内部人员的“十倍”标准为 250/2500/25000 条、S≥5、2.5 万元；未见相反资料，但这是推导出的读法。';

const insider = [
  { test: 'fact', fact: 'insider', equals: true },
  { test: 'fact', fact: 'sold_or_provided', equals: true },
] as const;

const I8_QUOTE = '数量或者数额达到第三项至第七项规定标准一半以上';
const I8_SUMMARY =
  '将在履行职责或者提供服务过程中获得的公民个人信息出售或者提供给他人，达到第三至七项标准的一半。';

export const ART5_ROWS: readonly RuleRowInput[] = [
  // ── 第一款：情节严重 ────────────────────────────────────────────────────────────
  {
    ...base,
    id: 'interp2017.art5.p1.i1',
    kind: 'band',
    path: 'art5',
    band: 'serious',
    basis: 'conduct',
    label: '出售或者提供行踪轨迹信息，被他人用于犯罪',
    conditions: [
      { test: 'fact', fact: 'sold_or_provided', equals: true },
      { test: 'category_count', category: 'trajectory', op: '>=', value: 1 },
      { test: 'fact', fact: 'used_for_crime', equals: true },
    ],
    citation: {
      ...ART5_P1,
      item: '第一项',
      quote: '出售或者提供行踪轨迹信息，被他人用于犯罪的',
      summary: '出售或者提供行踪轨迹信息并被他人用于犯罪，不论条数。',
    },
  },
  {
    ...base,
    id: 'interp2017.art5.p1.i2',
    kind: 'band',
    path: 'art5',
    band: 'serious',
    basis: 'conduct',
    label: '明知他人利用公民个人信息实施犯罪而向其出售或者提供',
    conditions: [
      { test: 'fact', fact: 'knew_buyer_criminal', equals: true },
      { test: 'fact', fact: 'sold_or_provided', equals: true },
    ],
    citation: {
      ...ART5_P1,
      item: '第二项',
      quote: '知道或者应当知道他人利用公民个人信息实施犯罪，向其出售或者提供的',
      summary: '知道或者应当知道对方利用公民个人信息实施犯罪仍向其出售或者提供，不论条数。',
    },
  },
  {
    ...base,
    id: 'interp2017.art5.p1.i3',
    kind: 'band',
    path: 'art5',
    band: 'serious',
    basis: 'count',
    label: '第三项信息五十条以上',
    conditions: [{ test: 'tier_count', tier: 1, op: '>=', value: 50 }],
    citation: {
      ...ART5_P1,
      item: '第三项',
      quote: '行踪轨迹信息、通信内容、征信信息、财产信息',
      summary: '非法获取、出售或者提供行踪轨迹信息、通信内容、征信信息、财产信息 50 条以上。',
    },
  },
  {
    ...base,
    id: 'interp2017.art5.p1.i4',
    kind: 'band',
    path: 'art5',
    band: 'serious',
    basis: 'count',
    label: '第四项信息五百条以上',
    conditions: [{ test: 'tier_count', tier: 2, op: '>=', value: 500 }],
    citation: {
      ...ART5_P1,
      item: '第四项',
      quote: '等其他可能影响人身、财产安全的公民个人信息',
      summary:
        '住宿信息、通信记录、健康生理信息、交易信息等其他可能影响人身、财产安全的公民个人信息 500 条以上。',
    },
  },
  {
    ...base,
    id: 'interp2017.art5.p1.i5',
    kind: 'band',
    path: 'art5',
    band: 'serious',
    basis: 'count',
    label: '第五项信息五千条以上',
    conditions: [{ test: 'tier_count', tier: 3, op: '>=', value: 5000 }],
    citation: {
      ...ART5_P1,
      item: '第五项',
      quote: '第三项、第四项规定以外的公民个人信息',
      summary: '第三项、第四项以外的公民个人信息 5,000 条以上。',
    },
  },
  {
    ...base,
    id: 'interp2017.art5.p1.i6',
    kind: 'band',
    path: 'art5',
    band: 'serious',
    basis: 'count',
    label: '数量按相应比例合计达到标准（S ≥ 1）',
    conditions: [
      {
        test: 'none_fired',
        rules: ['interp2017.art5.p1.i3', 'interp2017.art5.p1.i4', 'interp2017.art5.p1.i5'],
      },
      { test: 'weighted_units', weights: WEIGHTS, unit: UNIT, op: '>=', value: 5000 },
    ],
    citation: {
      ...ART5_P1,
      item: '第六项',
      quote: '数量未达到第三项至第五项规定标准，但是按相应比例合计达到有关数量标准的',
      summary: '各类信息均未单独达到标准，但按比例合计达到一个标准。',
      interpretive: true,
      interpretive_note: PROPORTIONAL_NOTE,
    },
  },
  {
    ...base,
    id: 'interp2017.art5.p1.i7',
    kind: 'band',
    path: 'art5',
    band: 'serious',
    basis: 'gain',
    label: '违法所得五千元以上',
    conditions: [{ test: 'gain_fen', op: '>=', value: 500_000 }],
    citation: { ...ART5_P1, item: '第七项', quote: '违法所得五千元以上', summary: '违法所得 5,000 元以上。' },
  },
  {
    ...base,
    id: 'interp2017.art5.p1.i8.tier1',
    kind: 'band',
    path: 'art5',
    band: 'serious',
    basis: 'count',
    label: '内部人员出售、提供第三项信息二十五条以上',
    conditions: [
      ...insider,
      { test: 'tier_count', tier: 1, op: '>=', value: 25, explain: '第三项标准 50 条的一半' },
    ],
    citation: { ...ART5_P1, item: '第八项', quote: I8_QUOTE, summary: I8_SUMMARY },
  },
  {
    ...base,
    id: 'interp2017.art5.p1.i8.tier2',
    kind: 'band',
    path: 'art5',
    band: 'serious',
    basis: 'count',
    label: '内部人员出售、提供第四项信息二百五十条以上',
    conditions: [
      ...insider,
      { test: 'tier_count', tier: 2, op: '>=', value: 250, explain: '第四项标准 500 条的一半' },
    ],
    citation: { ...ART5_P1, item: '第八项', quote: I8_QUOTE, summary: I8_SUMMARY },
  },
  {
    ...base,
    id: 'interp2017.art5.p1.i8.tier3',
    kind: 'band',
    path: 'art5',
    band: 'serious',
    basis: 'count',
    label: '内部人员出售、提供第五项信息二千五百条以上',
    conditions: [
      ...insider,
      { test: 'tier_count', tier: 3, op: '>=', value: 2500, explain: '第五项标准 5000 条的一半' },
    ],
    citation: { ...ART5_P1, item: '第八项', quote: I8_QUOTE, summary: I8_SUMMARY },
  },
  {
    ...base,
    id: 'interp2017.art5.p1.i8.prop',
    kind: 'band',
    path: 'art5',
    band: 'serious',
    basis: 'count',
    label: '内部人员出售、提供信息按比例合计达到标准的一半（S ≥ 0.5）',
    conditions: [
      ...insider,
      {
        test: 'none_fired',
        rules: ['interp2017.art5.p1.i8.tier1', 'interp2017.art5.p1.i8.tier2', 'interp2017.art5.p1.i8.tier3'],
      },
      {
        test: 'weighted_units',
        weights: WEIGHTS,
        unit: UNIT,
        op: '>=',
        value: 2500,
        explain: '第六项比例标准的一半',
      },
    ],
    citation: {
      ...ART5_P1,
      item: '第八项',
      quote: I8_QUOTE,
      summary: I8_SUMMARY,
      interpretive: true,
      interpretive_note: PROPORTIONAL_NOTE,
    },
  },
  {
    ...base,
    id: 'interp2017.art5.p1.i8.gain',
    kind: 'band',
    path: 'art5',
    band: 'serious',
    basis: 'gain',
    label: '内部人员出售、提供信息违法所得二千五百元以上',
    conditions: [
      ...insider,
      { test: 'gain_fen', op: '>=', value: 250_000, explain: '第七项标准 5000 元的一半' },
    ],
    citation: { ...ART5_P1, item: '第八项', quote: I8_QUOTE, summary: I8_SUMMARY },
  },
  {
    ...base,
    id: 'interp2017.art5.p1.i9',
    kind: 'band',
    path: 'art5',
    band: 'serious',
    basis: 'record',
    label: '曾因侵犯公民个人信息受过刑事处罚或者二年内受过行政处罚，又实施',
    conditions: [{ test: 'any_fact', facts: ['prior_criminal_record', 'admin_penalty_within_2_years'] }],
    citation: {
      ...ART5_P1,
      item: '第九项',
      quote: '曾因侵犯公民个人信息受过刑事处罚或者二年内受过行政处罚，又非法获取、出售或者提供',
      summary:
        '曾因侵犯公民个人信息受过刑事处罚（无期限）或者二年内受过行政处罚，又非法获取、出售或者提供公民个人信息，不论条数。',
    },
  },
  {
    ...base,
    id: 'interp2017.art5.p1.i10',
    kind: 'band',
    path: 'art5',
    band: 'serious',
    basis: 'asserted',
    label: '其他情节严重的情形（使用者主张）',
    conditions: [{ test: 'asserted', fact: 'other_serious' }],
    citation: {
      ...ART5_P1,
      item: '第十项',
      quote: '其他情节严重的情形',
      summary: '兜底条款：须由司法机关认定，本工具只转述使用者陈述的理由。',
    },
  },

  // ── 第二款：情节特别严重 ─────────────────────────────────────────────────────────
  {
    ...base,
    id: 'interp2017.art5.p2.i1',
    kind: 'band',
    path: 'art5',
    band: 'especially_serious',
    basis: 'consequence',
    label: '造成被害人死亡、重伤、精神失常或者被绑架等严重后果',
    conditions: [
      { test: 'consequence_in', values: ['death', 'serious_injury', 'mental_disorder', 'kidnapping'] },
    ],
    citation: {
      ...ART5_P2,
      item: '第一项',
      quote: '造成被害人死亡、重伤、精神失常或者被绑架等严重后果的',
      summary: '造成被害人死亡、重伤、精神失常或者被绑架等严重后果。',
    },
  },
  {
    ...base,
    id: 'interp2017.art5.p2.i2',
    kind: 'band',
    path: 'art5',
    band: 'especially_serious',
    basis: 'asserted',
    label: '造成重大经济损失或者恶劣社会影响（使用者陈述）',
    conditions: [{ test: 'fact', fact: 'major_loss_or_bad_influence', equals: true }],
    citation: {
      ...ART5_P2,
      item: '第二项',
      quote: '造成重大经济损失或者恶劣社会影响的',
      summary: '须由司法机关认定；本工具按使用者陈述的事实适用。',
    },
  },
  ...x10Rows(),
  {
    ...base,
    id: 'interp2017.art5.p2.i4',
    kind: 'band',
    path: 'art5',
    band: 'especially_serious',
    basis: 'asserted',
    label: '其他情节特别严重的情形（使用者主张）',
    conditions: [{ test: 'asserted', fact: 'other_especially_serious' }],
    citation: {
      ...ART5_P2,
      item: '第四项',
      quote: '其他情节特别严重的情形',
      summary: '兜底条款：须由司法机关认定，本工具只转述使用者陈述的理由。',
    },
  },
];

/** Art. 5 ¶2(3): ten times the standards of ¶1 items (3)–(8). Written out row by row. */
function x10Rows(): RuleRowInput[] {
  const quote = '数量或者数额达到前款第三项至第八项规定标准十倍以上的';
  const cite = (summary: string, derived: boolean) => ({
    ...ART5_P2,
    item: '第三项',
    quote,
    summary,
    ...(derived ? { interpretive: true, interpretive_note: INSIDER_X10_NOTE } : {}),
  });
  const prop = (derived: boolean) => ({
    ...ART5_P2,
    item: '第三项',
    quote,
    summary: derived
      ? '内部人员：比例合计达到第六项标准的五倍（S ≥ 5）。'
      : '比例合计达到第六项标准的十倍（S ≥ 10）。',
    interpretive: true,
    interpretive_note: derived ? `${PROPORTIONAL_NOTE}${INSIDER_X10_NOTE}` : PROPORTIONAL_NOTE,
  });
  const p = 'interp2017.art5.p2.i3';
  return [
    {
      ...base,
      id: `${p}.of-i3`,
      kind: 'band',
      path: 'art5',
      band: 'especially_serious',
      basis: 'count',
      label: '第三项信息五百条以上（十倍）',
      conditions: [{ test: 'tier_count', tier: 1, op: '>=', value: 500, explain: '第三项标准 50 条 × 10' }],
      citation: cite('第三项信息 500 条以上。', false),
    },
    {
      ...base,
      id: `${p}.of-i4`,
      kind: 'band',
      path: 'art5',
      band: 'especially_serious',
      basis: 'count',
      label: '第四项信息五千条以上（十倍）',
      conditions: [{ test: 'tier_count', tier: 2, op: '>=', value: 5000, explain: '第四项标准 500 条 × 10' }],
      citation: cite('第四项信息 5,000 条以上。', false),
    },
    {
      ...base,
      id: `${p}.of-i5`,
      kind: 'band',
      path: 'art5',
      band: 'especially_serious',
      basis: 'count',
      label: '第五项信息五万条以上（十倍）',
      conditions: [
        { test: 'tier_count', tier: 3, op: '>=', value: 50_000, explain: '第五项标准 5000 条 × 10' },
      ],
      citation: cite('第五项信息 50,000 条以上。', false),
    },
    {
      ...base,
      id: `${p}.of-i6`,
      kind: 'band',
      path: 'art5',
      band: 'especially_serious',
      basis: 'count',
      label: '比例合计达到标准十倍（S ≥ 10）',
      conditions: [
        { test: 'none_fired', rules: [`${p}.of-i3`, `${p}.of-i4`, `${p}.of-i5`] },
        {
          test: 'weighted_units',
          weights: WEIGHTS,
          unit: UNIT,
          op: '>=',
          value: 50_000,
          explain: '第六项比例标准 × 10',
        },
      ],
      citation: prop(false),
    },
    {
      ...base,
      id: `${p}.of-i7`,
      kind: 'band',
      path: 'art5',
      band: 'especially_serious',
      basis: 'gain',
      label: '违法所得五万元以上（十倍）',
      conditions: [{ test: 'gain_fen', op: '>=', value: 5_000_000, explain: '第七项标准 5000 元 × 10' }],
      citation: cite('违法所得 50,000 元以上。', false),
    },
    {
      ...base,
      id: `${p}.of-i8.tier1`,
      kind: 'band',
      path: 'art5',
      band: 'especially_serious',
      basis: 'count',
      label: '内部人员出售、提供第三项信息二百五十条以上（第八项标准十倍）',
      conditions: [
        ...insider,
        { test: 'tier_count', tier: 1, op: '>=', value: 250, explain: '第八项减半标准 25 条 × 10' },
      ],
      citation: cite('内部人员出售、提供第三项信息 250 条以上。', true),
    },
    {
      ...base,
      id: `${p}.of-i8.tier2`,
      kind: 'band',
      path: 'art5',
      band: 'especially_serious',
      basis: 'count',
      label: '内部人员出售、提供第四项信息二千五百条以上（第八项标准十倍）',
      conditions: [
        ...insider,
        { test: 'tier_count', tier: 2, op: '>=', value: 2500, explain: '第八项减半标准 250 条 × 10' },
      ],
      citation: cite('内部人员出售、提供第四项信息 2,500 条以上。', true),
    },
    {
      ...base,
      id: `${p}.of-i8.tier3`,
      kind: 'band',
      path: 'art5',
      band: 'especially_serious',
      basis: 'count',
      label: '内部人员出售、提供第五项信息二万五千条以上（第八项标准十倍）',
      conditions: [
        ...insider,
        { test: 'tier_count', tier: 3, op: '>=', value: 25_000, explain: '第八项减半标准 2500 条 × 10' },
      ],
      citation: cite('内部人员出售、提供第五项信息 25,000 条以上。', true),
    },
    {
      ...base,
      id: `${p}.of-i8.prop`,
      kind: 'band',
      path: 'art5',
      band: 'especially_serious',
      basis: 'count',
      label: '内部人员出售、提供信息比例合计达到标准五倍（S ≥ 5）',
      conditions: [
        ...insider,
        { test: 'none_fired', rules: [`${p}.of-i8.tier1`, `${p}.of-i8.tier2`, `${p}.of-i8.tier3`] },
        {
          test: 'weighted_units',
          weights: WEIGHTS,
          unit: UNIT,
          op: '>=',
          value: 25_000,
          explain: '第八项减半比例标准 × 10',
        },
      ],
      citation: prop(true),
    },
    {
      ...base,
      id: `${p}.of-i8.gain`,
      kind: 'band',
      path: 'art5',
      band: 'especially_serious',
      basis: 'gain',
      label: '内部人员出售、提供信息违法所得二万五千元以上（第八项标准十倍）',
      conditions: [
        ...insider,
        { test: 'gain_fen', op: '>=', value: 2_500_000, explain: '第八项减半标准 2500 元 × 10' },
      ],
      citation: cite('内部人员出售、提供信息违法所得 25,000 元以上。', true),
    },
  ];
}
