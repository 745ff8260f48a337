/** Vectors for intl.coordinates. Normalized `lat,lng`. */
import type { RecognizerCase } from './lib/types.js';

export const VECTORS: readonly RecognizerCase[] = [
  {
    value: '39.9042,116.4074',
    status: 'valid',
    normalized: '39.9042,116.4074',
    warning: '',
    note: 'lat,lng in China',
  },
  {
    value: '116.4074,39.9042',
    status: 'valid',
    normalized: '39.9042,116.4074',
    note: 'lng,lat swapped back',
  },
  { value: '39.9042, 116.4074', status: 'valid', normalized: '39.9042,116.4074', note: 'space after comma' },
  {
    value: '３９．９０４２，１１６．４０７４',
    status: 'valid',
    normalized: '39.9042,116.4074',
    note: 'full-width',
  },
  { value: '39.9042 116.4074', status: 'valid', normalized: '39.9042,116.4074', note: 'space separated' },
  { value: '22.543096;114.057865', status: 'valid', normalized: '22.543096,114.057865', note: 'semicolon' },
  {
    value: 'N39.9042,E116.4074',
    status: 'valid',
    normalized: '39.9042,116.4074',
    note: 'hemisphere letters',
  },
  {
    value: '116.4074E,39.9042N',
    status: 'valid',
    normalized: '39.9042,116.4074',
    note: 'hemisphere letters decide the order',
  },
  {
    value: '北纬39.9042,东经116.4074',
    status: 'valid',
    normalized: '39.9042,116.4074',
    note: 'Chinese prefixes',
  },
  { value: '39°54′15″N 116°24′27″E', status: 'valid', normalized: '39.904167,116.407500', note: 'DMS' },
  {
    value: '40.7128,-74.0060',
    status: 'valid',
    normalized: '40.7128,-74.0060',
    warning: 'outside_china',
    note: 'New York',
  },
  { value: '-33.8688,151.2093', status: 'valid', warning: 'outside_china', note: 'Sydney' },
  { value: '0.000000,0.000000', status: 'invalid', reason: 'null_island', note: 'GPS fix failure' },
  { value: '95.5,200.5', status: 'invalid', reason: 'range', note: 'out of range' },
  { value: '39.9N,40.1N', status: 'invalid', reason: 'hemisphere', note: 'two latitudes' },
  { value: '39,116', status: 'nomatch', note: 'integers are not coordinate-shaped' },
  { value: '39.9042', status: 'nomatch', note: 'one number' },
  { value: '1.5,2.5,3.5', status: 'nomatch', note: 'three numbers' },
  { value: 'abc,def', status: 'nomatch', note: 'text' },
  { value: '', status: 'nomatch', note: 'empty' },
];
