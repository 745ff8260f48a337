import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { delimiterOnly, splitLine, splitQuoted } from './split.js';

describe('splitQuoted (RFC 4180)', () => {
  test('plain fields', () => {
    assert.deepEqual(splitQuoted('a,b,,c', ',').fields, ['a', 'b', '', 'c']);
  });
  test('quoted fields keep delimiters and doubled quotes', () => {
    assert.deepEqual(splitQuoted('"北京市,朝阳区","他说""你好""",x', ',').fields, [
      '北京市,朝阳区',
      '他说"你好"',
      'x',
    ]);
  });
  test('an embedded newline is data; an unclosed quote asks for the next line', () => {
    const open = splitQuoted('张三,"第一行', ',');
    assert.equal(open.openQuote, true);
    const closed = splitQuoted('张三,"第一行\n第二行",13800138000', ',');
    assert.equal(closed.openQuote, false);
    assert.deepEqual(closed.fields, ['张三', '第一行\n第二行', '13800138000']);
  });
  test('trailing delimiter gives a final empty field', () => {
    assert.deepEqual(splitQuoted('a,', ',').fields, ['a', '']);
    assert.deepEqual(splitQuoted('"a",', ',').fields, ['a', '']);
  });
  test('a quote inside an unquoted field is literal', () => {
    assert.deepEqual(splitQuoted('ab"c,d', ',').fields, ['ab"c', 'd']);
  });
  test('text after a closing quote is kept and flagged', () => {
    const r = splitQuoted('"ab"c,d', ',');
    assert.deepEqual(r.fields, ['abc', 'd']);
    assert.equal(r.strayAfterQuote, true);
  });
  test('TAB delimiter with quotes', () => {
    assert.deepEqual(splitQuoted('"a\tb"\tc', '\t').fields, ['a\tb', 'c']);
  });
});

describe('splitLine', () => {
  test('multi-character delimiters split literally, quotes are data', () => {
    assert.deepEqual(splitLine('13800138000----"pass----word', '----'), ['13800138000', '"pass', 'word']);
  });
  test('no delimiter: the whole line is one field', () => {
    assert.deepEqual(splitLine('a,b', null), ['a,b']);
  });
});

describe('delimiterOnly', () => {
  test('counts repetitions of the delimiter', () => {
    assert.equal(delimiterOnly(',,,,', ','), 4);
    assert.equal(delimiterOnly('--------', '----'), 2);
    assert.equal(delimiterOnly('------', '----'), 0);
    assert.equal(delimiterOnly('\t\t\t', '\t'), 3);
    assert.equal(delimiterOnly('a,,', ','), 0);
    assert.equal(delimiterOnly('', ','), 0);
  });
});
