/**
 * @module detect/recognizers/money
 * Amounts of money in Chinese yuan (property / transaction categories, counting-rules.md §5).
 * - With a currency marker: prefix `¥` (NFKC maps full-width ￥ to ¥), `RMB`, `CNY`, `人民币`, or suffix `元`,
 *   `块`, `圆`, `万元`, `亿元`, `RMB`, `CNY`; thousands separators `1,234.56`; sign before or after the prefix.
 * - Bare numbers (`12.50`, `-3`, `1,234`) only in a column typed by header (`ctx.viaHeader`), where `万`/`亿`
 *   suffixes without 元 are also accepted.
 * Normalized: a plain decimal in yuan — sign, integer without separators or leading zeros, fraction digits as
 * written; 万/亿 multiplied exactly by shifting the decimal point (`12.5万元` → `125000`).
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import type { PatternRecognizer } from './lib/types.js';
import { nomatch, valid } from './lib/verdicts.js';

/**
 * sign? prefix? sign? number fraction? suffix?  (groups: 1 sign, 2 prefix, 3 sign, 4 integer, 5 fraction, 6 suffix)
 */
const MONEY =
  /^([+-]?)(¥|RMB|CNY|人民币)? ?([+-]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,15})(?:\.([0-9]{1,4}))? ?(万元|亿元|元|块|圆|万|亿|RMB|CNY)?$/i;

function shift(intPart: string, frac: string, places: number): string {
  const digits = intPart + frac.padEnd(places, '0');
  const cut = intPart.length + places;
  const whole = digits.slice(0, cut).replace(/^0+(?=[0-9])/, '');
  const rest = digits.slice(cut).replace(/0+$/, '');
  return rest === '' ? whole : `${whole}.${rest}`;
}

function match(value: string, ctx: RecognizeContext): Verdict {
  const n = value.length;
  if (n === 0 || n > 40) return nomatch();
  const m = MONEY.exec(value);
  if (m === null) return nomatch();
  const sign1 = m[1]!;
  const prefix = m[2];
  const sign2 = m[3]!;
  const suffix = m[6];
  if (sign1 !== '' && sign2 !== '') return nomatch();
  const viaHeader = ctx.viaHeader === true;
  const unit = suffix === undefined ? '' : suffix.toUpperCase();
  const marked = prefix !== undefined || (unit !== '' && unit !== '万' && unit !== '亿');
  if (!marked && !viaHeader) return nomatch();
  if (prefix !== undefined && (unit === 'RMB' || unit === 'CNY')) return nomatch();
  const intPart = m[4]!.replaceAll(',', '');
  const frac = m[5] ?? '';
  let amount: string;
  if (unit === '万' || unit === '万元') amount = shift(intPart, frac, 4);
  else if (unit === '亿' || unit === '亿元') amount = shift(intPart, frac, 8);
  else {
    const whole = intPart.replace(/^0+(?=[0-9])/, '');
    amount = frac === '' ? whole : `${whole}.${frac}`;
  }
  const negative = (sign1 === '-' || sign2 === '-') && /[1-9]/.test(amount);
  return valid(negative ? `-${amount}` : amount, marked ? 'money_cny' : 'money_bare');
}

export const MONEY_RECOGNIZER: PatternRecognizer = {
  id: 'cn.money',
  type: 'money',
  version: '1.0.0',
  reference: 'ISO 4217 CNY; GB/T 15835 number forms (thousands separators); 万 = 10^4, 亿 = 10^8',
  headerWords: [
    '金额',
    '余额',
    '价格',
    '存款',
    '价钱',
    '单价',
    '总价',
    '总额',
    '费用',
    '实付',
    '应付',
    '收入',
    '工资',
    '薪资',
    '月薪',
    '资产',
    '贷款',
    '欠款',
    'je',
    'amount',
    'balance',
    'price',
    'money',
    'fee',
    'cost',
    'salary',
    'total',
  ],
  headerExclude: ['币种', '数量', '次数', '笔数', '编号', '账号', '类型', 'currency', 'count', 'type'],
  contextRequired: false,
  patterns: { money: MONEY },
  match,
};
