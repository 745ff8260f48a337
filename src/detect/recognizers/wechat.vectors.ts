/** Vectors for cn.wechat (contextRequired). Normalized: WeChat IDs lower-cased; bound mobiles as 11 digits. */
import type { RecognizerCase } from './lib/types.js';

export const VECTORS: readonly RecognizerCase[] = [
  {
    value: 'wxid_abc123def456',
    status: 'valid',
    normalized: 'wxid_abc123def456',
    pattern: 'wxid',
    note: 'system ID',
  },
  {
    value: 'Zhang_San-88',
    status: 'valid',
    normalized: 'zhang_san-88',
    pattern: 'wechat_id',
    note: 'letters case-insensitive',
  },
  { value: 'abcdef', status: 'valid', note: '6 characters, the minimum' },
  { value: 'a1234567890123456789', status: 'valid', note: '20 characters, the maximum' },
  {
    value: '13800138000',
    status: 'valid',
    normalized: '13800138000',
    pattern: 'wechat_mobile',
    note: 'bound mobile',
  },
  {
    value: '+86 138 0013 8000',
    status: 'valid',
    normalized: '13800138000',
    note: 'bound mobile with country code',
  },
  {
    value: '123456789',
    status: 'valid',
    normalized: '123456789',
    pattern: 'wechat_qq',
    note: 'bound QQ number',
  },
  { value: 'abcde', status: 'invalid', reason: 'length', note: '5 characters' },
  { value: 'a12345678901234567890', status: 'invalid', reason: 'length', note: '21 characters' },
  { value: '1abcdef', status: 'invalid', reason: 'format', note: 'starts with a digit' },
  { value: '_abcdef', status: 'invalid', reason: 'format', note: 'starts with _' },
  { value: '1234', status: 'invalid', reason: 'format', note: 'too short for QQ, starts with a digit' },
  { value: 'wx***88', status: 'masked', reason: 'mask', note: 'masked ID' },
  { value: '138****5678', status: 'masked', note: 'masked bound mobile' },
  { value: '张三', status: 'nomatch', note: 'Han name' },
  { value: 'abc def', status: 'nomatch', note: 'space' },
  { value: 'abc@qq.com', status: 'nomatch', note: 'e-mail' },
  { value: '', status: 'nomatch', note: 'empty' },
];
