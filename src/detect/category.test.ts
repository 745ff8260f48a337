import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideCategory } from './category.js';

describe('decideCategory (counting-rules §5)', () => {
  test('no personal-information column: null', () => {
    const d = decideCategory({ fileName: 'a.csv', headers: ['订单号', '金额'], types: [null, 'money'] });
    assert.equal(d.category, null);
  });
  test('hotel headers → lodging', () => {
    const d = decideCategory({
      fileName: 'x.csv',
      headers: ['姓名', '身份证号', '入住时间', '退房时间', '房号'],
      types: ['person_name', 'resident_id', 'datetime', 'datetime', null],
    });
    assert.equal(d.category, 'lodging');
    assert.match(d.explanation, /入住/);
  });
  test('highest tier wins: balances (property, tier 1) over orders (transaction, tier 2)', () => {
    const d = decideCategory({
      fileName: 'x.csv',
      headers: ['姓名', '手机号', '订单号', '账户余额'],
      types: ['person_name', 'mobile', null, 'money'],
    });
    assert.equal(d.category, 'property');
  });
  test('coordinates with a person → trajectory', () => {
    const d = decideCategory({
      fileName: 'x.csv',
      headers: [null, null, null],
      types: ['mobile', 'latitude', 'longitude'],
    });
    assert.equal(d.category, 'trajectory');
  });
  test('whole ID-card record → id_card; bare ID numbers → general with the GC 193 advisory', () => {
    const card = decideCategory({
      fileName: 'x.csv',
      headers: ['姓名', '民族', '住址', '公民身份号码', '签发机关'],
      types: ['person_name', 'ethnicity', 'address', 'resident_id', null],
    });
    assert.equal(card.category, 'id_card');
    const bare = decideCategory({
      fileName: 'x.csv',
      headers: ['姓名', '身份证号', '手机号'],
      types: ['person_name', 'resident_id', 'mobile'],
    });
    assert.equal(bare.category, 'general');
    assert.deepEqual(
      bare.advisories.map((a) => [a.kind, a.alternative]),
      [['bare_id_numbers', 'id_card']],
    );
  });
  test('the file name is a signal only when headers give none', () => {
    const d = decideCategory({
      fileName: '某宾馆住宿登记.txt',
      headers: [null, null],
      types: ['person_name', 'resident_id'],
    });
    assert.equal(d.category, 'lodging');
    assert.match(d.explanation, /文件名/);
  });
  test('contested: flight records and verification codes carry advisories', () => {
    const flight = decideCategory({
      fileName: 'x.csv',
      headers: ['姓名', '证件号', '航班号', '起飞时间'],
      types: ['person_name', 'resident_id', null, 'datetime'],
    });
    assert.equal(flight.category, 'transaction');
    assert.equal(flight.advisories[0]?.kind, 'flight_or_train_records');
    assert.equal(flight.advisories[0]?.alternative, 'trajectory');
    const codes = decideCategory({
      fileName: 'x.csv',
      headers: ['手机号', '验证码'],
      types: ['mobile', null],
    });
    assert.equal(codes.category, 'communication_content');
    assert.equal(codes.advisories[0]?.kind, 'verification_codes');
  });
  test('a plain contact list is general', () => {
    const d = decideCategory({
      fileName: '名单.csv',
      headers: ['姓名', '手机号'],
      types: ['person_name', 'mobile'],
    });
    assert.equal(d.category, 'general');
    assert.deepEqual(d.advisories, []);
  });
});
