/** Vectors for cn.gender. Normalized 男/女. */
import type { RecognizerCase } from './lib/types.js';

export const VECTORS: readonly RecognizerCase[] = [
  { value: '男', status: 'valid', normalized: '男', note: 'Han' },
  { value: '女', status: 'valid', normalized: '女', note: 'Han' },
  { value: '女性', status: 'valid', normalized: '女', note: '女性' },
  { value: 'M', status: 'valid', normalized: '男', note: 'letter' },
  { value: 'f', status: 'valid', normalized: '女', note: 'lower-case letter' },
  { value: 'Female', status: 'valid', normalized: '女', note: 'word' },
  { value: 'ＭＡＬＥ', status: 'valid', normalized: '男', note: 'full-width' },
  {
    value: '1',
    status: 'valid',
    normalized: '男',
    viaHeader: true,
    note: 'GB/T 2261.1 code 1 in a 性别 column',
  },
  { value: '2', status: 'valid', normalized: '女', viaHeader: true, note: 'GB/T 2261.1 code 2' },
  { value: '1', status: 'nomatch', note: 'code without a header' },
  { value: '未知', status: 'nomatch', reason: 'unknown', note: 'unknown' },
  { value: '9', status: 'nomatch', reason: 'unknown', viaHeader: true, note: 'GB/T 2261.1 unstated' },
  { value: '男女', status: 'nomatch', note: 'both' },
  { value: '', status: 'nomatch', note: 'empty' },
];
