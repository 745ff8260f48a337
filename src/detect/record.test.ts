import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { FIELD_TYPE_CODES, FIELD_TYPES, type FieldType } from '../core/field-types.js';
import type { ColumnDecision } from './columns.js';
import { compilePlan, escapeKeyPart, exactKeyOf, judgeRecord, subjectKeyOf } from './record.js';

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
    assert.equal(subjectKeyOf(j), `i:${ID}`);
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
    assert.equal(subjectKeyOf(j), 'm:13800138000');
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
    assert.equal(exactKeyOf(a), exactKeyOf(b));
    assert.equal(exactKeyOf(a), exactKeyOf(c));
    assert.equal(subjectKeyOf(a), subjectKeyOf(b));
  });
  test('a 15-digit ID and its 18-digit form are one subject', () => {
    const a = judgeRecord(['', ID15, '', '', ''], P);
    assert.equal(a.reason, null);
    assert.match(subjectKeyOf(a), /^i:11010519491231\d{3}[\dX]$/);
    const upgraded = subjectKeyOf(a).slice('i:'.length);
    const b = judgeRecord(['', upgraded, '', '', ''], P);
    assert.equal(subjectKeyOf(b), subjectKeyOf(a));
    assert.equal(exactKeyOf(b), exactKeyOf(a));
  });
  test('a different typed value makes a different record of the same subject', () => {
    const a = judgeRecord(['张三', ID, '13800138000', '', ''], P);
    const b = judgeRecord(['张三', ID, '13900139000', '', ''], P);
    assert.notEqual(exactKeyOf(a), exactKeyOf(b));
    assert.equal(subjectKeyOf(a), subjectKeyOf(b));
  });
  test('key texts: typed values by type code in key order; the category is staged in its own column', () => {
    const g = plan(['person_name', 'resident_id', 'mobile', 'address', null], 'general');
    const row = ['张三', ID, '１３８００１３８０００', '北京市朝阳区建国路1号', 'note'];
    const j = judgeRecord(row, P);
    // Sorted by type name: address, mobile, person_name, resident_id; the untyped note is not in the key.
    assert.equal(exactKeyOf(j), `\u001fa=北京市朝阳区建国路1号\u001fm=13800138000\u001fn=张三\u001fi=${ID}`);
    assert.equal(exactKeyOf(judgeRecord(row, g)), exactKeyOf(j));
    assert.equal(subjectKeyOf(j), `i:${ID}`);
    const pair = judgeRecord(['张三', '', '', '北京市朝阳区建国路1号', ''], P);
    assert.equal(pair.subjectType, 'person_name+address');
    assert.equal(subjectKeyOf(pair), 'n+a:张三\u001f北京市朝阳区建国路1号');
    const invalid = judgeRecord(['张三', '', '', '', ''], P);
    assert.equal(exactKeyOf(invalid), '');
    assert.equal(subjectKeyOf(invalid), '');
  });
  test('type codes are one character each, distinct, and none is a key separator', () => {
    const codes = FIELD_TYPES.map((t) => FIELD_TYPE_CODES[t]);
    assert.equal(new Set(codes).size, FIELD_TYPES.length);
    for (const c of codes) assert.match(c, /^[a-z]$/u);
    // The README lists them for anyone re-computing a sample order key by hand.
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const listed = [
      ...readme.matchAll(
        /`([a-z])` (resident ID|mobile|landline|bank card|email|QQ|WeChat|passport|name|address|plate|coordinates|latitude|longitude|date-time|money|password|gender|ethnicity)\b/gu,
      ),
    ];
    assert.deepEqual(
      listed.map((m) => m[1]),
      codes,
    );
  });
  test('key parts are escaped injectively', () => {
    assert.equal(escapeKeyPart('a\u001fb'), 'a\\x1fb');
    assert.equal(escapeKeyPart('a\\x1fb'), 'a\\x5cx1fb');
    assert.notEqual(escapeKeyPart('a\u001fb'), escapeKeyPart('a\\x1fb'));
  });
});
