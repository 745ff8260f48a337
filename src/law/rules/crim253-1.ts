/**
 * @module law/rules/crim253-1
 * Criminal Law Art. 253-1 (as amended by 刑法修正案（九）): the two penalty bands, the insider
 * aggravation, obtaining-only conduct and unit crime; plus the general-part provisions the
 * assessment mentions (accessories). Source: legal-reference.md §1.
 */
import type { RuleRowInput } from '../schema.js';
import { CRIM_253_1, CRIM_253_1_IN_FORCE, CRIM_GENERAL, CRIM_GENERAL_IN_FORCE } from './sources.js';

const base = { version: 1, ...CRIM_253_1_IN_FORCE } as const;

/** Caveats every penalty statement carries (legal-reference.md §1, practical notes). */
const PENALTY_CAVEATS = [
  '从犯应当从轻、减轻处罚或者免除处罚（刑法第二十七条），故“情节特别严重”案件的从犯可能被判处三年以下（如指导性案例194号中的22个月、10个月）；不能以刑期低于三年反推“情节严重”。',
  '缓刑只适用于被判处拘役或者三年以下有期徒刑的（刑法第七十二条），因此恰好三年的“情节特别严重”判决仍可能宣告缓刑（如指导性案例192号）。',
];

export const CRIM_253_1_ROWS: readonly RuleRowInput[] = [
  {
    ...base,
    id: 'crim.art253-1.p1.serious',
    kind: 'penalty',
    band: 'serious',
    imprisonment_months: { min: 0, max: 36 },
    criminal_detention: true,
    fine: 'optional_or_sole',
    text: '处三年以下有期徒刑或者拘役，并处或者单处罚金',
    notes: PENALTY_CAVEATS,
    citation: {
      ...CRIM_253_1,
      paragraph: '第一款',
      quote: '处三年以下有期徒刑或者拘役，并处或者单处罚金',
      summary: '情节严重的，处三年以下有期徒刑或者拘役，并处或者单处罚金。',
    },
  },
  {
    ...base,
    id: 'crim.art253-1.p1.especially-serious',
    kind: 'penalty',
    band: 'especially_serious',
    imprisonment_months: { min: 36, max: 84 },
    criminal_detention: false,
    fine: 'mandatory',
    text: '处三年以上七年以下有期徒刑，并处罚金',
    notes: PENALTY_CAVEATS,
    citation: {
      ...CRIM_253_1,
      paragraph: '第一款',
      quote: '处三年以上七年以下有期徒刑，并处罚金',
      summary: '情节特别严重的，处三年以上七年以下有期徒刑，并处罚金。',
    },
  },
  {
    ...base,
    id: 'crim.art253-1.p2',
    kind: 'aggravation',
    label: '履职或者提供服务中获得的信息出售、提供给他人：从重处罚',
    text: '将在履行职责或者提供服务过程中获得的公民个人信息出售或者提供给他人，依照第一款的规定从重处罚（适用于信息的获取方式，而非职务名称）。',
    conditions: [
      { test: 'fact', fact: 'insider', equals: true },
      { test: 'fact', fact: 'sold_or_provided', equals: true },
    ],
    citation: {
      ...CRIM_253_1,
      paragraph: '第二款',
      quote: '依照前款的规定从重处罚',
      summary: '将在履行职责或者提供服务过程中获得的公民个人信息出售或者提供给他人的，从重处罚。',
    },
  },
  {
    ...base,
    id: 'crim.art253-1.p3',
    kind: 'note',
    label: '仅非法获取：依照第一款处罚',
    text: '未陈述出售或者提供；窃取或者以其他方法非法获取公民个人信息的，依照第一款的规定处罚，档位标准相同。',
    conditions: [{ test: 'fact', fact: 'sold_or_provided', equals: false }],
    citation: {
      ...CRIM_253_1,
      paragraph: '第三款',
      quote: '窃取或者以其他方法非法获取公民个人信息的，依照第一款的规定处罚',
      summary: '非法获取与出售、提供同样处罚。',
    },
  },
  {
    ...base,
    id: 'crim.art253-1.p4',
    kind: 'note',
    label: '单位犯罪：对单位判处罚金并处罚责任人员',
    text: '单位犯本罪的，对单位判处罚金，并对其直接负责的主管人员和其他直接责任人员依照各该款的规定处罚。',
    conditions: [
      { test: 'fact', fact: 'unit', equals: true },
      { test: 'fact', fact: 'unit_mainly_for_crime', equals: false },
    ],
    citation: {
      ...CRIM_253_1,
      paragraph: '第四款',
      quote: null,
      summary: '单位犯罪：单位罚金，直接负责的主管人员和其他直接责任人员依前三款处罚。',
    },
  },
  {
    version: 1,
    ...CRIM_GENERAL_IN_FORCE,
    id: 'crim.art27',
    kind: 'mitigation',
    label: '从犯',
    text: '从犯应当从轻、减轻处罚或者免除处罚；档位本身不因从犯身份改变，但刑期可低于该档下限。',
    conditions: [{ test: 'fact', fact: 'accessory', equals: true }],
    citation: {
      ...CRIM_GENERAL,
      article: '第二十七条',
      quote: null,
      summary: '对于从犯，应当从轻、减轻处罚或者免除处罚。',
    },
  },
];
