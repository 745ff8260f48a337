/**
 * @module law/rules/interp2017-other
 * 法释〔2017〕10号 第六条 (lawful-business purchase), 第七条 (unit crime), 第十条 (情节轻微),
 * 第十一条 (counting) and 第十二条 (fines). Source: legal-reference.md §2.
 */
import type { RuleRowInput } from '../schema.js';
import { INTERP, INTERP_IN_FORCE } from './sources.js';

const base = { version: 1, ...INTERP_IN_FORCE } as const;
const ART6 = { ...INTERP, article: '第六条' } as const;
const ART6_COMMENTARY =
  '喻海松《司法解释理解与适用》第43章（legal-reference.md §2 第六条）：限于第五项信息、合法经营目的主要由辩方证明、不得对外扩散；“获利”口径有争议。';

export const ART6_ROWS: readonly RuleRowInput[] = [
  {
    ...base,
    id: 'interp2017.art6.p1.scope',
    kind: 'path',
    path: 'art6',
    label: '为合法经营活动而购买、收受第五项信息，且未出售或者提供',
    conditions: [
      { test: 'fact', fact: 'lawful_business_purchase', equals: true },
      { test: 'fact', fact: 'sold_or_provided', equals: false },
      { test: 'tier_count', tier: 1, op: '<=', value: 0 },
      { test: 'tier_count', tier: 2, op: '<=', value: 0 },
    ],
    citation: {
      ...ART6,
      paragraph: '第一款',
      quote: '为合法经营活动而非法购买、收受',
      summary:
        '为合法经营活动而非法购买、收受第五条第一款第三项、第四项规定以外的公民个人信息，按第六条而非第五条认定情节严重。',
      interpretive: true,
      interpretive_note: ART6_COMMENTARY,
    },
  },
  {
    ...base,
    id: 'interp2017.art6.p1.i1',
    kind: 'band',
    path: 'art6',
    band: 'serious',
    basis: 'profit',
    label: '利用非法购买、收受的公民个人信息获利五万元以上',
    conditions: [{ test: 'profit_fen', op: '>=', value: 5_000_000 }],
    citation: {
      ...ART6,
      paragraph: '第一款',
      item: '第一项',
      quote: '利用非法购买、收受的公民个人信息获利五万元以上',
      summary: '利用所购信息获利 50,000 元以上。“获利”是否为毛收入有争议（不同于第五条的“违法所得”）。',
    },
  },
  {
    ...base,
    id: 'interp2017.art6.p1.i2',
    kind: 'band',
    path: 'art6',
    band: 'serious',
    basis: 'record',
    label: '曾因侵犯公民个人信息受过刑事处罚或者二年内受过行政处罚，又非法购买、收受',
    conditions: [{ test: 'any_fact', facts: ['prior_criminal_record', 'admin_penalty_within_2_years'] }],
    citation: {
      ...ART6,
      paragraph: '第一款',
      item: '第二项',
      quote: null,
      summary: '曾受刑事处罚或者二年内受过行政处罚，又非法购买、收受公民个人信息。',
    },
  },
  {
    ...base,
    id: 'interp2017.art6.p1.i3',
    kind: 'band',
    path: 'art6',
    band: 'serious',
    basis: 'asserted',
    label: '其他情节严重的情形（使用者主张）',
    conditions: [{ test: 'asserted', fact: 'other_serious' }],
    citation: {
      ...ART6,
      paragraph: '第一款',
      item: '第三项',
      quote: null,
      summary: '兜底条款：须由司法机关认定，本工具只转述使用者陈述的理由。',
    },
  },
  {
    ...base,
    id: 'interp2017.art6.no-especially-serious',
    kind: 'note',
    label: '第六条无“情节特别严重”档',
    text: '第六条只规定“情节严重”，没有“情节特别严重”一档；起草者评注认为此类行为一般不宜认定情节特别严重。数量不作为第六条的入罪标准。',
    conditions: [{ test: 'path_is', path: 'art6' }],
    citation: {
      ...ART6,
      quote: null,
      summary: '第六条仅规定情节严重的情形。',
      interpretive: true,
      interpretive_note: ART6_COMMENTARY,
    },
  },
  {
    ...base,
    id: 'interp2017.art6.p2',
    kind: 'note',
    label: '不适用第六条，回到第五条',
    text: '已陈述为合法经营而购买，但存在第三项或第四项信息，或者存在出售、提供行为，第六条不适用，依第五条认定。',
    conditions: [
      { test: 'fact', fact: 'lawful_business_purchase', equals: true },
      { test: 'path_is', path: 'art5' },
    ],
    citation: {
      ...ART6,
      paragraph: '第二款',
      quote: null,
      summary:
        '为合法经营购买、收受后又出售或者提供的，依照第五条的规定认定；第一款本身不涵盖第三、四项信息。',
    },
  },
  {
    ...base,
    id: 'interp2017.art6.gain-without-sale',
    kind: 'note',
    label: '第六条路径下陈述了违法所得',
    text: '事实中有“违法所得”，但未陈述出售或者提供；第六条路径不使用违法所得。若该款项来自出售、提供信息，请将 sold_or_provided 设为 true（第六条第二款）。',
    conditions: [
      { test: 'path_is', path: 'art6' },
      { test: 'gain_fen', op: '>=', value: 1 },
    ],
    citation: {
      ...ART6,
      paragraph: '第二款',
      quote: null,
      summary: '出售或者提供所购信息的，依照第五条认定。',
    },
  },
];

