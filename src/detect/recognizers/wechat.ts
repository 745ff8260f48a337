/**
 * @module detect/recognizers/wechat
 * WeChat accounts (contextRequired: a bare ID is indistinguishable from a user name without a header).
 * - WeChat ID (微信号) rules from the WeChat help centre 「微信号设置规则」: 6–20 characters of letters, digits,
 *   `_` and `-`, starting with a letter; letters are case-insensitive → normalized lower-case.
 * - System IDs `wxid_` + 4–30 lower-case letters/digits (accounts that never set a WeChat ID).
 * - Accounts bound as a mobile number (validated by the mobile recognizer, normalized to 11 digits) or a QQ
 *   number (5–11 digits not starting with 0).
 * Letters/digits/_/- values breaking the length or first-character rule → invalid `length` / `format`.
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import { allDigits } from '../validators/digits.js';
import { hasMask } from '../validators/mask.js';
import type { PatternRecognizer } from './lib/types.js';
import { invalid, masked, nomatch, valid } from './lib/verdicts.js';
import { MOBILE_RECOGNIZER } from './mobile.js';

/** 微信号: letter first, 6–20 chars of letters, digits, `_`, `-`. */
const WECHAT_ID = /^[A-Za-z][A-Za-z0-9_-]{5,19}$/;
/** System ID. */
const WXID = /^wxid_[a-z0-9]{4,30}$/i;
/** Shape of anything WeChat-ID-like, for invalid verdicts. */
const ID_CHARS = /^[A-Za-z0-9_-]{1,40}$/;
/** QQ number bound as account. */
const QQ = /^[1-9][0-9]{4,10}$/;

function match(value: string, ctx: RecognizeContext): Verdict {
  const n = value.length;
  if (n === 0 || n > 60) return nomatch();
  if (WXID.test(value)) return valid(value.toLowerCase(), 'wxid');
  if (WECHAT_ID.test(value)) return valid(value.toLowerCase(), 'wechat_id');
  if (allDigits(value) || value.startsWith('+') || value.startsWith('(')) {
    const m = MOBILE_RECOGNIZER.match(value, ctx);
    if (m.status === 'valid') return valid(m.normalized, 'wechat_mobile');
    if (m.status === 'masked') return masked(m.normalized, 'wechat_mobile');
    if (allDigits(value) && QQ.test(value)) return valid(value, 'wechat_qq');
    if (m.status === 'invalid') return invalid(m.normalized, m.reason ?? 'format', 'wechat_mobile');
  }
  if (hasMask(value)) return masked(value.toLowerCase(), 'wechat_masked');
  if (ID_CHARS.test(value)) {
    const c0 = value.charCodeAt(0) | 0x20;
    const letterFirst = c0 >= 0x61 && c0 <= 0x7a;
    return invalid(value.toLowerCase(), letterFirst ? 'length' : 'format', 'wechat_id');
  }
  return nomatch();
}

export const WECHAT: PatternRecognizer = {
  id: 'cn.wechat',
  type: 'wechat',
  version: '1.0.0',
  reference:
    'WeChat help centre 微信号设置规则 (6–20 letters/digits/_/-, letter first, case-insensitive); wxid_ system IDs',
  headerWords: [
    '微信',
    '微信号',
    '微信账号',
    '微信帐号',
    'wechat',
    'wechatid',
    'weixin',
    'wxid',
    'wx',
    'wxh',
  ],
  headerExclude: ['昵称', '头像', '支付', '群', '二维码', 'openid', 'unionid', 'nickname', 'avatar', 'pay'],
  contextRequired: true,
  patterns: { wechatId: WECHAT_ID, wxid: WXID, idChars: ID_CHARS, qq: QQ },
  match,
};
