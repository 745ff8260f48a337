/** Vectors for intl.latitude (contextRequired). */
import type { RecognizerCase } from './lib/types.js';

export const VECTORS: readonly RecognizerCase[] = [
  { value: '39.9042', status: 'valid', normalized: '39.9042', note: 'decimal degrees' },
  { value: '+39.9042', status: 'valid', normalized: '39.9042', note: 'plus sign dropped' },
  { value: '039.90', status: 'valid', normalized: '39.90', note: 'leading zero dropped, fraction kept' },
  { value: '-33.8688', status: 'valid', normalized: '-33.8688', note: 'southern' },
  { value: '33.8688S', status: 'valid', normalized: '-33.8688', note: 'S suffix' },
  { value: 'N 39.9042', status: 'valid', normalized: '39.9042', note: 'N prefix with space' },
  { value: '北纬39.9', status: 'valid', normalized: '39.9', note: 'Chinese prefix' },
  { value: '39°54′15″', status: 'valid', normalized: '39.904167', note: 'DMS' },
  { value: '90', status: 'valid', normalized: '90', note: 'pole, integer' },
  { value: '90.0001', status: 'invalid', reason: 'range', note: 'just above 90' },
  { value: '116.4E', status: 'invalid', reason: 'hemisphere', note: 'a longitude' },
  { value: '39°61′', status: 'nomatch', note: '61 minutes' },
  { value: 'abc', status: 'nomatch', note: 'text' },
  { value: '', status: 'nomatch', note: 'empty' },
];