export const ART7_ROWS: readonly RuleRowInput[] = [
  {
    ...base,
    id: 'interp2017.art7',
    kind: 'note',
    label: '单位犯罪：定罪量刑标准同自然人',
    text: '单位实施本罪的，适用与自然人相同的定罪量刑标准；对单位判处罚金，并对直接负责的主管人员和其他直接责任人员依刑法第二百五十三条之一处罚。上列档位即适用于这些人员。',
    conditions: [
      { test: 'fact', fact: 'unit', equals: true },
      { test: 'fact', fact: 'unit_mainly_for_crime', equals: false },
    ],
    citation: {
      ...INTERP,
      article: '第七条',
      quote: null,
      summary: '单位犯罪的定罪量刑标准与自然人相同，处罚单位及直接负责的主管人员和其他直接责任人员。',
    },
  },
];

export const ART10_ROWS: readonly RuleRowInput[] = [
  {
    ...base,
    id: 'interp2017.art10',
    kind: 'mitigation',
    label: '可认定为情节轻微',
    text: '不属于“情节特别严重”，系初犯，全部退赃，并确有悔罪表现：可以认定为情节轻微，不起诉或者免予刑事处罚；确有必要判处刑罚的，应当从宽处罚。这是“可以”条款，由司法机关裁量。',
    conditions: [
      { test: 'severity_in', values: ['serious'] },
      { test: 'fact', fact: 'first_offender', equals: true },
      { test: 'fact', fact: 'returned_all_gains', equals: true },
      { test: 'fact', fact: 'remorse', equals: true },
    ],
    citation: {
      ...INTERP,
      article: '第十条',
      quote: '应当从宽处罚',
      summary: '非情节特别严重的初犯，全部退赃并确有悔罪表现的，可认定情节轻微；判处刑罚的应当从宽。',
    },
  },
];

const ART11 = { ...INTERP, article: '第十一条' } as const;

export const ART11_ROWS: readonly RuleRowInput[] = [
  {
    ...base,
    id: 'interp2017.art11.p1',
    kind: 'note',
    label: '获取后又出售、提供的，条数不重复计算',
    text: '同一信息先非法获取、后出售或者提供的，只计一次；计数应按信息而非按行为次数。',
    conditions: [{ test: 'fact', fact: 'sold_or_provided', equals: true }],
    citation: {
      ...ART11,
      paragraph: '第一款',
      quote: '条数不重复计算',
      summary: '获取后又出售、提供同一信息的，不重复计算。',
    },
  },
  {
    ...base,
    id: 'interp2017.art11.p2',
    kind: 'note',
    label: '向不同单位或者个人分别出售、提供的，条数累计计算',
    text: '同一信息分别出售、提供给不同对象的，按次累计；这与按数据主体去重是两种不同的计数口径。',
    conditions: [{ test: 'fact', fact: 'sold_or_provided', equals: true }],
    citation: {
      ...ART11,
      paragraph: '第二款',
      quote: '条数累计计算',
      summary: '向不同对象出售、提供同一信息的，累计计算。',
    },
  },
  {
    ...base,
    id: 'interp2017.art11.p3',
    kind: 'note',
    label: '批量信息按查获数量认定，但须去重',
    text: '批量信息根据查获的数量直接认定，但有证据证明不真实或者重复的除外；能以技术手段去重的应当去重（最高检2022年典型案例二），推定规则不是举证责任倒置。本评估使用输入的条数，不核实其计数过程。',
    conditions: [{ test: 'total_count', op: '>=', value: 1 }],
    citation: {
      ...ART11,
      paragraph: '第三款',
      quote: '根据查获的数量直接认定，但是有证据证明信息不真实或者重复的除外',
      summary: '批量信息的条数按查获数量认定，不真实或重复的除外。',
    },
  },
];

export const ART12_ROWS: readonly RuleRowInput[] = [
  {
    ...base,
    id: 'interp2017.art12',
    kind: 'fine',
    multiple_min: 1,
    multiple_max: 5,
    text: '综合犯罪的危害程度、违法所得数额、前科情况、认罪悔罪态度等确定罚金数额；“一般”在违法所得的一倍以上五倍以下，实践中有偏离（如魏江蒙案低于一倍、陈锦图案约 4.3 倍）。',
    citation: {
      ...INTERP,
      article: '第十二条',
      quote: '罚金数额一般在违法所得的一倍以上五倍以下',
      summary: '罚金一般为违法所得的 1–5 倍。',
    },
  },
];
