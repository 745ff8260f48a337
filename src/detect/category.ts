/**
 * @module detect/category
 * Decides the legal category of an evidence item from its column semantics (header words, field types) and,
 * failing those, its file name (counting-rules.md §5 "Typical signals"). When signals of several categories are
 * present the highest tier wins. Contested classifications (legal-reference.md §3.4, §6.1) carry an advisory with
 * the alternative category so that counts can be given under each tenable reading.
 */
import { CATEGORIES, type CategoryId } from '../core/categories.js';
import { type FieldType, STRONG_IDENTIFIERS } from '../core/field-types.js';
import { normalizeHeader } from '../core/normalize.js';

export interface CategorySignal {
  readonly category: CategoryId;
  /** Header or file-name words (compared after `normalizeHeader`, by containment). */
  readonly words: readonly string[];
  /** Field types that signal the category on their own. */
  readonly types?: readonly FieldType[];
  /** Field-type sets that signal the category when all are present. */
  readonly typeSets?: readonly (readonly FieldType[])[];
  readonly source: string;
}

const CR5 = 'counting-rules.md §5';

/** Signals per category; order within a tier breaks ties. */
export const CATEGORY_SIGNALS: readonly CategorySignal[] = [
  {
    category: 'trajectory',
    words: [
      '经纬度',
      '经度',
      '纬度',
      '定位',
      '基站',
      '轨迹',
      '行踪',
      'gps',
      '位置信息',
      '坐标',
      'longitude',
      'latitude',
    ],
    types: ['coordinates', 'latitude', 'longitude'],
    source: `${CR5}; 法释〔2017〕10号 第五条第一款第三项`,
  },
  {
    category: 'communication_content',
    words: ['短信内容', '聊天内容', '聊天记录', '消息内容', '验证码', '通话录音', '邮件内容', '短信正文'],
    source: `${CR5}; 法释〔2017〕10号 第五条第一款第三项; 指导性案例195号`,
  },
  {
    category: 'credit',
    words: ['征信', '逾期', '负债', '贷款', '信用', '借款', '欠款', '还款', '授信'],
    source: `${CR5}; 法释〔2017〕10号 第五条第一款第三项`,
  },
  {
    category: 'property',
    words: [
      '余额',
      '存款',
      '资产',
      '房产',
      '不动产',
      '车辆',
      '开户行',
      '支付密码',
      '交易密码',
      '取款密码',
      '理财',
      '证券账户',
      '股票',
    ],
    typeSets: [['bank_card', 'password']],
    source: `${CR5}; 法释〔2017〕10号 第五条第一款第三项`,
  },
  {
    category: 'lodging',
    words: ['入住', '退房', '酒店', '宾馆', '旅馆', '房号', '住宿', '开房', '客房'],
    source: `${CR5}; 法释〔2017〕10号 第五条第一款第四项`,
  },
  {
    category: 'communication_record',
    words: ['主叫', '被叫', '通话时长', '通话详单', '通话记录', '话单', '通话时间', '呼叫类型'],
    source: `${CR5}; 法释〔2017〕10号 第五条第一款第四项`,
  },
  {
    category: 'health',
    words: [
      '诊断',
      '病历',
      '住院',
      '分娩',
      '预产期',
      '体检',
      '病情',
      '就诊',
      '孕周',
      '产检',
      '病史',
      '血型',
      '孕产',
      '病案',
    ],
    source: `${CR5}; 法释〔2017〕10号 第五条第一款第四项; 最高检2022年典型案例五`,
  },
  {
    category: 'transaction',
    words: [
      '订单',
      '商品',
      '金额',
      '快递单号',
      '运单号',
      '收件人',
      '支付',
      '物品',
      '下单',
      '购买',
      '消费',
      '航班',
      '车次',
      '机票',
      '火车票',
      '登机',
    ],
    source: `${CR5}; 法释〔2017〕10号 第五条第一款第四项`,
  },
  {
    category: 'id_card',
    words: [],
    source: `${CR5}; 指导性案例193号`,
  },
  {
    category: 'biometric',
    words: ['人脸', '指纹', '虹膜', '声纹', '面部特征', '人像', 'face'],
    source: `${CR5}; 指导性案例192号`,
  },
];

/** Header words that complete a whole ID-card record (name + ID + address + one of these). */
const ID_CARD_EXTRA_WORDS = ['民族', '签发机关', '有效期', '照片', '相片', 'photo', '发证机关'];

export type AdvisoryKind =
  | 'bare_id_numbers'
  | 'vehicle_holdings'
  | 'verification_codes'
  | 'flight_or_train_records';

export interface Advisory {
  readonly kind: AdvisoryKind;
  /** The category under the other tenable reading. */
  readonly alternative: CategoryId;
  readonly note: string;
}

const ADVISORY_NOTES: Readonly<Record<AdvisoryKind, { note: string }>> = {
  bare_id_numbers: {
    note: '仅含身份号码（或号码+姓名/电话），默认按第五条第一款第五项“其他公民个人信息”计算；控辩双方可能依指导性案例193号主张按“居民身份证信息”（第四项）计算（legal-reference.md §6.1）',
  },
  vehicle_holdings: {
    note: '车辆等财产持有情况是否属于“财产信息”（第三项）实践中存在争议，另按“其他公民个人信息”给出计数（legal-reference.md §3.5）',
  },
  verification_codes: {
    note: '手机验证码的类别未有定论：指导性案例195号称其为“具有识别、验证个人身份的通信内容”，另按“其他公民个人信息”给出计数（legal-reference.md §3.4）',
  },
  flight_or_train_records: {
    note: '航班、车次等出行记录：羊某某案二审认为不属于行踪轨迹信息（按第四项），其他法院按行踪轨迹信息（第三项）认定，另按“行踪轨迹信息”给出计数（legal-reference.md §3.4）',
  },
};

