import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FieldType } from '../core/field-types.js';
import type { ColumnDecision } from './columns.js';
import { compilePlan, escapeKeyPart, judgeRecord } from './record.js';

function plan(types: (FieldType | null)[], category: 'lodging' | 'general' = 'lodging') {
  const decisions: ColumnDecision[] = types.map((type, index) => ({
    index,
    header: null,
    type,
    source: type ? 'header' : null,
    viaHeader: true,
    sampled: 0,
    votes: [],
    explanation: '',
  }));
  return compilePlan(decisions, category, '2026-01-01');
}

// 姓名, 身份证号, 手机号, 住址, 备注(untyped)
const P = plan(['person_name', 'resident_id', 'mobile', 'address', null]);
const ID = '11010519491231002X';
const ID15 = '110105491231002'; // upgrades to 110105194912310021? computed below by the judge itself

describe('judgeRecord: validity and the first applicable reason (counting-rules §3)', () => {
  test('empty: every field empty or white space', () => {
    assert.equal(judgeRecord(['', ' ', '', '\u3000', ''], P).reason, 'empty');
  });
  test('valid by a strong identifier', () => {
    const j = judgeRecord(['张三', ID, '', '', 'x'], P);
    assert.equal(j.reason, null);
    assert.equal(j.subjectKey, `resident_id:${ID}`);
  });
  test('masked: all strong values masked, even with a name', () => {
    assert.equal(judgeRecord(['张三', '110105********002X', '138****5678', '', ''], P).reason, 'masked');
  });
  test('a masked ID with a valid name and address is valid (name + address)', () => {
    const j = judgeRecord(['张三', '110105********002X', '', '北京市朝阳区建国路1号', ''], P);
    assert.equal(j.reason, null);
    assert.equal(j.subjectType, 'person_name+address');
  });
  test('truncated: spreadsheet-mangled ID only', () => {
    assert.equal(judgeRecord(['张三', '1.10105E+17', '', '', ''], P).reason, 'truncated');
  });
  test('masked + truncated mixed: invalid_identifier', () => {
    assert.equal(judgeRecord(['', '1.10105E+17', '138****5678', '', ''], P).reason, 'invalid_identifier');
  });
  test('invalid_identifier: wrong check digit and a bad mobile prefix', () => {
    assert.equal(
      judgeRecord(['张三', '110105194912310021', '12012345678', '', ''], P).reason,
      'invalid_identifier',
    );
  });
  test('an invalid ID falls through to a valid mobile for validity and subject', () => {
    const j = judgeRecord(['张三', '110105194912310021', '13800138000', '', ''], P);
    assert.equal(j.reason, null);
    assert.equal(j.subjectKey, 'mobile:13800138000');
  });
  test('not_identifying: a name alone, or untyped text alone', () => {
    assert.equal(judgeRecord(['张三', '', '', '', ''], P).reason, 'not_identifying');
    assert.equal(judgeRecord(['', '', '', '', '任意备注'], P).reason, 'not_identifying');
  });
  test('a non-shaped value in a strong column is not identifying (not invalid_identifier)', () => {
    assert.equal(judgeRecord(['', 'abc', 'zhangsan88', '', ''], P).reason, 'not_identifying');
  });
});

describe('judgeRecord: keys (counting-rules §4)', () => {
  test('normalisation makes exact duplicates: full-width, +86, lower-case x, spaces; untyped columns ignored', () => {
    const a = judgeRecord(['张三', ID, '13800138000', '北京市朝阳区建国路1号', 'note 1'], P);
    const b = judgeRecord(
      [' 张三 ', ID.toLowerCase(), '+86 138 0013 8000', '北京市朝阳区建国路1号', 'note 2'],
      P,
    );
    const c = judgeRecord(['张三', ID, '１３８００１３８０００', '北京市朝阳区建国路1号', ''], P);
    assert.equal(a.reason, null);
    assert.equal(a.exactKey, b.exactKey);
    assert.equal(a.exactKey, c.exactKey);
    assert.equal(a.subjectKey, b.subjectKey);
  });
  test('a 15-digit ID and its 18-digit form are one subject', () => {
    const a = judgeRecord(['', ID15, '', '', ''], P);
    assert.equal(a.reason, null);
    assert.match(a.subjectKey, /^resident_id:11010519491231\d{3}[\dX]$/);
    const upgraded = a.subjectKey.slice('resident_id:'.length);
    const b = judgeRecord(['', upgraded, '', '', ''], P);
    assert.equal(b.subjectKey, a.subjectKey);
    assert.equal(b.exactKey, a.exactKey);
  });
  test('a different typed value makes a different record of the same subject', () => {
    const a = judgeRecord(['张三', ID, '13800138000', '', ''], P);
    const b = judgeRecord(['张三', ID, '13900139000', '', ''], P);
    assert.notEqual(a.exactKey, b.exactKey);
    assert.equal(a.subjectKey, b.subjectKey);
  });
  test('the category is part of the exact key', () => {
    const g = plan(['person_name', 'resident_id', 'mobile', 'address', null], 'general');
    const row = ['张三', ID, '13800138000', '', ''];
    assert.notEqual(judgeRecord(row, P).exactKey, judgeRecord(row, g).exactKey);
  });
  test('key parts are escaped injectively', () => {
    assert.equal(escapeKeyPart('a\u001fb'), 'a\\x1fb');
    assert.equal(escapeKeyPart('a\\x1fb'), 'a\\x5cx1fb');
    assert.notEqual(escapeKeyPart('a\u001fb'), escapeKeyPart('a\\x1fb'));
  });
});
