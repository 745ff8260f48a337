/**
 * @module law/rules/practice
 * Rules from SPP/SPC practice that fill gaps in the text: the heavier band when count and gain
 * differ (最高检 2022 case 1), gross 违法所得 (指引, quoted in case 3), companies set up for crime
 * (1999 unit-crime interpretation, applied in case 1), and reminders where a stated fact cannot
 * trigger the item it seems to belong to. Sources: seeds/002, legal-reference.md §2–3.
 */
import type { RuleRowInput } from '../schema.js';
import { INTERP, INTERP_IN_FORCE, SPP_2022, SPP_2022_IN_FORCE } from './sources.js';

export const PRACTICE_ROWS: readonly RuleRowInput[] = [
  {
    version: 1,
    ...SPP_2022_IN_FORCE,
    id: 'spp2022.case1.heavier-band',
    kind: 'note',
    label: '数量与违法所得分属不同档位：按较重档位',
    text: '信息数量与违法所得中任一项达到标准即可认定；二者分属不同量刑幅度时，按处罚较重的幅度处理。本评估的结论已取较重档位。',
    conditions: [{ test: 'bases_differ' }],
    citation: {
      ...SPP_2022,
      article: '案例一（解某某、辛某某等人侵犯公民个人信息案）',
      paragraph: '典型意义（二）',
      quote: '如果二者分别属于不同的量刑幅度的，可以按照处罚较重的量刑幅度处理',
      summary: '数量、数额分属不同幅度时，可以按较重幅度处理；无法去重时可以违法所得认定。',
      interpretive: false,
    },
  },
  {
    version: 1,
    effective_from: '2018-11-09',
    effective_to: null,
    effective_note: '《检察机关办理侵犯公民个人信息案件指引》印发日期（legal-reference.md §3.1）',
    id: 'spp2018.guide.gross-gain',
    kind: 'note',
    label: '违法所得按出售收入认定，不扣减购买成本',
    text: '违法所得直接以出售公民个人信息的收入认定，不扣减购买信息的成本（最高检2022年典型案例三引述《指引》）。输入的违法所得应为毛收入。',
    conditions: [{ test: 'gain_fen', op: '>=', value: 1 }],
    citation: {
      ...SPP_2022,
      document:
        '最高人民检察院《检察机关办理侵犯公民个人信息案件指引》（高检发侦监字〔2018〕13号），经2022年典型案例三引述',
      article: '（违法所得认定）',
      quote: '对于违法所得，直接以被告人出售公民个人信息的收入予以认定，不必扣减其购买信息的犯罪成本',
      summary: '违法所得为出售收入，不扣除购买成本。',
      interpretive: false,
    },
  },
  {
    version: 1,
    effective_from: null,
    effective_to: null,
    effective_note: '最高法1999年单位犯罪解释；项目资料未记录其确切施行日期',
    id: 'unit1999.art2',
    kind: 'note',
    label: '以实施犯罪为主要活动的公司：不以单位犯罪论处',
    text: '公司、企业、事业单位设立后以实施犯罪为主要活动的，不以单位犯罪论处，按自然人犯罪认定（最高检2022年典型案例一即如此处理）。',
    conditions: [{ test: 'fact', fact: 'unit_mainly_for_crime', equals: true }],
    citation: {
      ...SPP_2022,
      document:
        '最高人民法院《关于审理单位犯罪案件具体应用法律有关问题的解释》（1999），经2022年最高检典型案例一引述',
      article: '第二条',
      quote: '公司、企业、事业单位设立后，以实施犯罪为主要活动的，不以单位犯罪论处',
      summary: '设立后以实施犯罪为主要活动的，不是单位犯罪。',
      interpretive: false,
    },
  },
  {
    version: 1,
    ...INTERP_IN_FORCE,
    id: 'interp2017.art5.p1.i1.needs-trajectory',
    kind: 'note',
    label: '“被他人用于犯罪”只在行踪轨迹信息时单独入罪',
    text: '已陈述信息被他人用于犯罪，但没有行踪轨迹信息的计数：第五条第一款第一项只适用于行踪轨迹信息。若买方系利用信息实施犯罪且行为人明知，请陈述 knew_buyer_criminal（第二项）；其他情形只能由司法机关按第十项兜底认定。',
    conditions: [
      { test: 'fact', fact: 'used_for_crime', equals: true },
      { test: 'category_count', category: 'trajectory', op: '<=', value: 0 },
    ],
    citation: {
      ...INTERP,
      article: '第五条',
      paragraph: '第一款',
      item: '第一项',
      quote: '出售或者提供行踪轨迹信息，被他人用于犯罪的',
      summary: '第一项以行踪轨迹信息为限。',
    },
  },
  {
    version: 1,
    ...INTERP_IN_FORCE,
    id: 'interp2017.art5.p1.i8.needs-sale',
    kind: 'note',
    label: '内部人员的减半标准和从重只适用于出售、提供',
    text: '已陈述信息系在履职或者提供服务中获得，但未陈述出售或者提供：第五条第一款第八项的减半标准和刑法第二百五十三条之一第二款的从重处罚均以“出售或者提供给他人”为前提，本评估未适用。',
    conditions: [
      { test: 'fact', fact: 'insider', equals: true },
      { test: 'fact', fact: 'sold_or_provided', equals: false },
    ],
    citation: {
      ...INTERP,
      article: '第五条',
      paragraph: '第一款',
      item: '第八项',
      quote: '数量或者数额达到第三项至第七项规定标准一半以上',
      summary: '第八项以出售或者提供给他人为前提。',
    },
  },
  {
    version: 1,
    ...INTERP_IN_FORCE,
    id: 'interp2017.art5.p1.i2.needs-sale',
    kind: 'note',
    label: '“明知买方犯罪”以出售、提供为前提',
    text: '已陈述明知他人利用信息实施犯罪，但未陈述向其出售或者提供：第五条第一款第二项未适用。',
    conditions: [
      { test: 'fact', fact: 'knew_buyer_criminal', equals: true },
      { test: 'fact', fact: 'sold_or_provided', equals: false },
    ],
    citation: {
      ...INTERP,
      article: '第五条',
      paragraph: '第一款',
      item: '第二项',
      quote: '知道或者应当知道他人利用公民个人信息实施犯罪，向其出售或者提供的',
      summary: '第二项以向其出售或者提供为前提。',
    },
  },
];
