/** Vectors for cn.ethnicity. Normalized `<group>族`. */
import type { RecognizerCase } from './lib/types.js';

export const VECTORS: readonly RecognizerCase[] = [
  { value: '汉', status: 'valid', normalized: '汉族', note: 'without 族' },
  { value: '汉族', status: 'valid', normalized: '汉族', note: 'with 族' },
  { value: '维吾尔', status: 'valid', normalized: '维吾尔族', note: 'three characters' },
  { value: '维族', status: 'valid', normalized: '维吾尔族', note: 'register short form' },
  { value: '柯尔克孜族', status: 'valid', normalized: '柯尔克孜族', note: 'longest name' },
  { value: '基诺族', status: 'valid', normalized: '基诺族', note: 'last group in GB/T 3304' },
  { value: ' 蒙古族 ', status: 'valid', normalized: '蒙古族', note: 'trimmed' },
  { value: '其他', status: 'nomatch', note: 'other' },
  { value: '穿青人', status: 'nomatch', note: 'not one of the 56' },
  { value: '汉人', status: 'nomatch', note: 'not the register form' },
  { value: '美国', status: 'nomatch', note: 'a country' },
  { value: '', status: 'nomatch', note: 'empty' },
];
