/**
 * @module detect/recognizers/landline
 * Mainland China fixed-line numbers (counting-rules.md §2, landline row): area code `0` + 2–3 digits, then a
 * 7–8 digit subscriber number. Area-code plan (工业和信息化部《电信网编号计划》): the 3-digit codes are 010 and
 * 020–029; every other area code has 4 digits (0[3-9]xx); `01[1-9]` and `00` are not area codes. Subscriber
 * numbers normally start with 2–9 (0 is the trunk prefix, 1 the service prefix): a 0/1 start stays valid, as
 * counting-rules.md §2 requires, with warning `subscriber_prefix`.
 * Accepted decoration: a spreadsheet text marker (leading `'`, or `="…"`), separators (space, `-`, `.`), `(010)`, `+86 10 …`/`0086 …` (area code without 0),
 * extensions after 转/分机/ext/#.
 * Normalized: `AREA-SUBSCRIBER` (e.g. `010-12345678`, `0755-1234567`), plus `-EXT` when an extension was given.
 * A bare 7–8 digit local number is `invalid` (`area_code`) in a column typed by header, nomatch otherwise.
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import { allDigits, stripSeparators, unwrapSpreadsheetText } from '../validators/digits.js';
import { hasMask } from '../validators/mask.js';
import type { PatternRecognizer } from './lib/types.js';
import { invalid, masked, nomatch, valid } from './lib/verdicts.js';

/** Extension suffix: 转801, 分机801, ext.801, ext801, #801 (1–6 digits). */
const EXTENSION = /(?:转|分机|[Ee][Xx][Tt]\.?|#) ?([0-9]{1,6})$/;
/** Separators between a country code and the number. */
const LEADING_SEPARATORS = /^[ .-]+/;
/** `(010)`-style area code at the start. */
const PAREN_AREA = /^\((0[0-9]{2,3})\) ?/;
/** Masked: starts with 0, 10–12 chars of digits and mask characters (e.g. `010-1234****`). */
const MASKED = /^0[0-9xX*×]{9,11}$/;

/** Length of the area code (with its 0) at the start of an all-digit string, or 0 when there is none. */
function areaCodeLength(s: string): number {
  if (s.charCodeAt(0) !== 0x30) return 0;
  const c1 = s.charCodeAt(1);
  if (c1 === 0x32 || (c1 === 0x31 && s.charCodeAt(2) === 0x30)) return 3; // 02x, 010
  if (c1 >= 0x33 && c1 <= 0x39) return 4; // 0[3-9]xx
  return -1; // 00…, 01[1-9]: not an area code
}

function match(raw: string, ctx: RecognizeContext): Verdict {
  const value = unwrapSpreadsheetText(raw);
  const n0 = value.length;
  if (n0 < 7 || n0 > 40) return nomatch();
  let s = value;
  let ext = '';
  const e = EXTENSION.exec(s);
  if (e !== null) {
    ext = e[1]!;
    s = s.slice(0, e.index).trimEnd();
  }
  let international = false;
  if (s.startsWith('+86') || s.startsWith('0086')) {
    s = s.slice(s.charCodeAt(0) === 0x2b ? 3 : 4).replace(LEADING_SEPARATORS, '');
    international = true;
  }
  const p = PAREN_AREA.exec(s.trimStart());
  s = p !== null ? p[1]! + s.trimStart().slice(p[0].length) : s.trimStart();
  s = stripSeparators(s);
  if (international) {
    // After +86 the area code loses its 0: 10 (Beijing), 2x, 3xx–9xx. Any other 1… is a mobile number.
    const c0 = s.charCodeAt(0);
    if (c0 === 0x30 || (c0 === 0x31 && s.charCodeAt(1) !== 0x30)) return nomatch();
    s = `0${s}`;
  }
  if (hasMask(s)) return MASKED.test(s) ? masked(s.toUpperCase(), 'landline_masked') : nomatch();
  if (!allDigits(s)) return nomatch();
  const n = s.length;
  if (s.charCodeAt(0) !== 0x30) {
    // No area code: a local number is landline-shaped only in a column typed as a phone column.
    const c0 = s.charCodeAt(0);
    return ctx.viaHeader === true && (n === 7 || n === 8) && c0 >= 0x32
      ? invalid(s, 'area_code', 'landline_local')
      : nomatch();
  }
  if (n < 9 || n > 12) return nomatch();
  const area = areaCodeLength(s);
  if (area < 0) return invalid(s, 'area_code', 'landline_cn');
  const sub = s.slice(area);
  if (sub.length < 7 || sub.length > 8) return invalid(s, 'length', 'landline_cn');
  const normalized = `${s.slice(0, area)}-${sub}`;
  const pattern = ext === '' ? 'landline_cn' : 'landline_ext';
  const key = ext === '' ? normalized : `${normalized}-${ext}`;
  // counting-rules.md §2 does not constrain the subscriber's first digit; flag 0/1 (trunk/service prefixes).
  return sub.charCodeAt(0) < 0x32 ? valid(key, pattern, undefined, 'subscriber_prefix') : valid(key, pattern);
}

export const LANDLINE: PatternRecognizer = {
  id: 'cn.landline',
  type: 'landline',
  version: '1.0.0',
  reference:
    '工业和信息化部《电信网编号计划》 (area codes 010, 02x, 0xxx; 7–8 digit subscriber numbers); counting-rules.md §2',
  headerWords: [
    '电话',
    '电话号码',
    '联系电话',
    '联系方式',
    '座机',
    '座机号',
    '固话',
    '固定电话',
    '办公电话',
    '家庭电话',
    '住宅电话',
    '单位电话',
    'gddh',
    'lxdh',
    'dh',
    'tel',
    'telephone',
    'phone',
    'phoneno',
    'landline',
    'ctel',
  ],
  headerExclude: ['手机', '移动电话', '归属地', '运营商', '验证码', 'mobile', 'cellphone', '区号'],
  contextRequired: false,
  patterns: {
    extension: EXTENSION,
    leadingSeparators: LEADING_SEPARATORS,
    parenArea: PAREN_AREA,
    masked: MASKED,
  },
  match,
};
