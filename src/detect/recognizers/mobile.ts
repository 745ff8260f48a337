/**
 * @module detect/recognizers/mobile
 * Mainland China mobile numbers (counting-rules.md §2, mobile row; legal-reference.md §5.2).
 * - Separators (space, `-`, `.`) dropped; a leading `+86`, `0086`, `(+86)` or `86` dropped when 11 digits remain.
 * - Valid: `^1(3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}$` — the project's list, the union of
 *   libphonenumber-js 1.13.16 CN mobile metadata and the any-rule "strict" regex (legal-reference.md §5.2).
 * - 11 digits starting with 1 and another prefix → invalid `prefix`; 10 or 12 digits starting with 1 → invalid
 *   `length`; 13-digit IoT numbers are not mobiles (nomatch).
 * - A spreadsheet text marker (leading `'`, or `="…"`) is removed first (validators/digits.ts).
 * - `138****5678`, `138XXXX5678` → masked; Excel `1.38001E+10` → truncated.
 * - `13800138000.0` (an intact number printed as a float by pandas/ODBC exports) → judged as the 11 digits,
 *   with warning `float_artifact`, instead of dropping the `.` as a separator (which would give 12 digits).
 * Normalized: the 11 digits, no country code.
 */
import type { RecognizeContext, Span, Verdict } from '../recognizer.js';
import {
  allDigits,
  mayBeScientific,
  scientificExponent,
  stripSeparators,
  unwrapSpreadsheetText,
} from '../validators/digits.js';
import { hasMask } from '../validators/mask.js';
import { scanWith } from './lib/scan.js';
import type { PatternRecognizer } from './lib/types.js';
import { checks, invalid, masked, nomatch, truncated, valid } from './lib/verdicts.js';

/** counting-rules.md §2 mobile prefixes. */
const MOBILE = /^1(?:3[0-9]|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8[0-9]|9[0-35-9])[0-9]{8}$/;
/** An 11-digit number printed as a float: `13800138000.0`. */
const FLOAT_ARTIFACT = /^1[0-9]{10}\.0{1,2}$/;
/** Masked: 11 chars starting with 1, digits and mask characters (e.g. `138****5678`). */
const MASKED = /^1[0-9xX*×]{10}$/;
/** Free text: 1[3-9]x then 4+4 digits (optional space/dash groups), optional +86/0086/86, outside digit runs. */
const SCAN_MOBILE = /(?<![0-9+])(?:(?:\+|00)?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])/g;
/** Free text masked: `138****5678`. */
const SCAN_MASKED = /(?<![0-9*])1[3-9][0-9][0-9*]{4}[0-9]{4}(?![0-9*])/g;

const CHECKS_OK = checks('prefix:ok');
const CHECKS_BAD = checks('prefix:fail');

/** Drop an international prefix; `strict` forms (+86, 0086, (+86)) always, bare 86 only when 11 chars remain. */
function dropCountryCode(s: string): string {
  const c0 = s.charCodeAt(0);
  if (c0 === 0x2b /* + */ && s.startsWith('+86')) return s.slice(3);
  if (c0 === 0x28 /* ( */) {
    for (const p of ['(+86)', '(0086)', '(86)']) if (s.startsWith(p)) return s.slice(p.length);
    return s;
  }
  if (s.startsWith('0086')) return s.slice(4);
  if (s.length === 13 && s.startsWith('86')) return s.slice(2);
  return s;
}

function match(raw: string, _ctx: RecognizeContext): Verdict {
  const value = unwrapSpreadsheetText(raw);
  const n0 = value.length;
  if (n0 === 0 || n0 > 30) return nomatch();
  if (mayBeScientific(value)) {
    return scientificExponent(value) === 10
      ? truncated(value.toUpperCase(), 'scientific', 'mobile_scientific')
      : nomatch();
  }
  if (n0 < 10) return nomatch();
  // `13800138000.0`: a float rendering of an intact 11-digit number (pandas/ODBC exports), not a separator.
  if (n0 >= 13 && FLOAT_ARTIFACT.test(value)) {
    const d = value.slice(0, 11);
    return MOBILE.test(d)
      ? valid(d, 'mobile_float', CHECKS_OK, 'float_artifact')
      : invalid(d, 'prefix', 'mobile_float', CHECKS_BAD);
  }
  const s = dropCountryCode(stripSeparators(value));
  if (s.charCodeAt(0) !== 0x31 /* 1 */) return nomatch();
  if (hasMask(s)) return MASKED.test(s) ? masked(s.toUpperCase(), 'mobile_masked') : nomatch();
  if (!allDigits(s)) return nomatch();
  const n = s.length;
  if (n === 11)
    return MOBILE.test(s) ? valid(s, 'mobile_cn', CHECKS_OK) : invalid(s, 'prefix', 'mobile_cn', CHECKS_BAD);
  if (n === 10 || n === 12) return invalid(s, 'length', 'mobile_cn');
  return nomatch();
}

export const MOBILE_RECOGNIZER: PatternRecognizer = {
  id: 'cn.mobile',
  type: 'mobile',
  version: '1.0.0',
  reference:
    'counting-rules.md §2 mobile prefixes (libphonenumber-js CN metadata ∪ any-rule strict); ITU-T E.164 +86',
  headerWords: [
    '手机',
    '手机号',
    '手机号码',
    '移动电话',
    '电话',
    '电话号码',
    '联系电话',
    '联系方式',
    '联系手机',
    'sjh',
    'sjhm',
    'lxdh',
    'dh',
    'mobile',
    'mobileno',
    'cellphone',
    'phone',
    'phoneno',
    'phonenumber',
    'tel',
    'msisdn',
  ],
  headerExclude: [
    '归属地',
    '运营商',
    '型号',
    '品牌',
    '串号',
    '验证码',
    'imei',
    'model',
    'brand',
    '区号',
    '分机',
  ],
  contextRequired: false,
  patterns: {
    mobile: MOBILE,
    floatArtifact: FLOAT_ARTIFACT,
    masked: MASKED,
    scanMobile: SCAN_MOBILE,
    scanMasked: SCAN_MASKED,
  },
  match,
  scan(text: string, ctx: RecognizeContext): Span[] {
    return scanWith(text, [SCAN_MOBILE, SCAN_MASKED], ctx, match);
  },
};
