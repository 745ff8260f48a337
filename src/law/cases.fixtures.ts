/**
 * @module law/cases.fixtures
 * Published cases as facts in the input shape of `xinjian assess`, with the band the court gave.
 * Only facts stated in the published text are used ("余" figures are taken at their stated floor).
 * Sources: seeds/000 (guiding cases 192–195), seeds/002 (最高检 2022-12 typical cases 1–5),
 * seeds/004 (Changsha), seeds/003 (最高检 2023 overview), legal-reference.md §2 and §6.
 */
import type { Severity } from './schema.js';

export interface PublishedCase {
  readonly id: string;
  /** Case and defendant. */
  readonly title: string;
  readonly source: string;
  /** The band the published text gives this defendant, or null when it gives none. */
  readonly court_band: Severity | null;
  /** What the published text says about band or sentence (short quote or summary). */
  readonly court_said: string;
  /** The facts as stated, in the input shape. */
  readonly facts: Readonly<Record<string, unknown>>;
  /** True when the stated facts determine the band (the tool must then reproduce court_band). */
  readonly determined: boolean;
  /** What the tool concludes from these facts, and the rules it must cite. */
  readonly expect: {
    readonly severity: Severity;
    readonly triggers?: readonly string[];
    readonly aggravations?: readonly string[];
    readonly notes?: readonly string[];
    /** Severity under each alternative reading, in output order. */
    readonly alternatives?: readonly Severity[];
  };
  /** Why the band is or is not determined by the stated facts. */
  readonly why: string;
}

const WEN_WEI_CONTESTED = { kind: 'id_card_records' } as const;

