/** Vectors for intl.email. Normalized form: the whole address lower-cased. */
import type { RecognizerCase, ScanCase } from './lib/types.js';

export const VECTORS: readonly RecognizerCase[] = [
  { value: 'abc@qq.com', status: 'valid', normalized: 'abc@qq.com', note: 'plain' },
  { value: 'Zhang.San@QQ.COM', status: 'valid', normalized: 'zhang.san@qq.com', note: 'lower-cased' },
  {
    value: 'ａｂｃ＠ｑｑ．ｃｏｍ',
    status: 'valid',
    normalized: 'abc@qq.com',
    note: 'full-width through NFKC',
  },
  { value: '12345@qq.com', status: 'valid', note: 'QQ mailbox' },
  { value: 'user+tag@mail.example.com.cn', status: 'valid', note: 'plus tag, four labels' },
  { value: 'a_b-c%d@sub-domain.example.org', status: 'valid', note: 'allowed symbols' },
  { value: 'user@example.xn--fiqs8s', status: 'valid', note: 'IDNA top-level label' },
  { value: 'a@b.c', status: 'invalid', reason: 'format', note: 'one-letter top-level domain' },
  { value: 'abc@qq', status: 'invalid', reason: 'format', note: 'no top-level domain' },
  { value: '.abc@qq.com', status: 'invalid', reason: 'format', note: 'leading dot' },
  { value: 'a..b@qq.com', status: 'invalid', reason: 'format', note: 'double dot' },
  { value: 'abc@-qq.com', status: 'invalid', reason: 'format', note: 'label starting with hyphen' },
  { value: 'abc@qq..com', status: 'invalid', reason: 'format', note: 'empty label' },
  {
    value: '张三@qq.com',
    status: 'invalid',
    reason: 'format',
    normalized: '张三@qq.com',
    note: 'Han local part',
  },
  { value: 'abc***@qq.com', status: 'masked', reason: 'mask', note: 'masked local part' },
  { value: 'a****@163.com', status: 'masked', note: 'masked' },
  { value: 'abc@@qq.com', status: 'nomatch', note: 'two @' },
  { value: 'abc qq.com', status: 'nomatch', note: 'no @' },
  { value: 'abc @qq.com', status: 'nomatch', note: 'space' },
  { value: '@qq.com', status: 'nomatch', note: 'empty local part' },
  { value: 'abc@', status: 'nomatch', note: 'empty domain' },
  { value: '', status: 'nomatch', note: 'empty' },
];

export const SCAN_VECTORS: readonly ScanCase[] = [
  { text: '联系abc@qq.com。', found: [{ value: 'abc@qq.com', status: 'valid' }], note: 'Han around' },
  {
    text: '邮箱：Zhang.San@QQ.com, thanks.',
    found: [{ value: 'Zhang.San@QQ.com', status: 'valid', normalized: 'zhang.san@qq.com' }],
    note: 'sentence punctuation not included',
  },
  { text: 'mail me at a@b', found: [], note: 'no top-level domain' },
  {
    text: 'a@x.cn;b@y.com',
    found: [
      { value: 'a@x.cn', status: 'valid' },
      { value: 'b@y.com', status: 'valid' },
    ],
    note: 'two addresses',
  },
];
