/** Vectors for cn.passport (contextRequired). Synthetic numbers; normalized upper-case without spaces. */
import type { RecognizerCase } from './lib/types.js';

export const VECTORS: readonly RecognizerCase[] = [
  { value: 'E12345678', status: 'valid', normalized: 'E12345678', pattern: 'e_passport', note: 'e-passport' },
  { value: 'e12345678', status: 'valid', normalized: 'E12345678', note: 'lower case' },
  { value: 'Ｅ１２３４５６７８', status: 'valid', normalized: 'E12345678', note: 'full-width' },
  { value: 'EA1234567', status: 'valid', pattern: 'e_passport_series', note: 'E + letter + 7 digits' },
  { value: 'G12345678', status: 'valid', pattern: 'ordinary_g', note: 'pre-2012 ordinary' },
  { value: 'D1234567', status: 'valid', pattern: 'official', note: 'diplomatic, 7 digits' },
  { value: 'SE1234567', status: 'valid', pattern: 'official', note: 'service, SE series' },
  { value: 'P12345678', status: 'valid', pattern: 'official', note: 'public affairs, 8 digits' },
  { value: '141234567', status: 'valid', pattern: 'official_numeric', note: 'old public-affairs 14 prefix' },
  { value: 'K12345678', status: 'valid', pattern: 'hk_sar', note: 'Hong Kong SAR' },
  { value: 'KJ1234567', status: 'valid', pattern: 'hk_sar', note: 'Hong Kong SAR KJ' },
  { value: 'MA1234567', status: 'valid', pattern: 'macao_sar', note: 'Macao SAR' },
  { value: 'E 1234 5678', status: 'valid', normalized: 'E12345678', note: 'spaces dropped' },
  { value: 'EI1234567', status: 'invalid', reason: 'format', note: 'E series letter I is not used' },
  { value: 'EO1234567', status: 'invalid', reason: 'format', note: 'E series letter O is not used' },
  { value: 'E1234567', status: 'invalid', reason: 'length', note: 'E + 7 digits' },
  { value: 'E123456789', status: 'invalid', reason: 'length', note: 'E + 9 digits' },
  { value: 'G1234567', status: 'invalid', reason: 'length', note: 'G + 7 digits' },
  { value: 'E12****78', status: 'masked', reason: 'mask', note: 'masked' },
  { value: 'A12345678', status: 'nomatch', note: 'unknown first letter' },
  { value: '12345678', status: 'nomatch', note: 'digits only' },
  { value: 'E12345678X', status: 'nomatch', note: 'trailing letter' },
  { value: '', status: 'nomatch', note: 'empty' },
];
