/** Vectors for cn.plate (GA 36-2018). Made-up plates; 京AD92035 and 甘G23459F are the any-rule examples. */
import type { RecognizerCase } from './lib/types.js';

export const VECTORS: readonly RecognizerCase[] = [
  { value: '京A12345', status: 'valid', normalized: '京A12345', pattern: 'plate_ordinary', note: 'ordinary' },
  { value: '粤B·D1234', status: 'valid', normalized: '粤BD1234', note: 'middle dot dropped' },
  { value: '沪 A 1B2C3', status: 'valid', normalized: '沪A1B2C3', note: 'spaces, letters inside' },
  { value: '京a12345', status: 'valid', normalized: '京A12345', note: 'lower case' },
  { value: '京A1234挂', status: 'valid', note: 'trailer' },
  { value: '京A1234学', status: 'valid', note: 'driving school' },
  {
    value: '京AD92035',
    status: 'valid',
    pattern: 'plate_new_energy',
    warning: '',
    note: 'new energy, small',
  },
  { value: '甘G23459F', status: 'valid', pattern: 'plate_new_energy', note: 'new energy, large' },
  {
    value: '京AA12345',
    status: 'valid',
    warning: 'unverified_series',
    note: 'reported 2022 small-vehicle series',
  },
  { value: '使123456', status: 'valid', pattern: 'plate_embassy', note: 'embassy' },
  { value: '京AI2345', status: 'invalid', reason: 'format', note: 'letter I' },
  { value: '京A123456', status: 'invalid', reason: 'format', note: '8 characters, not new-energy' },
  { value: '京I12345', status: 'invalid', reason: 'format', note: 'issuing letter I' },
  { value: '京A***45', status: 'masked', reason: 'mask', note: 'masked' },
  { value: '港A12345', status: 'nomatch', note: '港 is not a province abbreviation' },
  { value: 'A12345', status: 'nomatch', note: 'no province' },
  { value: '京A12', status: 'nomatch', note: 'too short' },
  { value: '', status: 'nomatch', note: 'empty' },
];
