/** Vectors for intl.longitude (contextRequired). */
import type { RecognizerCase } from './lib/types.js';

export const VECTORS: readonly RecognizerCase[] = [
  { value: '116.4074', status: 'valid', normalized: '116.4074', note: 'decimal degrees' },
  { value: '-74.006', status: 'valid', normalized: '-74.006', note: 'western' },
  { value: '74.006W', status: 'valid', normalized: '-74.006', note: 'W suffix' },
  { value: '东经116.4074', status: 'valid', normalized: '116.4074', note: 'Chinese prefix' },
  { value: '180', status: 'valid', normalized: '180', note: 'antimeridian' },
  { value: '116°24′27″E', status: 'valid', normalized: '116.407500', note: 'DMS' },
  { value: '181.0', status: 'invalid', reason: 'range', note: 'above 180' },
  { value: '39.9N', status: 'invalid', reason: 'hemisphere', note: 'a latitude' },
  { value: '1160.5', status: 'nomatch', note: '4 integer digits' },
  { value: 'abc', status: 'nomatch', note: 'text' },
  { value: '', status: 'nomatch', note: 'empty' },
];
