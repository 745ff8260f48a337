/**
 * @module detect/recognizers/password
 * Passwords and password hashes (contextRequired: any token can be a password; only a 密码/password header or
 * the record layout says so). Authentication data together with an account is 财产信息 when it opens a bank
 * or payment account (legal-reference.md §5.3; counting-rules.md §5 `property`).
 * - Valid: any non-empty value without white space, at most 128 characters. The pattern names hashes:
 *   `md5` (32 hex), `sha1` (40 hex), `sha256` (64 hex), `bcrypt` (`$2a$`/`$2b$`/`$2y$`, 60 chars, OpenBSD
 *   bcrypt), `crypt` (`$1$` MD5-crypt, `$5$`/`$6$` SHA-crypt), else `plain`.
 * - Only mask characters (`******`, `●●●`, `×××`) → masked. SQL/CSV null markers (`NULL`, `\N`) → nomatch.
 * - Longer than 128 → invalid `length`; containing white space → nomatch (free text).
 * Normalized: the value unchanged (case-sensitive). Mask detection is NOT the shared x/X rule: `*` is an
 * ordinary password character unless the whole value is masks.
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import type { PatternRecognizer } from './lib/types.js';
import { invalid, masked, nomatch, valid } from './lib/verdicts.js';

const HASHES: readonly (readonly [string, RegExp])[] = [
  ['md5', /^[0-9a-fA-F]{32}$/],
  ['sha1', /^[0-9a-fA-F]{40}$/],
  ['sha256', /^[0-9a-fA-F]{64}$/],
  ['bcrypt', /^\$2[abxy]?\$[0-9]{2}\$[./A-Za-z0-9]{53}$/],
  ['crypt', /^\$[156]\$[^$\s]{1,16}\$[./A-Za-z0-9]{22,86}$/],
];
const ONLY_MASKS = /^[*×●•○◆■]+$/;
const WHITESPACE = /\s/;
const NULLS: ReadonlySet<string> = new Set(['NULL', 'null', 'Null', '\\N', '(null)', 'NaN', 'undefined']);

function match(value: string, _ctx: RecognizeContext): Verdict {
  const n = value.length;
  if (n === 0) return nomatch('empty');
  if (NULLS.has(value)) return nomatch('null');
  if (WHITESPACE.test(value)) return nomatch('whitespace');
  if (n > 128) return invalid(value, 'length', 'password');
  if (ONLY_MASKS.test(value)) return masked(value, 'password_masked');
  for (const [name, re] of HASHES) if (re.test(value)) return valid(value, name);
  return valid(value, 'plain');
}

export const PASSWORD: PatternRecognizer = {
  id: 'intl.password',
  type: 'password',
  version: '1.0.0',
  reference: 'RFC 1321 (MD5), FIPS 180-4 (SHA-1/256) hex digests; OpenBSD bcrypt; glibc crypt(3) $1$/$5$/$6$',
  headerWords: [
    '密码',
    '口令',
    '登录密码',
    '支付密码',
    '交易密码',
    '取款密码',
    'mm',
    'pwd',
    'pass',
    'passwd',
    'password',
    'userpwd',
    'loginpwd',
    'pin',
  ],
  headerExclude: [
    '提示',
    '问题',
    '修改',
    '时间',
    '强度',
    'hint',
    'passport',
    'passenger',
    'question',
    'time',
    'strength',
  ],
  contextRequired: true,
  patterns: Object.fromEntries([
    ...HASHES.map(([k, v]) => [k, v]),
    ['onlyMasks', ONLY_MASKS],
    ['whitespace', WHITESPACE],
  ]),
  match,
};
