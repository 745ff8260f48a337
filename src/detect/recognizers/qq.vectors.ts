/** Vectors for cn.qq (contextRequired). Normalized: the digits. */
import type { RecognizerCase } from './lib/types.js';

export const VECTORS: readonly RecognizerCase[] = [
  { value: '10000', status: 'valid', normalized: '10000', note: 'lowest 5-digit number' },
  { value: '123456789', status: 'valid', note: '9 digits' },
  { value: '12345678901', status: 'valid', note: '11 digits' },
  { value: '１２３４５６７８', status: 'valid', normalized: '12345678', note: 'full-width' },
  { value: "'12345678", status: 'valid', normalized: '12345678', note: 'leading apostrophe' },
  { value: '12345@qq.com', status: 'valid', normalized: '12345', pattern: 'qq_mail', note: 'QQ mailbox' },
  {
    value: '123456789@VIP.QQ.COM',
    status: 'valid',
    normalized: '123456789',
    note: 'vip mailbox, upper case',
  },
  { value: '1234', status: 'invalid', reason: 'length', note: '4 digits' },
  { value: '123456789012', status: 'invalid', reason: 'length', note: '12 digits' },
  { value: '012345', status: 'invalid', reason: 'format', note: 'leading zero' },
  { value: '012345@qq.com', status: 'invalid', reason: 'format', note: 'leading zero in a QQ mailbox' },
  { value: '12***89', status: 'masked', reason: 'mask', note: 'masked' },
  { value: 'abc', status: 'nomatch', note: 'letters' },
  { value: 'abc@qq.com', status: 'nomatch', note: 'a QQ mailbox with a name, not a number' },
  { value: '123 456', status: 'nomatch', note: 'space inside' },
  { value: '', status: 'nomatch', note: 'empty' },
];
