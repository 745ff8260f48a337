/**
 * @module law/rules/sources
 * Shared parts of citations: the documents the rulebook cites, their verification status and where
 * the project read them (legal-reference.md §0). Rows spread these and add article, quote and summary.
 */

/** 法释〔2017〕10号, in force 2017-06-01 (its Art. 13). Thresholds verified in two sources [V2]. */
export const INTERP = {
  document: '法释〔2017〕10号',
  status: 'V2',
  verified: true,
  interpretive: false,
  source: 'legal-reference.md §2（LawRefBook/Laws 两个版本；freewechat 转载第五、六条）',
} as const;

export const INTERP_IN_FORCE = { effective_from: '2017-06-01', effective_to: null } as const;

/** Criminal Law Art. 253-1 as amended by 刑法修正案（九）第十七条, in force 2015-11-01 [V2]. */
export const CRIM_253_1 = {
  document: '《刑法》',
  article: '第二百五十三条之一',
  status: 'V2',
  verified: true,
  interpretive: false,
  source: 'legal-reference.md §1（LawRefBook/Laws 刑法.md、刑法修正案（九）.md）',
} as const;

export const CRIM_253_1_IN_FORCE = { effective_from: '2015-11-01', effective_to: null } as const;

/** General part of the Criminal Law: described in legal-reference.md §1, wording not checked. */
export const CRIM_GENERAL = {
  document: '《刑法》',
  status: 'R',
  verified: false,
  interpretive: false,
  source: 'legal-reference.md §1（量刑说明，条文原文未在项目资料中核对）',
} as const;

export const CRIM_GENERAL_IN_FORCE = {
  effective_from: null,
  effective_to: null,
  effective_note: '刑法总则条文；项目资料未记录其施行日期，视为在整个评估期间有效',
} as const;

/** 最高检 2022-12-02 typical cases (seed 002), quoted verbatim [V1]. */
export const SPP_2022 = {
  document: '最高人民检察院 检察机关依法惩治侵犯公民个人信息犯罪典型案例（2022年12月2日印发）',
  status: 'V1',
  verified: true,
  source: 'seeds/002（通知及五件典型案例全文）',
} as const;

/** The date the SPP notice was issued (seed 002). */
export const SPP_2022_IN_FORCE = { effective_from: '2022-12-02', effective_to: null } as const;

/** Guiding cases 192–195 (SPC 第35批, 2022-12-26, seed 000). */
export const GC_35 = {
  status: 'V1',
  verified: true,
  source: 'seeds/000（最高人民法院第35批指导性案例全文）',
} as const;