export interface CategoryInput {
  readonly fileName: string;
  readonly headers: readonly (string | null)[];
  readonly types: readonly (FieldType | null)[];
}

export interface CategoryDecision {
  readonly category: CategoryId | null;
  readonly explanation: string;
  readonly advisories: readonly Advisory[];
}

/** Types that make an item hold personal information at all. */
const PERSONAL_TYPES: readonly FieldType[] = [...STRONG_IDENTIFIERS, 'person_name', 'address', 'landline'];

function wordsIn(texts: readonly string[], words: readonly string[]): string[] {
  const hits: string[] = [];
  for (const w of words) {
    const nw = normalizeHeader(w);
    if (texts.some((t) => t.includes(nw))) hits.push(w);
  }
  return hits;
}

interface Candidate {
  readonly category: CategoryId;
  readonly hits: string[];
  readonly order: number;
}

function pick(cands: Candidate[]): Candidate | null {
  const sorted = cands
    .filter((c) => c.hits.length > 0)
    .sort(
      (a, b) =>
        CATEGORIES[a.category].tier - CATEGORIES[b.category].tier ||
        b.hits.length - a.hits.length ||
        a.order - b.order,
    );
  return sorted[0] ?? null;
}

/** Decides an item's category; `null` when it has no personal-information column at all. */
export function decideCategory(input: CategoryInput): CategoryDecision {
  const types = new Set(input.types.filter((t): t is FieldType => t !== null));
  const personal = PERSONAL_TYPES.filter((t) => types.has(t));
  if (personal.length === 0) {
    return {
      category: null,
      explanation: '没有可识别自然人身份的字段（证件号、手机号、银行卡号、姓名、地址等），不计入个人信息',
      advisories: [],
    };
  }
  const headers = input.headers.filter((h): h is string => h !== null && h.length > 0).map(normalizeHeader);
  const advisories: Advisory[] = [];

  const hasIdCardCore = types.has('person_name') && types.has('resident_id') && types.has('address');
  const idExtras = wordsIn(headers, ID_CARD_EXTRA_WORDS);
  if (hasIdCardCore && (idExtras.length > 0 || types.has('ethnicity'))) {
    const extra = idExtras.length > 0 ? idExtras.join('、') : '民族';
    return {
      category: 'id_card',
      explanation: `姓名、公民身份号码、住址齐备，另有“${extra}”字段：整体构成居民身份证信息（指导性案例193号）`,
      advisories,
    };
  }

  const fromHeaders: Candidate[] = CATEGORY_SIGNALS.map((s, order) => {
    const hits = wordsIn(headers, s.words);
    for (const t of s.types ?? []) if (types.has(t)) hits.push(`字段类型:${t}`);
    for (const set of s.typeSets ?? [])
      if (set.every((t) => types.has(t))) hits.push(`字段组合:${set.join('+')}`);
    return { category: s.category, hits, order };
  });
  let chosen = pick(fromHeaders);
  let via = '表头/字段';
  if (!chosen) {
    const base = normalizeHeader(input.fileName.split('/').pop() ?? input.fileName);
    chosen = pick(
      CATEGORY_SIGNALS.map((s, order) => ({ category: s.category, hits: wordsIn([base], s.words), order })),
    );
    via = '文件名';
  }
  const category: CategoryId = chosen?.category ?? 'general';
  const explanation = chosen
    ? `${via}信号 ${chosen.hits.map((h) => `“${h}”`).join('、')} → ${CATEGORIES[category].label}（${CATEGORY_SIGNALS[chosen.order]!.source}）`
    : `含个人信息字段（${personal.join('、')}），无特定类别信号 → ${CATEGORIES.general.label}`;

  const hit = (w: string) => chosen?.hits.includes(w) ?? false;
  if (category === 'general' && types.has('resident_id')) {
    advisories.push({
      kind: 'bare_id_numbers',
      alternative: 'id_card',
      note: ADVISORY_NOTES.bare_id_numbers.note,
    });
  }
  if (
    category === 'property' &&
    chosen &&
    chosen.hits.every((h) => h === '车辆' || h === '房产' || h === '不动产')
  ) {
    advisories.push({
      kind: 'vehicle_holdings',
      alternative: 'general',
      note: ADVISORY_NOTES.vehicle_holdings.note,
    });
  }
  if (category === 'communication_content' && hit('验证码')) {
    advisories.push({
      kind: 'verification_codes',
      alternative: 'general',
      note: ADVISORY_NOTES.verification_codes.note,
    });
  }
  if (category === 'transaction' && ['航班', '车次', '机票', '火车票', '登机'].some(hit)) {
    advisories.push({
      kind: 'flight_or_train_records',
      alternative: 'trajectory',
      note: ADVISORY_NOTES.flight_or_train_records.note,
    });
  }
  return { category, explanation, advisories };
}
