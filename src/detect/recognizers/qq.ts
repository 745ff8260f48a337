/**
 * @module detect/recognizers/qq
 * QQ numbers (counting-rules.md §2, QQ row): 5–11 digits not starting with 0 — Tencent assigns numbers from
 * 10000 upward; the longest issued are 11 digits. Values alone cannot tell a QQ number from any other number,
 * so the type needs a header or manifest (contextRequired).
 * A spreadsheet text marker (leading `'`, or `="…"`) is removed first (validators/digits.ts).
 * Also accepted: a QQ mailbox `<number>@qq.com` / `@vip.qq.com` (normalized to the number).
 * Normalized: the digits.
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import { allDigits, unwrapSpreadsheetText } from '../validators/digits.js';
import { hasMask } from '../validators/mask.js';
import type { PatternRecognizer } from './lib/types.js';
import { invalid, masked, nomatch, valid } from './lib/verdicts.js';

/** 5–11 digits, first digit 1–9. */
const QQ = /^[1-9][0-9]{4,10}$/;
/** A QQ mailbox whose local part is the QQ number. */
const QQ_MAIL = /^([0-9]{1,20})@(?:vip\.)?qq\.com$/i;
/** Masked: digits and mask characters, 5–11 chars, at least two digits (`12****789`). */
const MASKED = /^(?=(?:[^0-9]*[0-9]){2})[0-9*×xX]{5,11}$/;

function judgeDigits(d: string, pattern: string): Verdict {
  if (QQ.test(d)) return valid(d, pattern);
  if (d.charCodeAt(0) === 0x30) return invalid(d, 'format', pattern);
  return invalid(d, 'length', pattern);
}

function match(raw: string, _ctx: RecognizeContext): Verdict {
  const value = unwrapSpreadsheetText(raw);
  const n = value.length;
  if (n === 0 || n > 40) return nomatch();
  if (allDigits(value)) return n > 20 ? nomatch() : judgeDigits(value, 'qq_number');
  const m = QQ_MAIL.exec(value);
  if (m !== null) return judgeDigits(m[1]!, 'qq_mail');
  if (hasMask(value)) return MASKED.test(value) ? masked(value.toUpperCase(), 'qq_masked') : nomatch();
  return nomatch();
}

export const QQ_RECOGNIZER: PatternRecognizer = {
  id: 'cn.qq',
  type: 'qq',
  version: '1.0.0',
  reference: 'Tencent QQ account numbering (5–11 digits from 10000); counting-rules.md §2',
  headerWords: ['qq', 'qq号', 'qq号码', 'qq账号', 'qq帐号', 'qqh', 'qqhm', 'qqnumber', 'qqno', '腾讯qq'],
  headerExclude: ['邮箱', '密码', '昵称', '群', 'email', 'mail', 'password', 'nickname'],
  contextRequired: true,
  patterns: { qq: QQ, qqMail: QQ_MAIL, masked: MASKED },
  match,
};
