import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sniffDelimiter } from './sniff.js';

describe('sniffDelimiter', () => {
  test('---- beats the commas inside a credential dump', () => {
    const r = sniffDelimiter(['13800138000----abc,123', '13900139000----xyz', '13700137000----p,a,s,s']);
    assert.equal(r.delimiter, '----');
    assert.equal(r.fieldCount, 2);
  });
  test('CSV with times: comma wins over colon by priority', () => {
    const r = sniffDelimiter([
      '张三,13800138000,2020-01-01 12:30:00',
      '李四,13900139000,2020-01-02 08:00:00',
    ]);
    assert.equal(r.delimiter, ',');
    assert.equal(r.fieldCount, 3);
  });
  test('pipe and tab', () => {
    assert.equal(sniffDelimiter(['a|b|c', 'd|e|f']).delimiter, '|');
    assert.equal(sniffDelimiter(['a\tb,x', 'd\te']).delimiter, '\t');
  });
  test('quoted commas do not change the CSV field count', () => {
    const r = sniffDelimiter(['张三,"北京市,朝阳区",1', '李四,上海市,2', '王五,"广州市,天河区",3']);
    assert.equal(r.delimiter, ',');
    assert.equal(r.consistency, 1);
  });
  test('one value per line: no delimiter', () => {
    const r = sniffDelimiter(['13800138000', '13900139000']);
    assert.equal(r.delimiter, null);
    assert.equal(r.fieldCount, 1);
  });
  test('inconsistent counts below 60 % are rejected', () => {
    const r = sniffDelimiter(['a,b', 'c', 'd', 'e,f,g,h', 'i']);
    assert.equal(r.delimiter, null);
  });
  test('account:password dumps', () => {
    assert.equal(sniffDelimiter(['13800138000:pw1', 'a@b.com:pw2', '13900139000:x:y']).delimiter, ':');
  });
});
