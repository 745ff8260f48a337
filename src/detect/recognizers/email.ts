/**
 * @module detect/recognizers/email
 * E-mail addresses, RFC-lite (counting-rules.md §2, email row), a subset of RFC 5322 addr-spec / RFC 5321:
 * - local part: 1–64 chars of `A–Z a–z 0–9 . _ % + -`, no leading/trailing dot, no `..`;
 * - domain: 2+ labels of letters, digits and `-` (RFC 1035: 1–63 chars, no leading/trailing hyphen), total
 *   ≤ 253; top-level label 2–24 letters or an IDNA `xn--` label (RFC 5890).
 * Anything with exactly one `@`, text on both sides and no white space that fails these is invalid `format`.
 * Normalized: the whole address lower-cased (every mainstream provider — QQ, 163, Gmail — treats the local
 * part case-insensitively; counting-rules.md §4 keys must not split one mailbox in two).
 */
import type { RecognizeContext, Span, Verdict } from '../recognizer.js';
import { hasMaskSymbol } from '../validators/mask.js';
import { scanWith } from './lib/scan.js';
import type { PatternRecognizer } from './lib/types.js';
import { invalid, masked, nomatch, valid } from './lib/verdicts.js';

/** Local part (dot-atom subset). */
const LOCAL = /^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*$/;
/** Domain: labels of ≤63 chars without edge hyphens, then a letter TLD or an xn-- label. */
const DOMAIN =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{1,59})$/;
/**
 * Free text: a local part starting at a token boundary (the lookbehind keeps scanning linear), `@`, then
 * dot-separated labels; a trailing sentence dot is not included.
 */
const SCAN_EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

function match(value: string, _ctx: RecognizeContext): Verdict {
  const n = value.length;
  if (n < 3 || n > 320) return nomatch();
  const at = value.indexOf('@');
  if (at <= 0 || at === n - 1 || value.indexOf('@', at + 1) >= 0 || value.includes(' ')) return nomatch();
  if (hasMaskSymbol(value)) return masked(value.toLowerCase(), 'email_masked');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || domain.length > 253 || !LOCAL.test(local) || !DOMAIN.test(domain)) {
    return invalid(value.toLowerCase(), 'format', 'email');
  }
  return valid(value.toLowerCase(), 'email');
}

export const EMAIL: PatternRecognizer = {
  id: 'intl.email',
  type: 'email',
  version: '1.0.0',
  reference: 'RFC 5322 §3.4.1 addr-spec (dot-atom subset), RFC 5321 §4.5.3.1 length limits, RFC 1035 labels',
  headerWords: [
    '邮箱',
    '电子邮箱',
    '电子邮件',
    '邮件地址',
    '邮箱地址',
    'email',
    'mail',
    'emailaddress',
    'yx',
    'dzyx',
  ],
  headerExclude: ['密码', '验证码', '状态', '是否', 'password', 'verified'],
  contextRequired: false,
  patterns: { local: LOCAL, domain: DOMAIN, scanEmail: SCAN_EMAIL },
  match,
  scan(text: string, ctx: RecognizeContext): Span[] {
    return scanWith(text, [SCAN_EMAIL], ctx, match);
  },
};
