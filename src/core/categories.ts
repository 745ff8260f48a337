/**
 * @module core/categories
 * The eleven legal categories of personal information and their tiers
 * (counting-rules.md §5; 法释〔2017〕10号 第五条第一款第三、四、五项).
 * Thresholds for 情节严重 are 50 / 500 / 5,000 条 for tiers 1 / 2 / 3.
 */

export const CATEGORY_IDS = [
  'trajectory',
  'communication_content',
  'credit',
  'property',
  'lodging',
  'communication_record',
  'health',
  'transaction',
  'id_card',
  'biometric',
  'general',
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];
export type Tier = 1 | 2 | 3;
/** What the legal count of a category counts: distinct records or distinct data subjects. */
export type CountedBy = 'records' | 'subjects';

export interface CategoryDef {
  readonly id: CategoryId;
  readonly label: string;
  readonly tier: Tier;
  readonly countedBy: CountedBy;
  readonly citation: string;
}

const ART5_TIER1 = '法释〔2017〕10号 第五条第一款第三项';
const ART5_TIER2 = '法释〔2017〕10号 第五条第一款第四项';
const ART5_TIER3 = '法释〔2017〕10号 第五条第一款第五项';

export const CATEGORIES: Readonly<Record<CategoryId, CategoryDef>> = {
  trajectory: {
    id: 'trajectory',
    label: '行踪轨迹信息',
    tier: 1,
    countedBy: 'records',
    citation: ART5_TIER1,
  },
  communication_content: {
    id: 'communication_content',
    label: '通信内容',
    tier: 1,
    countedBy: 'records',
    citation: ART5_TIER1,
  },
  credit: { id: 'credit', label: '征信信息', tier: 1, countedBy: 'records', citation: ART5_TIER1 },
  property: { id: 'property', label: '财产信息', tier: 1, countedBy: 'records', citation: ART5_TIER1 },
  lodging: { id: 'lodging', label: '住宿信息', tier: 2, countedBy: 'records', citation: ART5_TIER2 },
  communication_record: {
    id: 'communication_record',
    label: '通信记录',
    tier: 2,
    countedBy: 'records',
    citation: ART5_TIER2,
  },
  health: { id: 'health', label: '健康生理信息', tier: 2, countedBy: 'records', citation: ART5_TIER2 },
  transaction: { id: 'transaction', label: '交易信息', tier: 2, countedBy: 'records', citation: ART5_TIER2 },
  id_card: {
    id: 'id_card',
    label: '居民身份证信息（整体）',
    tier: 2,
    countedBy: 'subjects',
    citation: `${ART5_TIER2}；指导性案例193号`,
  },
  biometric: {
    id: 'biometric',
    label: '人脸等生物识别信息',
    tier: 2,
    countedBy: 'subjects',
    citation: `${ART5_TIER2}；指导性案例192号`,
  },
  general: {
    id: 'general',
    label: '其他公民个人信息',
    tier: 3,
    countedBy: 'subjects',
    citation: `${ART5_TIER3}；第十一条第三款`,
  },
};

/** Thresholds of 情节严重 by tier (法释〔2017〕10号 第五条第一款第三至五项). */
export const TIER_THRESHOLDS: Readonly<Record<Tier, number>> = { 1: 50, 2: 500, 3: 5000 };

export function isCategoryId(x: string): x is CategoryId {
  return (CATEGORY_IDS as readonly string[]).includes(x);
}
