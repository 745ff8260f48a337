/**
 * Vectors for cn.resident_id. All numbers are synthetic (standard samples or built from made-up bodies); check
 * characters were computed with validators/gb11643.ts and several re-derived by hand in the comments.
 * Analysis date 2024-06-30 unless a vector says otherwise.
 */
import type { RecognizerCase, ScanCase } from './lib/types.js';

export const VECTORS: readonly RecognizerCase[] = [
  // valid 18-digit
  {
    value: '11010519491231002X',
    status: 'valid',
    normalized: '11010519491231002X',
    pattern: 'id18',
    note: 'GB 11643 sample',
  },
  { value: '53010219200508011X', status: 'valid', normalized: '53010219200508011X', note: 'sample, Yunnan' },
  {
    value: '11010519491231002x',
    status: 'valid',
    normalized: '11010519491231002X',
    note: 'lower-case x upper-cased',
  },
  {
    value: '１１０１０５１９４９１２３１００２Ｘ',
    status: 'valid',
    normalized: '11010519491231002X',
    note: 'full-width digits and X, through normalizeText',
  },
  { value: '110105 19491231 002X', status: 'valid', normalized: '11010519491231002X', note: 'spaces inside' },
  { value: '110105-19491231-002X', status: 'valid', normalized: '11010519491231002X', note: 'dashes inside' },
  { value: '320106198001011233', status: 'valid', normalized: '320106198001011233', note: 'check digit 3' },
  { value: '830000199001010012', status: 'valid', note: 'province 83 (Taiwan residents residence permit)' },
  { value: '810000198505050028', status: 'valid', note: 'province 81 (Hong Kong)' },
  {
    value: '110103198001010013',
    status: 'valid',
    note: 'abolished county code 110103 (崇文区, merged 2010) is not invalid: only the province is checked',
  },
  // boundary dates; 110101190001010014: S = 7+9+5+4+2+9+9+5+2 = 52, 52 mod 11 = 8 → '4'
  { value: '110101190001010014', status: 'valid', note: 'birth 1900-01-01, the first accepted day' },
  {
    value: '11010118991231001X',
    status: 'invalid',
    reason: 'birth_date',
    note: 'birth 1899-12-31, one day early',
  },
  {
    value: '440524188001010014',
    status: 'invalid',
    reason: 'birth_date',
    normalized: '440524188001010014',
    note: 'GB 11643 sample with a correct check digit but born 1880',
  },
  { value: '110101202406300015', status: 'valid', note: 'born on the analysis date itself' },
  // 11010120240701001X: S = 123, 123 mod 11 = 2 → 'X'
  {
    value: '11010120240701001X',
    status: 'invalid',
    reason: 'birth_date',
    note: 'born the day after the analysis date',
  },
  {
    value: '11010120240701001X',
    status: 'valid',
    analysisDate: '2024-07-01',
    note: 'same number is valid once the analysis date reaches it',
  },
  { value: '110101200002290018', status: 'valid', note: '2000-02-29: leap year (divisible by 400)' },
  { value: '110101202402290016', status: 'valid', note: '2024-02-29: leap year' },
  {
    value: '110101190002290011',
    status: 'invalid',
    reason: 'birth_date',
    note: '1900-02-29: 1900 is not a leap year',
  },
  { value: '110101202302290019', status: 'invalid', reason: 'birth_date', note: '2023-02-29 does not exist' },
  {
    value: '110105194913310013',
    status: 'invalid',
    reason: 'birth_date',
    note: 'month 13 (check digit correct)',
  },
  // check digit and province
  {
    value: '110105194912310021',
    status: 'invalid',
    reason: 'check_digit',
    normalized: '110105194912310021',
    note: 'wrong check digit (X expected)',
  },
  { value: '110105194912310011', status: 'valid', note: 'sequence 001, check digit 1' },
  {
    value: '110105194912310012',
    status: 'invalid',
    reason: 'check_digit',
    note: 'neighbour of a valid number',
  },
  {
    value: '990105194912310023',
    status: 'invalid',
    reason: 'province',
    note: 'province 99 does not exist (check digit correct)',
  },
  {
    value: '000105194912310024',
    status: 'invalid',
    reason: 'province',
    note: 'province 00 (check digit correct)',
  },
  {
    value: '160105194912310029',
    status: 'invalid',
    reason: 'province',
    note: 'province 16 is not assigned (check digit correct)',
  },
  // 15-digit first generation
  {
    value: '110105491231002',
    status: 'valid',
    normalized: '11010519491231002X',
    pattern: 'id15',
    note: '15 → 18 upgrade of the GB 11643 sample',
  },
  {
    value: '440524800101001',
    status: 'valid',
    normalized: '440524198001010013',
    note: '15 → 18, check digit 3',
  },
  {
    value: '１１０１０５４９１２３１００２',
    status: 'valid',
    normalized: '11010519491231002X',
    note: 'full-width 15-digit',
  },
  { value: '110105490231002', status: 'invalid', reason: 'birth_date', note: '15-digit with 1949-02-31' },
  { value: '990105491231002', status: 'invalid', reason: 'province', note: '15-digit with province 99' },
  {
    value: '11010549123100X',
    status: 'invalid',
    reason: 'format',
    note: '15 characters ending in X: first generation has no check char',
  },
  // length
  { value: '11010519491231002', status: 'invalid', reason: 'length', note: '17 digits (check digit lost)' },
  { value: '1101051949123100', status: 'invalid', reason: 'length', note: '16 digits' },
  { value: '110105194912310021X', status: 'invalid', reason: 'length', note: '19 characters' },
  { value: '11010519491231', status: 'invalid', reason: 'length', note: '14 digits' },
  { value: '1101051949123', status: 'nomatch', note: '13 digits: not ID-shaped' },
  { value: '11010519491231002X12', status: 'nomatch', note: '20 characters' },
  { value: '110105X9491231002X', status: 'nomatch', note: 'X inside the number' },
  {
    value: "'11010519491231002X",
    status: 'valid',
    normalized: '11010519491231002X',
    note: 'leading apostrophe text marker',
  },
  {
    value: '="11010519491231002X"',
    status: 'valid',
    normalized: '11010519491231002X',
    note: '="…" text marker',
  },
  {
    value: '="110105491231002"',
    status: 'valid',
    normalized: '11010519491231002X',
    note: '="…" around a 15-digit ID',
  },
  // spreadsheet damage
  { value: '1.10101E+17', status: 'truncated', reason: 'scientific', note: 'Excel scientific notation' },
  { value: '4.40301e+17', status: 'truncated', reason: 'scientific', note: 'lower-case e' },
  {
    value: '1.10105E+14',
    status: 'truncated',
    reason: 'scientific',
    note: '15-digit ID in scientific notation',
  },
  { value: '1.5E+05', status: 'nomatch', note: 'small number in scientific notation' },
  {
    value: '110105194912310000',
    status: 'truncated',
    reason: 'precision',
    note: '15 significant digits kept, check digit fails',
  },
  // masks
  { value: '110101********123X', status: 'masked', reason: 'mask', note: 'eight stars' },
  { value: '1101011990****1234', status: 'masked', note: 'stars in the birth date' },
  { value: '110101XXXXXXXX123X', status: 'masked', note: 'run of X as mask' },
  { value: '110101＊＊＊＊＊＊＊＊123X', status: 'masked', note: 'full-width stars' },
  { value: '1101**********7578', status: 'masked', note: 'ten stars' },
  { value: '110101××××××××123X', status: 'masked', note: 'multiplication signs' },
  { value: '1101051949123100XX', status: 'masked', note: 'two final X are a mask, not a check character' },
  // not IDs
  { value: '', status: 'nomatch', note: 'empty' },
  { value: '张三', status: 'nomatch', note: 'a name' },
  { value: '13800138000', status: 'nomatch', note: 'a mobile number' },
  {
    value: 'ID11010519491231002X',
    status: 'nomatch',
    note: 'a cell holds the value only: prefix text is not stripped',
  },
];

