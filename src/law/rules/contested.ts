/**
 * @module law/rules/contested
 * Classifications on which courts or sources disagree (legal-reference.md §3.4–3.5, §6), and
 * readings of the facts that are not classifications (joint-crime totals, the Art. 6 purpose).
 * The evaluator reports the band under every tenable reading with this support; it never picks
 * silently.
 */
import type { RuleRowInput, SupportRef } from '../schema.js';
import { INTERP, INTERP_IN_FORCE } from './sources.js';

const base = { version: 1, ...INTERP_IN_FORCE } as const;
const LR = 'legal-reference.md';

const GC193: SupportRef = {
  ref: '指导性案例193号（闻巍等侵犯公民个人信息案）',
  holding:
    '居民身份证信息（正反面照片：姓名、人脸、号码、户籍地址）整体属于第五条第一款第四项；一审以住址、二审以“综合体”为理由。未认定单独的身份证号码属于第四项。',
  quote:
    '居民身份证信息包含自然人姓名、人脸识别信息、身份号码、户籍地址等多种个人信息，属于《最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释》第五条第一款第四项规定的“其他可能影响人身、财产安全的公民个人信息”',
  status: 'V1',
  verified: true,
  source: 'seeds/000（指导性案例193号裁判要点）；legal-reference.md §6.1',
};

const CAO: SupportRef = {
  ref: '曹某侵犯公民个人信息案（长沙市芙蓉区，2023）',
  holding:
    '姓名、身份证号、电话号码 7,967 条，获利 31,831 元，判处有期徒刑十个月缓刑一年：只与第五项（5,000 条）相符；若按第四项，7,967 ≥ 5,000 即属情节特别严重。',
  quote: '购买包括姓名、身份证号、电话号码在内的公民个人信息共7967条',
  status: 'V1',
  verified: true,
  source: 'seeds/004（长沙检察报道）；legal-reference.md §3.5、§6.1',
};

const COUNTING_RULES_ID: SupportRef = {
  ref: 'counting-rules.md §5（本项目计数规则）',
  holding:
    '单独的身份证号码，或身份证号 + 姓名 + 电话，归入“其他公民个人信息”，并提示“可能援引指导性案例193号”。',
  quote: null,
  status: 'V1',
  verified: true,
  source: 'counting-rules.md §5；legal-reference.md §6.1 推荐编码',
};

const GC193_DEFENCE: SupportRef = {
  ref: '指导性案例193号 辩护意见（未被采纳）',
  holding: '辩护人主张身份证信息应属第五项普通信息；一审、二审均未采纳。该读法与指导性案例相悖，仅供对照。',
  quote: '第五条第一款第五项中的普通信息范围',
  status: 'V1',
  verified: true,
  source: 'seeds/000（指导性案例193号基本案情）',
};

const YANG: SupportRef = {
  ref: '羊某某案 (2019)琼97刑终222号',
  holding: '航班信息不具有实时定位性，不属于行踪轨迹信息，按第四项（500 条）认定。',
  quote: null,
  status: 'V1',
  verified: true,
  source: `${LR} §3.4、§3.5`,
};

const FLIGHT_AS_TRAJECTORY: SupportRef = {
  ref: '其他法院的做法（韦某等案；北京朝阳航空公司员工案的起诉）',
  holding: '将航班、乘机信息按行踪轨迹信息（第三项，50 条）认定。',
  quote: null,
  status: 'V1',
  verified: true,
  source: `${LR} §3.4（二手描述）`,
};

const GC195_CODE: SupportRef = {
  ref: '指导性案例195号（罗文君、瞿小珍案）',
  holding:
    '裁判理由称验证码是“具有识别、验证个人身份的通信内容”，但该案以违法所得和内部人员身份定案，未按条数认定档位。',
  quote: '证明验证码系具有识别、验证个人身份的通信内容',
  status: 'V1',
  verified: true,
  source: 'seeds/000（指导性案例195号裁判理由）',
};

const CODE_UNSETTLED: SupportRef = {
  ref: '验证码档位未定（项目法律资料）',
  holding: '尚无裁判按第三项（50 条）计算验证码条数；不应自动归入第三项，按第五项计数并提示争议。',
  quote: null,
  status: 'V1',
  verified: true,
  source: `${LR} §3.4、§6.7`,
};

