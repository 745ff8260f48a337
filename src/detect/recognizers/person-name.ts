/**
 * @module detect/recognizers/person-name
 * Personal names (counting-rules.md §2, name row).
 * - Values alone: 2–4 Han characters starting with a known single or compound surname (lib/surnames.ts), or a
 *   minority/transliterated form `汉字…·汉字…` (each part ≥ 2 Han characters; separators · • ‧ ・ . are
 *   normalized to U+00B7 "·", the form used on resident ID cards).
 * - In a column typed by its header (`ctx.viaHeader`): any 2–4 Han name or ·-form; also Latin-letter names
 *   (pinyin or foreign, 1–5 words separated by space . ' / -), normalized upper-case with `/` → space.
 * - `张*`, `张**`, `*三`, `张×`, `张XX` → masked; `张某`, `张某某` (pseudonymised) → masked `pseudonym`.
 * - Surname + honorific (`张先生`, `李女士`, `王总`) → invalid `honorific`: a form of address, not a name.
 * - Header words and placeholders (`姓名`, `未知`, `不详`) → nomatch `stopword`. Without a header, place names,
 *   ethnic-group names and values ending in an address or organisation suffix are not names.
 * Normalized: the NFKC value (no fuzzy matching, counting-rules.md §2 "Text keys").
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import { ETHNIC_CANONICAL } from './lib/ethnic-groups.js';
import { CITY_NAMES, PROVINCE_NAMES } from './lib/places.js';
import { surnameLength } from './lib/surnames.js';
import type { PatternRecognizer } from './lib/types.js';
import { invalid, masked, nomatch, valid } from './lib/verdicts.js';

/** 2–4 Han characters (code points, `u` flag). */
const HAN_NAME = /^\p{Script=Han}{2,4}$/u;
/** Any run of Han characters. */
const HAN_ONLY = /^\p{Script=Han}+$/u;
/** Minority / transliterated form: Han parts of ≥ 2 joined by a middle dot (up to 4 parts). */
const DOT_NAME = /^\p{Script=Han}{2,}(?:[·•‧・.∙]\p{Script=Han}{2,}){1,3}$/u;
const DOT_SEPARATORS = /[•‧・.∙]/gu;
/** Masked: Han characters and mask characters (`*`, `×`, x/X), 2–6 chars, at least one Han. */
const MASKED = /^(?=.*\p{Script=Han})(?=.*[*×xX])[\p{Script=Han}*×xX]{2,6}$/u;
/** Pseudonymised: 某 after 0–2 Han characters (`张某`, `欧阳某`, `张某某`). */
const PSEUDONYM = /^\p{Script=Han}{0,2}某{1,2}$/u;
/** PSEUDONYM needs a 某: most values are settled without the Unicode-property regex. */
const isPseudonym = (v: string): boolean => v.includes('某') && PSEUDONYM.test(v);
/** Latin-letter name (header-typed columns only). */
const LATIN_NAME = /^[A-Za-z]+(?:[ .'/-][A-Za-z]+){0,4}$/;

const HONORIFICS: readonly string[] = [
  '先生',
  '女士',
  '小姐',
  '老师',
  '师傅',
  '经理',
  '老板',
  '阿姨',
  '同学',
  '总',
  '哥',
  '姐',
];
const STOPWORDS: ReadonlySet<string> = new Set([
  '姓名',
  '名字',
  '客户',
  '用户',
  '会员',
  '未知',
  '不详',
  '无名',
  '匿名',
  '测试',
  '其他',
  '其它',
  '本人',
  '暂无',
  '没有',
  '收件人',
  '联系人',
  '客户姓名',
  '真实姓名',
  // column headers that start with a surname character (a repeated header row is not a name)
  '金额',
  '余额',
  '时间',
  '时长',
  '经度',
  '单价',
  '费用',
  '车主',
  '户主',
  '房间',
  '年龄',
  '学历',
  '籍贯',
  '国籍',
  '邮编',
  '程度',
  '单位',
  '明细',
]);
const LATIN_STOPWORDS: ReadonlySet<string> = new Set([
  'NULL',
  'NONE',
  'NAN',
  'N/A',
  'NA',
  'TEST',
  'ADMIN',
  'UNKNOWN',
  'USER',
  'GUEST',
  'NAME',
  'ROOT',
]);
/** Value-only exclusions: names do not end like addresses or organisations. */
const NON_NAME_SUFFIX =
  /(?:省|市|区|县|镇|乡|村|路|街|号|室|栋|州|公司|银行|医院|学校|大学|酒店|宾馆|中心|集团|店|厂|局|所|部|处|站)$/u;
const PLACES: ReadonlySet<string> = new Set([...PROVINCE_NAMES, ...CITY_NAMES]);

/** Last characters of the honorifics: most names end in none of them, which settles it with one lookup. */
const HONORIFIC_ENDS: ReadonlySet<number> = new Set(HONORIFICS.map((h) => h.charCodeAt(h.length - 1)));

function honorific(v: string, viaHeader: boolean): boolean {
  if (!HONORIFIC_ENDS.has(v.charCodeAt(v.length - 1))) return false;
  for (const h of HONORIFICS) {
    if (!v.endsWith(h)) continue;
    const head = v.length - h.length;
    if (head <= 0) continue;
    const sl = surnameLength(v);
    if ((sl > 0 && sl === head) || (viaHeader && head === 1)) return true;
  }
  return false;
}

function match(value: string, ctx: RecognizeContext): Verdict {
  const n = value.length;
  if (n === 0 || n > 40) return nomatch();
  const viaHeader = ctx.viaHeader === true;
  if (STOPWORDS.has(value)) return nomatch('stopword');
  if (HAN_NAME.test(value)) {
    if (honorific(value, viaHeader)) return invalid(value, 'honorific', 'name_han');
    if (isPseudonym(value)) return masked(value, 'name_pseudonym', 'pseudonym');
    if (viaHeader) return valid(value, 'name_han');
    if (surnameLength(value) === 0) return nomatch('surname');
    if (PLACES.has(value) || ETHNIC_CANONICAL.has(value) || NON_NAME_SUFFIX.test(value))
      return nomatch('not_name');
    return valid(value, 'name_surname');
  }
  if (DOT_NAME.test(value)) {
    // String.prototype.replace resets the global regex's lastIndex itself: no state leaks between calls.
    return valid(value.replace(DOT_SEPARATORS, '·'), 'name_dot');
  }
  if (isPseudonym(value)) return masked(value, 'name_pseudonym', 'pseudonym');
  if (MASKED.test(value)) return masked(value, 'name_masked');
  if (HAN_ONLY.test(value)) return viaHeader ? invalid(value, 'length', 'name_han') : nomatch();
  if (viaHeader && n >= 2 && n <= 60 && LATIN_NAME.test(value)) {
    const upper = value.toUpperCase();
    if (LATIN_STOPWORDS.has(upper)) return nomatch('stopword');
    return valid(upper.replaceAll('/', ' '), 'name_latin');
  }
  return nomatch();
}

export const PERSON_NAME: PatternRecognizer = {
  id: 'cn.person_name',
  type: 'person_name',
  version: '1.0.0',
  reference:
    '《百家姓》 and 公安部 2020 surname frequency lists; GB 11643 ID-card name form (·); counting-rules.md §2',
  headerWords: [
    '姓名',
    '名字',
    '真实姓名',
    '客户姓名',
    '用户姓名',
    '收件人',
    '寄件人',
    '收货人',
    '联系人',
    '户主',
    '持卡人',
    '开户名',
    '户名',
    '乘客',
    '旅客',
    '住客',
    '入住人',
    '车主',
    '患者',
    '法定代表人',
    '法人代表',
    'xm',
    'name',
    'fullname',
    'realname',
    'truename',
    'customername',
    'firstname',
    'lastname',
  ],
  headerExclude: [
    '用户名',
    '昵称',
    '网名',
    '登录名',
    '账户名',
    '帐户名',
    '公司',
    '单位',
    '商品',
    '店铺',
    '电话',
    '手机',
    '号码',
    '地址',
    '身份证',
    '证件',
    '邮箱',
    'username',
    'nickname',
    'loginname',
    'accountname',
    'filename',
    'hostname',
    'domainname',
    'companyname',
    'productname',
    'goodsname',
    'shopname',
    'phone',
    'mobile',
    'address',
  ],
  contextRequired: false,
  patterns: {
    hanName: HAN_NAME,
    hanOnly: HAN_ONLY,
    dotName: DOT_NAME,
    masked: MASKED,
    pseudonym: PSEUDONYM,
    latinName: LATIN_NAME,
    nonNameSuffix: NON_NAME_SUFFIX,
  },
  match,
};
