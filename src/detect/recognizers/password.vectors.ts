/** Vectors for intl.password (contextRequired). Normalized: the value unchanged. */
import type { RecognizerCase } from './lib/types.js';

export const VECTORS: readonly RecognizerCase[] = [
  { value: 'pa55word', status: 'valid', normalized: 'pa55word', pattern: 'plain', note: 'plain' },
  { value: '123456', status: 'valid', pattern: 'plain', note: 'digits' },
  {
    value: 'abc*123',
    status: 'valid',
    normalized: 'abc*123',
    note: 'a star inside a password is a character, not a mask',
  },
  { value: 'e10adc3949ba59abbe56e057f20f883e', status: 'valid', pattern: 'md5', note: 'MD5 of 123456' },
  {
    value: '7c4a8d09ca3762af61e59520943dc26494f8941b',
    status: 'valid',
    pattern: 'sha1',
    note: 'SHA-1 of 123456',
  },
  {
    value: '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy',
    status: 'valid',
    pattern: 'bcrypt',
    note: 'bcrypt',
  },
  { value: '******', status: 'masked', reason: 'mask', note: 'only stars' },
  { value: '●●●●●●', status: 'masked', note: 'only dots' },
  { value: 'x'.repeat(129), status: 'invalid', reason: 'length', note: '129 characters' },
  { value: 'NULL', status: 'nomatch', reason: 'null', note: 'SQL null' },
  { value: '\\N', status: 'nomatch', reason: 'null', note: 'MySQL dump null' },
  { value: 'pass word', status: 'nomatch', reason: 'whitespace', note: 'white space' },
  { value: '', status: 'nomatch', reason: 'empty', note: 'empty' },
];