const VEHICLE_AS_PROPERTY: SupportRef = {
  ref: '《检察机关办理侵犯公民个人信息案件指引》（回忆内容，未核实）',
  holding: '财产信息包括存款、房产、车辆等财产状况信息。',
  quote: null,
  status: 'R',
  verified: false,
  source: `${LR} §3.3（[R]：指引正文未能取得）`,
};

const VEHICLE_NOT_PROPERTY: SupportRef = {
  ref: '孟晓（检察实务文章）；起草者评注',
  holding:
    '车辆信息不属于财产信息；起草者（周加海、邹涛、喻海松）认为第三项“仅限于”四类信息，不得作等外扩张。',
  quote: '仅限于行踪轨迹信息、通信信息、征信信息、财产信息四类信息，不允许司法适用中再通过等外解释予以扩大',
  status: 'V1',
  verified: true,
  source: `${LR} §3.3`,
};

const contestedCitation = (summary: string) => ({
  ...INTERP,
  article: '第五条',
  paragraph: '第一款',
  item: '第三至五项',
  quote: null,
  summary,
  interpretive: true,
  interpretive_note:
    '信息类型的归类属于司法认定，资料显示实践不一致；本工具按每一种可成立的读法分别给出档位。',
});

export const CONTESTED_ROWS: readonly RuleRowInput[] = [
  {
    ...base,
    id: 'contested.bare-id-numbers',
    kind: 'contested',
    contested_kind: 'bare_id_numbers',
    label: '单独的身份证号码（或身份证号 + 姓名 + 电话）',
    default_counted_as: 'general',
    default_alternatives: ['id_card'],
    support_by_tier: { 1: [], 2: [GC193], 3: [CAO, COUNTING_RULES_ID] },
    citation: contestedCitation('身份证号码单独出现时属第五项还是第四项，取决于能否援引指导性案例193号。'),
  },
  {
    ...base,
    id: 'contested.id-card-records',
    kind: 'contested',
    contested_kind: 'id_card_records',
    label: '完整的居民身份证信息（正反面照片，或号码 + 姓名 + 住址 + 人脸）',
    default_counted_as: 'id_card',
    default_alternatives: ['general'],
    support_by_tier: { 1: [], 2: [GC193], 3: [GC193_DEFENCE] },
    citation: contestedCitation('指导性案例193号认定为第四项；辩方曾主张第五项。'),
  },
  {
    ...base,
    id: 'contested.flight-or-train-records',
    kind: 'contested',
    contested_kind: 'flight_or_train_records',
    label: '航班、火车票等出行订票记录',
    default_counted_as: 'transaction',
    default_alternatives: ['trajectory'],
    support_by_tier: { 1: [FLIGHT_AS_TRAJECTORY], 2: [YANG], 3: [] },
    citation: contestedCitation('出行记录属第三项（行踪轨迹）还是第四项，裁判不一致。'),
  },
  {
    ...base,
    id: 'contested.verification-codes',
    kind: 'contested',
    contested_kind: 'verification_codes',
    label: '短信验证码及对应手机号',
    default_counted_as: 'general',
    default_alternatives: ['communication_content'],
    support_by_tier: { 1: [GC195_CODE], 2: [], 3: [CODE_UNSETTLED] },
    citation: contestedCitation('验证码是否属“通信内容”（第三项）未定。'),
  },
  {
    ...base,
    id: 'contested.vehicle-holdings',
    kind: 'contested',
    contested_kind: 'vehicle_holdings',
    label: '车辆持有（车主）信息',
    default_counted_as: 'general',
    default_alternatives: ['property'],
    support_by_tier: { 1: [VEHICLE_AS_PROPERTY], 2: [], 3: [VEHICLE_NOT_PROPERTY] },
    citation: contestedCitation('车辆信息是否属“财产信息”（第三项）有争议。'),
  },
];

const SPP_CASE5_PRINCIPAL: SupportRef = {
  ref: '最高检2022年典型案例五（韦某、吴某甲、吴某乙案）',
  holding: '未直接获取信息的共同出资者系主犯，按其参与的全部犯罪处罚。',
  quote: '系主犯，应当按照其所参与的全部犯罪处罚',
  status: 'V1',
  verified: true,
  source: 'seeds/002（案例五）',
};