export const SCAN_VECTORS: readonly ScanCase[] = [
  {
    text: '身份证号11010519491231002X,手机13800138000',
    found: [{ value: '11010519491231002X', status: 'valid', normalized: '11010519491231002X' }],
    note: 'ID after Han text, mobile ignored',
  },
  {
    text: '订单号12110105194912310021结束',
    found: [],
    note: '20-digit run holds an 18-digit ID inside: nothing',
  },
  { text: '流水1101051949123100211', found: [], note: '19-digit run: nothing' },
  {
    text: 'old:110105491231002 new',
    found: [{ value: '110105491231002', status: 'valid', normalized: '11010519491231002X' }],
    note: '15-digit ID upgraded',
  },
  {
    text: 'a11010519491231002xb',
    found: [{ value: '11010519491231002x', status: 'valid', normalized: '11010519491231002X' }],
    note: 'letters around are fine, lower-case x',
  },
  {
    text: '证件110101********123X已脱敏',
    found: [{ value: '110101********123X', status: 'masked' }],
    note: 'masked ID in text',
  },
  {
    text: '110105194912310021;11010519491231002X',
    found: [
      { value: '110105194912310021', status: 'invalid' },
      { value: '11010519491231002X', status: 'valid' },
    ],
    note: 'two candidates, one with a wrong check digit',
  },
];
