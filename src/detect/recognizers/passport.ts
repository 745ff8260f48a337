/**
 * @module detect/recognizers/passport
 * PRC passports and SAR passports, format only — no public check digit exists (legal-reference.md §5.6; any-rule
 * passport pattern `^[EeKkGgDdSsPpHh]\d{8}$|^(([Ee][a-fA-F])|([DdSsPp][Ee])|([Kk][Jj])|([Mm][Aa])|(1[45]))\d{7}$`).
 * Patterns (upper-cased, no separators):
 * - `E\d{8}` ordinary e-passport; `E[A-HJ-NP-Z]\d{7}` later e-passport series (letter ≠ I/O, as in the brief);
 * - `G\d{8}` pre-2012 ordinary passport;
 * - `[DSP]E?\d{7}`, `[DSP]\d{8}` diplomatic / service / public-affairs; `1[45]\d{7}` old public-affairs;
 * - `[KH]\d{8}`, `KJ\d{7}` Hong Kong SAR; `MA\d{7}` Macao SAR.
 * A letter + digits value starting with one of these letters but of another length → invalid `length`;
 * an E-series letter I/O → invalid `format`.
 * contextRequired: a letter + 8 digits is also the shape of invoice, order and ticket numbers, so values alone
 * do not establish a passport column.
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import { hasMask } from '../validators/mask.js';
import type { PatternRecognizer } from './lib/types.js';
import { invalid, masked, nomatch, valid } from './lib/verdicts.js';

const PATTERNS: Readonly<Record<string, RegExp>> = Object.freeze({
  e_passport: /^E[0-9]{8}$/,
  e_passport_series: /^E[A-HJ-NP-Z][0-9]{7}$/,
  ordinary_g: /^G[0-9]{8}$/,
  official: /^(?:[DSP]E?[0-9]{7}|[DSP][0-9]{8})$/,
  official_numeric: /^1[45][0-9]{7}$/,
  hk_sar: /^(?:[KH][0-9]{8}|KJ[0-9]{7})$/,
  macao_sar: /^MA[0-9]{7}$/,
});
const PATTERN_LIST = Object.entries(PATTERNS);
/** Passport-shaped but wrong: a known first letter, optional second letter, 5–10 digits. */
const SHAPE = /^[EGDSPKHM][A-Z]?[0-9]{5,10}$/;
/** Masked: letters then digits and mask characters (`E12****78`). */
const MASKED = /^[A-Z]{1,2}[0-9*×X]{5,10}$/;

function match(value: string, _ctx: RecognizeContext): Verdict {
  const n = value.length;
  if (n < 7 || n > 14) return nomatch();
  const s = value.includes(' ') ? value.replaceAll(' ', '').toUpperCase() : value.toUpperCase();
  for (const [name, re] of PATTERN_LIST) if (re.test(s)) return valid(s, name);
  if (hasMask(s)) return MASKED.test(s) ? masked(s, 'passport_masked') : nomatch();
  if (SHAPE.test(s)) {
    const c1 = s.charCodeAt(1);
    const series = c1 === 0x49 || c1 === 0x4f; // I or O after E
    return invalid(s, series && s.charCodeAt(0) === 0x45 ? 'format' : 'length', 'passport');
  }
  return nomatch();
}

export const PASSPORT: PatternRecognizer = {
  id: 'cn.passport',
  type: 'passport',
  version: '1.0.0',
  reference:
    '中华人民共和国护照法; ICAO Doc 9303 document numbers; any-rule passport pattern (legal-reference.md §5.6)',
  headerWords: [
    '护照',
    '护照号',
    '护照号码',
    '护照编号',
    '证件号码',
    '证件号',
    'hz',
    'hzh',
    'hzhm',
    'zjhm',
    'passport',
    'passportno',
    'passportnumber',
    'ctfid',
  ],
  headerExclude: ['有效期', '签发', '类型', '国籍', 'expiry', 'type'],
  contextRequired: true,
  patterns: { ...PATTERNS, shape: SHAPE, masked: MASKED },
  match,
};
