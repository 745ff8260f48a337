/**
 * @module detect/recognizers/bank-card
 * Payment card numbers (counting-rules.md §2, bank card row; legal-reference.md §5.3).
 * - 15–19 digits (separators dropped) starting 3–6 (ISO/IEC 7812 major industry identifiers 3 travel/
 *   entertainment, 4–5 banking, 6 merchandising/banking incl. UnionPay 62) and passing Luhn → valid.
 * - Luhn failure with UnionPay prefix 62 → valid with warning `luhn` (some issuers' cards do not carry a Luhn
 *   digit: legal-reference.md §5.3); other Luhn failures → invalid `luhn`; 15–19 digits with another first
 *   digit → invalid `prefix`.
 * - A spreadsheet text marker (leading `'`, or `="…"`) is removed first (validators/digits.ts).
 * - Excel damage: `6.22202E+18` → truncated `scientific`; 17+ digits with zeros from the 16th digit on and a
 *   failing Luhn → truncated `precision` (15 significant digits kept).
 * Normalized: digits only.
 */
import type { RecognizeContext, Span, Verdict } from '../recognizer.js';
import {
  allDigits,
  looksPrecisionTruncated,
  mayBeScientific,
  scientificExponent,
  stripSeparators,
  unwrapSpreadsheetText,
} from '../validators/digits.js';
import { luhnValid } from '../validators/luhn.js';
import { hasMask } from '../validators/mask.js';
import { scanWith } from './lib/scan.js';
import type { PatternRecognizer } from './lib/types.js';
import { checks, invalid, masked, nomatch, truncated, valid } from './lib/verdicts.js';

/** Masked: first digit 3–6, 12–19 chars of digits and mask characters (`6222 **** **** 1234`). */
const MASKED = /^[3-6][0-9xX*×]{11,18}$/;
/** Free text: 15–19 digits starting 3–6, contiguous or in groups of 4 separated by one space/dash. */
const SCAN_CARD = /(?<![0-9])[3-6][0-9]{3}(?:[ -]?[0-9]{4}){2}[ -]?[0-9]{3,4}(?:[ -]?[0-9]{1,3})?(?![0-9])/g;

const LUHN_OK = checks('luhn:ok');
const LUHN_FAIL = checks('luhn:fail');

/** Brand pattern name from the first digits (ISO/IEC 7812 IIN ranges; UnionPay 62). */
function brand(d: string): string {
  if (d.startsWith('62')) return 'unionpay';
  switch (d.charCodeAt(0)) {
    case 0x33:
      return 'card_3';
    case 0x34:
      return 'card_4';
    case 0x35:
      return 'card_5';
    default:
      return 'card_6';
  }
}

function match(raw: string, _ctx: RecognizeContext): Verdict {
  const value = unwrapSpreadsheetText(raw);
  const n0 = value.length;
  if (n0 === 0 || n0 > 40) return nomatch();
  if (mayBeScientific(value)) {
    const exp = scientificExponent(value);
    const c0 = value.charCodeAt(0);
    return exp >= 14 && exp <= 18 && c0 >= 0x33 && c0 <= 0x36
      ? truncated(value.toUpperCase(), 'scientific', 'card_scientific')
      : nomatch();
  }
  if (n0 < 12) return nomatch();
  const s = stripSeparators(value);
  if (hasMask(s)) return MASKED.test(s) ? masked(s.toUpperCase(), 'card_masked') : nomatch();
  const n = s.length;
  if (n < 15 || n > 19 || !allDigits(s)) return nomatch();
  const c0 = s.charCodeAt(0);
  if (c0 < 0x33 || c0 > 0x36) return invalid(s, 'prefix', 'card');
  const pattern = brand(s);
  if (luhnValid(s)) return valid(s, pattern, LUHN_OK);
  if (n >= 17 && looksPrecisionTruncated(s)) return truncated(s, 'precision', pattern);
  if (pattern === 'unionpay') return valid(s, pattern, LUHN_FAIL, 'luhn');
  return invalid(s, 'luhn', pattern, LUHN_FAIL);
}

export const BANK_CARD: PatternRecognizer = {
  id: 'cn.bank_card',
  type: 'bank_card',
  version: '1.0.0',
  reference: 'ISO/IEC 7812-1 (IIN, Luhn mod 10); UnionPay 62 BIN; counting-rules.md §2',
  headerWords: [
    '银行卡',
    '银行卡号',
    '卡号',
    '银行账号',
    '银行帐号',
    '账号',
    '帐号',
    '账户',
    '帐户',
    '开户账号',
    '收款账号',
    '借记卡',
    '信用卡',
    '信用卡号',
    'yhkh',
    'yhzh',
    'kh',
    'cardno',
    'cardnumber',
    'bankcard',
    'bankcardno',
    'bankaccount',
    'accountno',
    'acctno',
  ],
  headerExclude: [
    '微信',
    'qq账号',
    'qq帐号',
    '支付宝',
    '游戏',
    '用户',
    '登录',
    '平台',
    '会员',
    '邮箱',
    '密码',
    '名称',
    '户名',
    '开户行',
    '开户银行',
    '类型',
    '余额',
    '有效期',
    'wechat',
    'password',
    'username',
  ],
  contextRequired: false,
  patterns: { masked: MASKED, scanCard: SCAN_CARD },
  match,
  scan(text: string, ctx: RecognizeContext): Span[] {
    return scanWith(text, [SCAN_CARD], ctx, match);
  },
};
