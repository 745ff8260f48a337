import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hasMask, hasMaskedDigitRun, hasMaskSymbol, isMaskSymbol } from './mask.js';

describe('mask', () => {
  test('mask symbols', () => {
    assert.equal(isMaskSymbol('*'.charCodeAt(0)), true);
    assert.equal(isMaskSymbol('＊'.charCodeAt(0)), true);
    assert.equal(isMaskSymbol('×'.charCodeAt(0)), true);
    assert.equal(isMaskSymbol('x'.charCodeAt(0)), false);
    assert.equal(hasMaskSymbol('138****5678'), true);
    assert.equal(hasMaskSymbol('张＊'), true);
    assert.equal(hasMaskSymbol('1101××××1234'), true);
    assert.equal(hasMaskSymbol('13800138000'), false);
  });
  test('runs of x inside numbers are masks', () => {
    assert.equal(hasMaskedDigitRun('138XXXX5678'), true);
    assert.equal(hasMaskedDigitRun('138xxxx5678'), true);
    assert.equal(hasMaskedDigitRun('110101XXXXXXXX123X'), true);
    assert.equal(hasMaskedDigitRun('1101051949123100XX'), true);
    assert.equal(hasMaskedDigitRun('XXXXXXX8000'), true);
    assert.equal(hasMaskedDigitRun('138-XXXX-5678'), true);
    assert.equal(hasMaskedDigitRun('电话138XXXX5678'), true);
  });
  test('a single final X is a check character, not a mask', () => {
    assert.equal(hasMask('11010519491231002X'), false);
    assert.equal(hasMask('11010519491231002x'), false);
    assert.equal(hasMask('110105X9491231002X'), false);
  });
  test('x runs in words are not masks', () => {
    assert.equal(hasMaskedDigitRun('maxx2020'), false);
    assert.equal(hasMaskedDigitRun('wxid_abcxx12'), false);
    assert.equal(hasMaskedDigitRun('wxid_xx1234'), false);
    assert.equal(hasMaskedDigitRun('alexx@qq.com'), false);
    assert.equal(hasMaskedDigitRun('xx'), false);
    assert.equal(hasMaskedDigitRun('张XX'), false);
  });
  test('hasMask combines both tests', () => {
    assert.equal(hasMask('110101********123X'), true);
    assert.equal(hasMask('110101XXXXXXXX123X'), true);
    assert.equal(hasMask('abc***@qq.com'), true);
    assert.equal(hasMask('13800138000'), false);
    assert.equal(hasMask(''), false);
  });
});
