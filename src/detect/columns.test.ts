import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inferColumns } from './columns.js';

const D = '2026-01-01';
const ids = ['11010519491231002X', '110105194912310038', '44030519900101123X'];
const mobiles = ['13800138000', '13900139000', '15012345678', '18612345678'];

describe('inferColumns', () => {
  test('header words decide, with the sample hit rate in the explanation', () => {
    const cols = inferColumns(
      ['姓名', '身份证号', '联系电话'],
      [
        ['张三', ids[0]!, mobiles[0]!],
        ['李四', ids[1]!, mobiles[1]!],
      ],
      3,
      D,
    );
    assert.deepEqual(
      cols.map((c) => [c.type, c.source]),
      [
        ['person_name', 'header'],
        ['resident_id', 'header'],
        ['mobile', 'header'],
      ],
    );
    assert.match(cols[1]!.explanation, /表头“身份证号”/);
  });
  test('headerless columns are typed by a value vote', () => {
    const sample = mobiles.map((m, i) => [m, ids[i % 2]!]);
    const cols = inferColumns(null, sample, 2, D);
    assert.deepEqual(
      cols.map((c) => [c.type, c.source]),
      [
        ['mobile', 'values'],
        ['resident_id', 'values'],
      ],
    );
  });
  test('a header contradicted by its values falls back to the values', () => {
    const cols = inferColumns(
      ['手机号'],
      ids.map((x) => [x]),
      1,
      D,
    );
    assert.equal(cols[0]!.type, 'resident_id');
    assert.equal(cols[0]!.source, 'values');
    assert.match(cols[0]!.explanation, /样本值不符/);
  });
  test('values that are shaped like an ID but never valid do not type a column', () => {
    const validity = ['2015.04.14-2035.04.14', '2010.01.01-2030.01.01', '2019.12.31-2039.12.31'].map((x) => [
      x,
    ]);
    assert.equal(inferColumns(null, validity, 1, D)[0]!.type, null);
  });
  test('organisation headers are not typed by values', () => {
    const banks = ['中国工商银行北京市分行', '中国银行上海市徐汇支行'].map((x) => [x]);
    const c = inferColumns(['开户行'], banks, 1, D)[0]!;
    assert.equal(c.type, null);
    assert.match(c.explanation, /不是个人信息字段/);
  });
  test('QQ numbers need a header', () => {
    const qq = ['12345678', '987654321', '100200300'].map((x) => [x]);
    assert.notEqual(inferColumns(null, qq, 1, D)[0]!.type, 'qq');
    assert.equal(inferColumns(['QQ号'], qq, 1, D)[0]!.type, 'qq');
  });
  test('headerless account----password dumps: the column after the account is the password', () => {
    const cols = inferColumns(
      null,
      mobiles.map((m) => [m, `pw${m.slice(-4)}`]),
      2,
      D,
    );
    assert.deepEqual(
      cols.map((c) => [c.type, c.source]),
      [
        ['mobile', 'values'],
        ['password', 'structure'],
      ],
    );
  });
  test('manifest overrides win', () => {
    const cols = inferColumns(['备注'], [['13800138000']], 1, D, [{ index: 0, type: 'mobile' }]);
    assert.equal(cols[0]!.type, 'mobile');
    assert.equal(cols[0]!.source, 'manifest');
  });
  test('an empty column keeps its header type', () => {
    const c = inferColumns(['手机号'], [['']], 1, D)[0]!;
    assert.equal(c.type, 'mobile');
    assert.equal(c.sampled, 0);
  });
});
