/**
 * @module detect/recognizers/address
 * Postal / household addresses (counting-rules.md §2, address row): Han text of at least 4 characters that
 * contains a province or large-city name (lib/places.ts, GB/T 2260 names) or an address word
 * (省 市 区 县 镇 乡 村 路 街 道 号 栋 室 小区, plus 旗 盟 州 巷 弄 胡同 大道 幢 单元 社区 大厦 花园 公寓).
 * Guards for precision: at least 2 Han characters; a single-character address word counts only after another
 * character (so "市…" at the start does not qualify); common words that merely contain an address character
 * (知道, 号码, 超市…) are blanked first. Without a place name, values alone need two address-word hits, or one
 * hit and a digit (`幸福小区5栋`, `人民路18号`) — one hit suffices only in a header-typed column (`ctx.viaHeader`),
 * so header-like cells (`小区名称`) and remarks are not addresses. Text with `*`/`×` that is otherwise an
 * address → masked.
 * Normalized: the NFKC value (no fuzzy matching, counting-rules.md §2 "Text keys").
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import { hasMaskSymbol } from '../validators/mask.js';
import { ADDRESS_FALSE_FRIENDS, ADDRESS_WORDS, CITY_NAMES, PROVINCE_NAMES } from './lib/places.js';
import type { PatternRecognizer } from './lib/types.js';
import { masked, nomatch, valid } from './lib/verdicts.js';

const HAN = /\p{Script=Han}/gu;
/** Place names, longest first so 内蒙古 wins over shorter overlaps. */
const PLACE_RE = new RegExp(
  `(?:${[...PROVINCE_NAMES, ...CITY_NAMES].sort((a, b) => b.length - a.length).join('|')})`,
  'u',
);
/** Multi-character address words anywhere; single-character words only after another character. */
const MULTI = ADDRESS_WORDS.filter((w) => w.length > 1);
const SINGLE = ADDRESS_WORDS.filter((w) => w.length === 1);
const WORD_RE = new RegExp(`(?:${MULTI.join('|')})|(?<=[\\p{Script=Han}0-9A-Za-z])[${SINGLE.join('')}]`, 'u');
const WORD_G = new RegExp(WORD_RE.source, 'gu');
const DIGIT = /[0-9]/;
const FALSE_FRIENDS_RE = new RegExp(`(?:${ADDRESS_FALSE_FRIENDS.join('|')})`, 'gu');

/** Han characters in `v`, counted up to 2. */
function hanCount(v: string): number {
  // Fast path: CJK Unified Ideographs are Han; two of them settle it without the Unicode-property regex.
  let basic = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff && ++basic >= 2) return 2;
  }
  let k = 0;
  for (const _ of v.matchAll(HAN)) {
    k++;
    if (k >= 2) return k;
  }
  return k;
}

/** Number of address-word hits, counted up to `cap`. */
function wordHits(text: string, cap: number): number {
  let k = 0;
  for (const _ of text.matchAll(WORD_G)) {
    k++;
    if (k >= cap) return k;
  }
  return k;
}

function match(value: string, ctx: RecognizeContext): Verdict {
  const n = value.length;
  if (n < 4 || n > 300) return nomatch();
  if (hanCount(value) < 2) return nomatch();
  const text = value.replace(FALSE_FRIENDS_RE, '〇〇');
  let pattern = 'address_place';
  if (!PLACE_RE.test(text)) {
    const hits = wordHits(text, 2);
    const enough = ctx.viaHeader === true ? hits >= 1 : hits >= 2 || (hits === 1 && DIGIT.test(text));
    if (!enough) return nomatch('no_address_word');
    pattern = 'address_word';
  }
  if (hasMaskSymbol(value)) return masked(value, 'address_masked');
  return valid(value, pattern);
}

export const ADDRESS: PatternRecognizer = {
  id: 'cn.address',
  type: 'address',
  version: '1.0.0',
  reference: 'GB/T 2260 administrative division names; counting-rules.md §2 address words',
  headerWords: [
    '地址',
    '住址',
    '家庭住址',
    '家庭地址',
    '户籍地址',
    '户籍所在地',
    '户口所在地',
    '现住址',
    '居住地址',
    '居住地',
    '住所',
    '收件地址',
    '收货地址',
    '通讯地址',
    '联系地址',
    '详细地址',
    '所在地',
    'dz',
    'jtzz',
    'hjdz',
    'address',
    'addr',
  ],
  headerExclude: [
    'ip地址',
    'mac地址',
    '邮箱',
    '邮件',
    '网址',
    '链接',
    '电话',
    '手机',
    '编码',
    '邮编',
    'ipaddress',
    'ipaddr',
    'macaddress',
    'emailaddress',
    'mailaddress',
    'url',
  ],
  contextRequired: false,
  patterns: {
    place: PLACE_RE,
    word: WORD_RE,
    wordGlobal: WORD_G,
    digit: DIGIT,
    falseFriends: FALSE_FRIENDS_RE,
    han: HAN,
  },
  match,
};