export const PUBLISHED_CASES: readonly PublishedCase[] = [
  // ── 指导性案例 192–195（最高人民法院第35批，2022-12-26）──────────────────────────────────────
  {
    id: 'gc192-li-kaixiang',
    title: '指导性案例192号 李开祥侵犯公民个人信息刑事附带民事公益诉讼案',
    source: 'seeds/000',
    court_band: 'especially_serious',
    court_said: '“非法获取并向他人提供公民个人信息，情节特别严重”；有期徒刑三年，缓刑三年',
    facts: {
      name: '李开祥',
      // 8100万余条 after de-duplication (户籍、QQ/京东注册、车主、借贷 …); 100余条 from stolen photos.
      counts: { general: 81_000_000, biometric: 100 },
      illegal_gain_yuan: 0,
      sold_or_provided: true,
      insider: false,
      remorse: true,
    },
    determined: true,
    expect: { severity: 'especially_serious', triggers: ['interp2017.art5.p2.i3.of-i5'] },
    why: '8,100 万余条第五项信息 ≥ 50,000 条（十倍）；即使把其中可能属第三项的借贷、车主信息另计，结论不变。',
  },
  {
    id: 'gc193-wen-wei',
    title: '指导性案例193号 闻巍等侵犯公民个人信息案 — 闻巍',
    source: 'seeds/000',
    court_band: 'especially_serious',
    court_said:
      '一审、二审均认定居民身份证信息属第五条第一款第四项（五千条以上为情节特别严重）；有期徒刑三年',
    facts: {
      name: '闻巍',
      counts: { id_card: 10_000 },
      sold_or_provided: false,
      contested: [{ ...WEN_WEI_CONTESTED, count: 10_000 }],
    },
    determined: true,
    expect: {
      severity: 'especially_serious',
      triggers: ['interp2017.art5.p2.i3.of-i4'],
      alternatives: ['serious'],
    },
    why: '身份证正反面照片 10,000 余组按第四项计 ≥ 5,000；辩方的第五项读法（≥ 5,000 但 < 50,000，情节严重）作为被否定的读法列出。',
  },
  {
    id: 'gc193-zhu-xudong',
    title: '指导性案例193号 闻巍等侵犯公民个人信息案 — 朱旭东',
    source: 'seeds/000',
    court_band: 'especially_serious',
    court_said: '有期徒刑三年三个月，并处罚金一万元',
    facts: {
      name: '朱旭东',
      // 3000余组 in his own netdisk + 41654组 shared to him by 张坤.
      counts: { id_card: 44_654 },
      sold_or_provided: false,
      contested: [{ ...WEN_WEI_CONTESTED, count: 44_654 }],
    },
    determined: true,
    expect: { severity: 'especially_serious', alternatives: ['serious'] },
    why: '44,654 组第四项信息 ≥ 5,000；三年三个月的刑期也只与情节特别严重相符。',
  },
  {
    id: 'gc193-zhang-jiangtao',
    title: '指导性案例193号 闻巍等侵犯公民个人信息案 — 张江涛',
    source: 'seeds/000',
    court_band: 'especially_serious',
    court_said: '有期徒刑三年，并处罚金二万元',
    facts: {
      name: '张江涛',
      counts: { id_card: 60_101 },
      illegal_gain_yuan: 19_600,
      sold_or_provided: true,
      contested: [{ ...WEN_WEI_CONTESTED, count: 60_101 }],
    },
    determined: true,
    expect: {
      severity: 'especially_serious',
      triggers: ['interp2017.art5.p1.i4', 'interp2017.art5.p1.i7', 'interp2017.art5.p2.i3.of-i4'],
      notes: ['spp2022.case1.heavier-band'],
      alternatives: ['especially_serious'],
    },
    why: '60,101 组：按第四项或第五项（≥ 50,000）均为情节特别严重；违法所得 19,600 元只到情节严重，按较重档位。',
  },
  {
    id: 'gc194-xiong-changheng',
    title: '指导性案例194号 熊昌恒等侵犯公民个人信息案 — 熊昌恒',
    source: 'seeds/000',
    court_band: 'especially_serious',
    court_said: '“情节特别严重”；有期徒刑三年零二个月，并处罚金十万元；违法所得 5.8 万元',
    facts: {
      name: '熊昌恒',
      illegal_gain_yuan: 58_000,
      sold_or_provided: true,
      joint: { illegal_gain_yuan: 200_000 },
    },
    determined: true,
    expect: {
      severity: 'especially_serious',
      triggers: ['interp2017.art5.p2.i3.of-i7'],
      alternatives: ['especially_serious'],
    },
    why: '本人所得 5.8 万元 ≥ 5 万元，按本人份额或共同犯罪全部分红（20 余万元）均为情节特别严重。',
  },
  ...['熊昌林', '熊恭浪', '熊昌强'].map(
    (name): PublishedCase => ({
      id: `gc194-${name}`,
      title: `指导性案例194号 熊昌恒等侵犯公民个人信息案 — ${name}`,
      source: 'seeds/000',
      court_band: 'especially_serious',
      court_said:
        '“被告人熊昌恒等人……情节特别严重，其行为均已构成侵犯公民个人信息罪”；有期徒刑一年零十个月，违法所得 2.9 万元',
      facts: {
        name,
        illegal_gain_yuan: 29_000,
        sold_or_provided: true,
        joint: { illegal_gain_yuan: 200_000 },
      },
      determined: true,
      expect: { severity: 'especially_serious', alternatives: ['serious'] },
      why: '法院对全体被告人认定情节特别严重：共同犯罪分红合计 20 余万元 ≥ 5 万元。若只按本人所得 2.9 万元，仅为情节严重（列为备选读法）；一年十个月的刑期低于三年，资料认为系从犯减轻，不能反推档位。',
    }),
  ),
  {
    id: 'gc194-fan-jiacong',
    title: '指导性案例194号 熊昌恒等侵犯公民个人信息案 — 范佳聪',
    source: 'seeds/000',
    court_band: 'especially_serious',
    court_said: '同上；有期徒刑十个月，违法所得 1.45 万元（已退缴）',
    facts: {
      name: '范佳聪',
      illegal_gain_yuan: 14_500,
      sold_or_provided: true,
      returned_all_gains: true,
      joint: { illegal_gain_yuan: 200_000 },
    },
    determined: true,
    expect: { severity: 'especially_serious', alternatives: ['serious'] },
    why: '同熊昌林：按共同犯罪全部分红为情节特别严重；按本人 1.45 万元为情节严重。',
  },
  {
    id: 'gc194-own-share-only',
    title: '指导性案例194号 — 熊昌林，若只输入本人份额',
    source: 'seeds/000',
    court_band: 'especially_serious',
    court_said: '同上',
    facts: { name: '熊昌林（仅本人份额）', illegal_gain_yuan: 29_000, sold_or_provided: true },
    determined: false,
    expect: { severity: 'serious', triggers: ['interp2017.art5.p1.i7'] },
    why: '只陈述本人所得 2.9 万元时，法院的“情节特别严重”不能从所述事实得出：它来自共同犯罪的全部分红（20 余万元）。须用 joint 字段输入共同犯罪的总额。',
  },
  {
    id: 'gc195-luo-wenjun',
    title: '指导性案例195号 罗文君、瞿小珍案 — 罗文君',
    source: 'seeds/000',
    court_band: 'serious',
    court_said: '“设立出售、提供公民个人信息的通讯群组，情节严重”；有期徒刑八个月，罚金二万元；获利 13000 元',
    facts: {
      name: '罗文君',
      illegal_gain_yuan: 13_000,
      sold_or_provided: true,
      insider: false,
      returned_all_gains: true,
      remorse: true,
    },
    determined: true,
    expect: { severity: 'serious', triggers: ['interp2017.art5.p1.i7'] },
    why: '违法所得 13,000 元 ≥ 5,000、< 50,000；本人不是内部人员（她组织了内部人员）。验证码条数未公布。',
  },
  {
    id: 'gc195-qu-xiaozhen',
    title: '指导性案例195号 罗文君、瞿小珍案 — 瞿小珍',
    source: 'seeds/000',
    court_band: 'serious',
    court_said:
      '“在提供服务过程中将获得的公民个人信息出售给他人，情节严重”，应从重处罚；有期徒刑六个月，罚金一万五千元；获利 9266.5 元',
    facts: {
      name: '瞿小珍',
      illegal_gain_yuan: 9266.5,
      sold_or_provided: true,
      insider: true,
      returned_all_gains: true,
      remorse: true,
    },
    determined: true,
    expect: {
      severity: 'serious',
      triggers: ['interp2017.art5.p1.i7', 'interp2017.art5.p1.i8.gain'],
      aggravations: ['crim.art253-1.p2'],
    },
    why: '内部人员违法所得 9,266.5 元 ≥ 2,500（减半）且 ≥ 5,000，< 25,000（内部人员十倍）；从重处罚。',
  },

  // ── 最高检 2022-12 典型案例 ────────────────────────────────────────────────────────────────
  {
    id: 'spp2022-1-xie',
    title: '最高检2022年典型案例一 解某某、辛某某等人案 — 解某某（主犯）',
    source: 'seeds/002',
    court_band: 'especially_serious',
    court_said: '“认定每名被告人的违法所得均超过5万元，属于‘情节特别严重’”；判处三年六个月至一年四个月不等',
    facts: {
      name: '解某某',
      // 31万余条 with "*" masks could not be de-duplicated: counts not used; "超过5万元" per defendant.
      illegal_gain_yuan: 50_000.01,
      sold_or_provided: true,
      unit: true,
      unit_mainly_for_crime: true,
    },
    determined: true,
    expect: {
      severity: 'especially_serious',
      triggers: ['interp2017.art5.p2.i3.of-i7'],
      notes: ['unit1999.art2'],
    },
    why: '数量无法去重，以违法所得认定：超过 5 万元即十倍标准。公司设立后以犯罪为主要活动，不以单位犯罪论处。',
  },
  {
    id: 'spp2022-1-employee',
    title: '最高检2022年典型案例一 — 被雇佣的从犯（吴某某等）',
    source: 'seeds/002',
    court_band: 'especially_serious',
    court_said: '同上：每名被告人违法所得均超过 5 万元；从犯刑期低至一年四个月',
    facts: { name: '吴某某', illegal_gain_yuan: 50_000.01, sold_or_provided: true, accessory: true },
    determined: true,
    expect: { severity: 'especially_serious', triggers: ['interp2017.art5.p2.i3.of-i7'] },
    why: '违法所得超过 5 万元；刑期低于三年是从犯减轻的结果，档位仍为情节特别严重。',
  },
  {
    id: 'spp2022-2-li',
    title: '最高检2022年典型案例二 李某侵犯公民个人信息案（即指导性案例192号）',
    source: 'seeds/002',
    court_band: 'especially_serious',
    court_said: '“信息数量符合‘情节特别严重’的规定”；有期徒刑三年，缓刑三年',
    facts: {
      name: '李某',
      counts: { general: 81_000_000 },
      sold_or_provided: true,
      first_offender: true,
      remorse: true,
    },
    determined: true,
    expect: { severity: 'especially_serious', triggers: ['interp2017.art5.p2.i3.of-i5'] },
    why: '8,100 余万条 ≥ 50,000 条。',
  },
  {
    id: 'spp2022-3-li-jia',
    title: '最高检2022年典型案例三 谢某、李某甲等人案 — 李某甲',
    source: 'seeds/002',
    court_band: 'especially_serious',
    court_said: '李某甲违法所得 70 余万元（不扣减购买成本）；谢某、李某甲等 9 人判处有期徒刑四年至二年不等',
    facts: { name: '李某甲', illegal_gain_yuan: 700_000, sold_or_provided: true },
    determined: true,
    expect: {
      severity: 'especially_serious',
      triggers: ['interp2017.art5.p1.i7', 'interp2017.art5.p2.i3.of-i7'],
      notes: ['spp2018.guide.gross-gain'],
    },
    why: '违法所得（毛收入）70 余万元 ≥ 5 万元，必为情节特别严重；公布文本只给出 9 人的刑期区间，未逐人写明档位，此处档位由所述违法所得决定。',
  },
  {
    id: 'spp2022-3-others',
    title: '最高检2022年典型案例三 — 李某乙、刘某甲等 27 名中末端人员',
    source: 'seeds/002',
    court_band: null,
    court_said: '违法所得“数千元至10余万元不等”；有期徒刑三年至六个月不等，适用缓刑',
    facts: { name: '李某乙等', sold_or_provided: true },
    determined: false,
    expect: { severity: 'none' },
    why: '公布文本未逐人给出违法所得或条数，也未逐人写明档位：数千元者可能未达或仅达情节严重，10 余万元者为情节特别严重。',
  },
  {
    id: 'spp2022-4-chen-jia',
    title: '最高检2022年典型案例四 陈某甲、于某、陈某乙案 — 陈某甲（主犯）',
    source: 'seeds/002',
    court_band: 'especially_serious',
    court_said:
      '“造成被害人死亡的，应当认定为‘情节特别严重’。本案被告人陈某甲即属于此情形”；判处三年至一年三个月不等',
    facts: {
      name: '陈某甲',
      // Phone location obtained in Jan., Mar. and Jun. 2021 and sold to 闵某, who killed the victim.
      counts: { trajectory: 3 },
      illegal_gain_yuan: 39_500,
      sold_or_provided: true,
      used_for_crime: true,
      consequence: 'death',
    },
    determined: true,
    expect: {
      severity: 'especially_serious',
      triggers: ['interp2017.art5.p1.i1', 'interp2017.art5.p1.i7', 'interp2017.art5.p2.i1'],
    },
    why: '出售行踪轨迹信息被用于犯罪（第一款第一项）并造成被害人死亡（第二款第一项）。',
  },
  ...[
    ['于某', 9000],
    ['陈某乙', 6000],
  ].map(
    ([name, gain]): PublishedCase => ({
      id: `spp2022-4-${name}`,
      title: `最高检2022年典型案例四 — ${name}（从犯）`,
      source: 'seeds/002',
      court_band: 'especially_serious',
      court_said:
        '检察机关认定“陈某甲、于某、陈某乙出售公民行踪轨迹信息，被他人用于犯罪，造成被害人死亡的严重后果，属于……‘情节特别严重’”，法院采纳',
      facts: {
        name,
        counts: { trajectory: 3 },
        illegal_gain_yuan: gain,
        sold_or_provided: true,
        used_for_crime: true,
        consequence: 'death',
        accessory: true,
      },
      determined: true,
      expect: { severity: 'especially_serious', triggers: ['interp2017.art5.p2.i1'] },
      why: '共同提供行踪轨迹信息致被害人死亡；从犯低于三年的刑期是减轻处罚的结果。',
    }),
  ),
  {
    id: 'spp2022-5-wei',
    title: '最高检2022年典型案例五 韦某、吴某甲、吴某乙案 — 韦某（医院产科主管护师）',
    source: 'seeds/002',
    court_band: 'serious',
    court_said:
      '“非法获取、出售产妇公民个人信息数量500余条，依法应予定罪处罚……依法应从重处罚”；有期徒刑十个月缓刑两年至六个月不等',
    facts: {
      name: '韦某',
      counts: { health: 500 },
      insider: true,
      sold_or_provided: true,
      returned_all_gains: true,
      remorse: true,
    },
    determined: true,
    expect: {
      severity: 'serious',
      triggers: ['interp2017.art5.p1.i4', 'interp2017.art5.p1.i8.tier2'],
      aggravations: ['crim.art253-1.p2'],
    },
    why: '健康生理信息 500 余条：≥ 500（也 ≥ 内部人员的 250），< 2,500（内部人员十倍）；从重处罚。',
  },
  ...['吴某甲', '吴某乙'].map(
    (name): PublishedCase => ({
      id: `spp2022-5-${name}`,
      title: `最高检2022年典型案例五 — ${name}（按摩中心经营者，购买信息用于经营）`,
      source: 'seeds/002',
      court_band: 'serious',
      court_said: '“共同出资购买信息，用于经营活动”，主犯；十个月缓刑两年至六个月不等',
      facts: {
        name,
        counts: { health: 500 },
        sold_or_provided: false,
        lawful_business_purchase: true,
        remorse: true,
      },
      determined: true,
      expect: { severity: 'serious', triggers: ['interp2017.art5.p1.i4'], notes: ['interp2017.art6.p2'] },
      why: '为经营购买，但健康生理信息属第四项，第六条不适用，回到第五条：500 余条 ≥ 500。',
    }),
  ),

  // ── 长沙（seeds/004）──────────────────────────────────────────────────────────────────────
  {
    id: 'changsha-kaifu-luo',
    title: '长沙开福区 骗取微信账号案 — 罗某（实际控制人）',
    source: 'seeds/004',
    court_band: 'especially_serious',
    court_said: '“情节特别严重”；有期徒刑三年九个月，罚金 5 万元，追缴违法所得 46 万余元',
    facts: {
      name: '罗某',
      counts: { general: 4300 },
      illegal_gain_yuan: 460_000,
      sold_or_provided: true,
    },
    determined: true,
    expect: { severity: 'especially_serious', triggers: ['interp2017.art5.p2.i3.of-i7'] },
    why: '违法所得 46 万余元 ≥ 5 万元；账号 4,300 余个（第五项）未达 5,000。',
  },
  {
    id: 'changsha-kaifu-xie',
    title: '长沙开福区 骗取微信账号案 — 谢某（实际控制人）',
    source: 'seeds/004',
    court_band: 'especially_serious',
    court_said: '有期徒刑三年六个月，罚金 5 万元',
    facts: { name: '谢某', counts: { general: 4300 }, illegal_gain_yuan: 460_000, sold_or_provided: true },
    determined: true,
    expect: { severity: 'especially_serious' },
    why: '同罗某（共同违法所得 46 万余元）。',
  },
  {
    id: 'changsha-furong-cao',
    title: '长沙芙蓉区 曹某侵犯公民个人信息案',
    source: 'seeds/004',
    court_band: 'serious',
    court_said: '有期徒刑十个月，缓刑一年，罚金 4 万元（只能是情节严重一档）',
    facts: {
      name: '曹某',
      counts: { general: 7967 },
      illegal_gain_yuan: 31_831,
      sold_or_provided: true,
      contested: [{ kind: 'bare_id_numbers', count: 7967 }],
    },
    determined: true,
    expect: {
      severity: 'serious',
      triggers: ['interp2017.art5.p1.i5', 'interp2017.art5.p1.i7'],
      alternatives: ['especially_serious'],
    },
    why: '姓名 + 身份证号 + 电话 7,967 条按第五项为情节严重；若按指导性案例193号归第四项则为情节特别严重——法院的十个月刑期表明采第五项。',
  },
  {
    id: 'changsha-tianxin-chen',
    title: '长沙天心区 陈某（家电“抢装”客户信息）案',
    source: 'seeds/004',
    court_band: null,
    court_said: '有期徒刑三年，缓刑四年，罚金 6.9 万元',
    facts: { name: '陈某', sold_or_provided: true },
    determined: false,
    expect: { severity: 'none' },
    why: '报道未给出条数和违法所得。三年有期徒刑恰是情节严重的上限、情节特别严重的下限（缓刑亦可适用于三年），不能反推档位。',
  },
  {
    id: 'changsha-yuhua-huang',
    title: '长沙雨花区 黄某（收购手机号和验证码）案',
    source: 'seeds/004',
    court_band: null,
    court_said: '只报道了附带民事公益诉讼的结果（删除信息、赔礼道歉、赔偿金 10 万元）',
    facts: { name: '黄某', sold_or_provided: false },
    determined: false,
    expect: { severity: 'none' },
    why: '报道未给出条数、违法所得、档位或刑期；验证码的档位本身也有争议（见 contested.verification-codes）。',
  },
  {
    id: 'changsha-tianxin-unit',
    title: '长沙天心区 强责公司等催收公司购买个人信息案（单位犯罪）',
    source: 'seeds/004',
    court_band: null,
    court_said: '检察官认定构成单位犯罪，追诉涉案单位 1 个；未报道数量、数额和判决',
    facts: { name: '强责公司', unit: true, unit_mainly_for_crime: false, sold_or_provided: false },
    determined: false,
    expect: { severity: 'none', notes: ['interp2017.art7', 'crim.art253-1.p4'] },
    why: '未报道数量和数额；本例只检验单位犯罪的提示（第七条；刑法第二百五十三条之一第四款）。',
  },

  // ── 其他资料中的案例（legal-reference.md）─────────────────────────────────────────────────────
  {
    id: 'lr-chen-jintu',
    title: '陈锦图案（二审裁定，法院未具名）',
    source: 'legal-reference.md §2、§6.7',
    court_band: 'especially_serious',
    court_said:
      '二审称“非法出售、提供和获取公民个人信息5000条以上属于情节特别严重”（对第五项而言表述有误），涉案 62.4 万条',
    facts: {
      name: '陈锦图',
      counts: { general: 624_000 },
      illegal_gain_yuan: 11_584,
      sold_or_provided: true,
    },
    determined: true,
    expect: { severity: 'especially_serious', triggers: ['interp2017.art5.p2.i3.of-i5'] },
    why: '62.4 万条 ≥ 50,000 条（正确的十倍标准），结论与法院一致。',
  },
  {
    id: 'lr-luo-putuo',
    title: '罗某案（上海普陀，公司为营销购买 16 万余条姓名、身份证号、电话）',
    source: 'legal-reference.md §6.1、§6.7',
    court_band: 'especially_serious',
    court_said: '判处情节特别严重一档',
    facts: { name: '罗某（普陀）', counts: { general: 160_000 }, sold_or_provided: false },
    determined: true,
    expect: { severity: 'especially_serious', triggers: ['interp2017.art5.p2.i3.of-i5'] },
    why: '16 万余条 ≥ 50,000 条。法院未适用第六条；若输入 lawful_business_purchase: true，本工具把第六条作为主要读法并把第五条结论列为备选读法。',
  },

  // ── 最高检 2023-03 综述（seeds/003）：只列事实，未公布档位或刑期 ─────────────────────────────
  {
    id: 'spp2023-jiao',
    title: '最高检2023年综述 焦某某案',
    source: 'seeds/003',
    court_band: null,
    court_said: '“非法获取个人信息34万余条，并……将部分个人信息出售牟利”；未公布判决',
    facts: { name: '焦某某', counts: { general: 340_000 } },
    determined: false,
    expect: { severity: 'especially_serious', triggers: ['interp2017.art5.p2.i3.of-i5'] },
    why: '未公布档位或刑期，无从比对；按所述 34 万余条（若为第五项）本工具得出情节特别严重。信息类型未说明。',
  },
];
