/**
 * Vectors for cn.bank_card. Synthetic numbers: Luhn digits computed with validators/luhn.ts; the Visa,
 * Mastercard and AmEx numbers are the card networks' public test numbers.
 * 6222020200000000006 by hand: doubled digits 2,2,2,2 (→4 each) + undoubled 6,2 → 6+4+2+4+4+4 = 24 → check 6.
 */
import type { RecognizerCase, ScanCase } from './lib/types.js';

export const VECTORS: readonly RecognizerCase[] = [
  {
    value: '6222020200000000006',
    status: 'valid',
    normalized: '6222020200000000006',
    pattern: 'unionpay',
    warning: '',
    note: '19-digit UnionPay',
  },
  {
    value: '6222 0202 0000 0000 006',
    status: 'valid',
    normalized: '6222020200000000006',
    note: 'groups of four',
  },
  { value: '6222-0202-0000-0000-006', status: 'valid', normalized: '6222020200000000006', note: 'dashes' },
  {
    value: '６２２２０２０２００００００００００６',
    status: 'valid',
    normalized: '6222020200000000006',
    note: 'full-width',
  },
  {
    value: "'6222020200000000006",
    status: 'valid',
    normalized: '6222020200000000006',
    note: 'leading apostrophe',
  },
  { value: '6212260200000009', status: 'valid', pattern: 'unionpay', note: '16-digit UnionPay' },
  { value: '6228481234567890128', status: 'valid', note: '19-digit 62' },
  { value: '4111111111111111', status: 'valid', pattern: 'card_4', note: 'Visa test number' },
  { value: '5555555555554444', status: 'valid', pattern: 'card_5', note: 'Mastercard test number' },
  { value: '378282246310005', status: 'valid', pattern: 'card_3', note: '15-digit AmEx test number' },
  { value: '3568331234567896', status: 'valid', note: 'JCB-shaped 16 digits' },
  {
    value: '6222020200000000007',
    status: 'valid',
    warning: 'luhn',
    normalized: '6222020200000000007',
    note: 'UnionPay 62 failing Luhn: valid with warning',
  },
  {
    value: '4111111111111112',
    status: 'invalid',
    reason: 'luhn',
    normalized: '4111111111111112',
    note: 'Visa-shaped, Luhn fails',
  },
  { value: '378282246310006', status: 'invalid', reason: 'luhn', note: 'AmEx-shaped, Luhn fails' },
  { value: '9558801234567890123', status: 'invalid', reason: 'prefix', note: 'first digit 9 is outside 3–6' },
  { value: '1234567890123456', status: 'invalid', reason: 'prefix', note: 'first digit 1' },
  { value: '6.22202E+18', status: 'truncated', reason: 'scientific', note: 'Excel scientific notation' },
  {
    value: '6222021234567890000',
    status: 'truncated',
    reason: 'precision',
    note: 'zeros after the 15th digit, Luhn fails',
  },
  { value: '6222 **** **** 1234', status: 'masked', reason: 'mask', note: 'masked middle' },
  { value: '622202XXXXXX1234', status: 'masked', note: 'run of X' },
  { value: '62220202000000', status: 'nomatch', note: '14 digits' },
  { value: '62220202000000000061', status: 'nomatch', note: '20 digits' },
  { value: '6222a20200000000006', status: 'nomatch', note: 'letter inside' },
  { value: '13800138000', status: 'nomatch', note: 'a mobile number' },
  { value: '', status: 'nomatch', note: 'empty' },
];

export const SCAN_VECTORS: readonly ScanCase[] = [
  {
    text: '卡号6222020200000000006余额100',
    found: [{ value: '6222020200000000006', status: 'valid', normalized: '6222020200000000006' }],
    note: 'card between Han text',
  },
  {
    text: '转入 6222 0202 0000 0000 006 成功',
    found: [{ value: '6222 0202 0000 0000 006', status: 'valid', normalized: '6222020200000000006' }],
    note: 'grouped card number',
  },
  { text: '流水62220202000000000061', found: [], note: '20-digit run: nothing' },
  { text: '订单9558801234567890123', found: [], note: 'first digit 9 is not scanned' },
  {
    text: 'cards 4111111111111111, 4111111111111112',
    found: [
      { value: '4111111111111111', status: 'valid' },
      { value: '4111111111111112', status: 'invalid' },
    ],
    note: 'valid and Luhn-failing candidates are both reported',
  },
];