const GC194_JOINT: SupportRef = {
  ref: '指导性案例194号（熊昌恒等案）',
  holding:
    '分红合计 20 余万元，法院认定各被告人“情节特别严重”，其中个人所得 1.45 万–2.9 万元者分别判处 22 个月、10 个月（从犯减轻）。',
  quote: '情节特别严重，其行为均已构成侵犯公民个人信息罪',
  status: 'V1',
  verified: true,
  source: 'seeds/000（指导性案例194号裁判结果、理由）；legal-reference.md §1',
};

const OWN_SHARE: SupportRef = {
  ref: '按个人所得认定（项目法律资料；最高检2022年典型案例一）',
  holding:
    '共同犯罪中各被告人以本人所得确定档位（资料对指导性案例194号的描述）；典型案例一逐人认定“每名被告人的违法所得均超过5万元”。',
  quote: '认定每名被告人的违法所得均超过5万元',
  status: 'V1',
  verified: true,
  source: 'seeds/002（案例一）；legal-reference.md §6.6',
};

const ART6_TEXT: SupportRef = {
  ref: '法释〔2017〕10号第六条；喻海松评注',
  holding:
    '为合法经营活动购买、收受第五项信息，获利五万元以上等情形方为情节严重；合法经营目的主要由辩方证明。',
  quote: '为合法经营活动而非法购买、收受',
  status: 'V1',
  verified: true,
  source: 'legal-reference.md §2 第六条',
};

const LUO_PUTUO: SupportRef = {
  ref: '罗某案（上海普陀，公司为营销购买 16 万余条姓名、身份证号、电话）',
  holding: '判处“情节特别严重”一档，即未适用没有该档的第六条；判决未说明是因信息类型还是因第六条条件不满足。',
  quote: null,
  status: 'R',
  verified: false,
  source: 'legal-reference.md §6.7（二手描述）',
};

export const READING_ROWS: readonly RuleRowInput[] = [
  {
    ...base,
    id: 'reading.joint-totals',
    kind: 'reading',
    reading: 'joint_totals',
    label: '按所参与共同犯罪的全部数量、数额认定',
    support: [SPP_CASE5_PRINCIPAL, GC194_JOINT],
    citation: {
      ...INTERP,
      document: '《刑法》',
      article: '第二十六条、第二十七条（共同犯罪）',
      quote: null,
      summary: '主犯按其所参与或者组织、指挥的全部犯罪处罚；从犯从轻、减轻或者免除处罚。',
      status: 'R',
      verified: false,
      interpretive: true,
      interpretive_note:
        '共同犯罪中数量、数额的归属是司法认定问题；资料显示既有按整体、也有按个人份额认定的做法。',
      source: 'legal-reference.md §1、§6.6',
    },
  },
  {
    ...base,
    id: 'reading.own-share',
    kind: 'reading',
    reading: 'own_share',
    label: '仅按本人经手的数量和本人所得认定',
    support: [OWN_SHARE],
    citation: {
      ...INTERP,
      article: '第五条',
      quote: null,
      summary: '以行为人本人的信息数量和违法所得适用第五条标准。',
      interpretive: true,
      interpretive_note: '见 reading.joint-totals。',
    },
  },
  {
    ...base,
    id: 'reading.art6-accepted',
    kind: 'reading',
    reading: 'art6_accepted',
    label: '采纳“为合法经营活动购买”（第六条）',
    support: [ART6_TEXT],
    citation: {
      ...INTERP,
      article: '第六条',
      quote: '为合法经营活动而非法购买、收受',
      summary: '合法经营目的成立时按第六条认定。',
    },
  },
  {
    ...base,
    id: 'reading.art6-not-accepted',
    kind: 'reading',
    reading: 'art6_not_accepted',
    label: '不采纳“为合法经营活动购买”，按第五条认定',
    support: [LUO_PUTUO, ART6_TEXT],
    citation: {
      ...INTERP,
      article: '第五条',
      quote: null,
      summary: '合法经营目的不成立时，购买、收受同样按第五条的数量标准认定。',
      interpretive: true,
      interpretive_note: '合法经营目的是事实认定，主要由辩方证明（喻海松评注）。',
    },
  },
];
