import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  allDigits,
  isDigitCode,
  looksPrecisionTruncated,
  mayBeScientific,
  scientificExponent,
  stripSeparators,
  unwrapSpreadsheetText,
} from './digits.js';

describe('digits', () => {
  test('isDigitCode accepts ASCII digits only', () => {
    assert.equal(isDigitCode('0'.charCodeAt(0)), true);
    assert.equal(isDigitCode('9'.charCodeAt(0)), true);
    assert.equal(isDigitCode('a'.charCodeAt(0)), false);
    assert.equal(isDigitCode('１'.charCodeAt(0)), false);
  });
  test('allDigits checks a range and rejects empty ranges', () => {
    assert.equal(allDigits('13800138000'), true);
    assert.equal(allDigits(''), false);
    assert.equal(allDigits('1234X'), false);
    assert.equal(allDigits('1234X', 0, 4), true);
    assert.equal(allDigits('12 34'), false);
  });
  test('stripSeparators drops separators inside numbers', () => {
    assert.equal(stripSeparators('138-0013-8000'), '13800138000');
    assert.equal(stripSeparators('138 0013 8000'), '13800138000');
    assert.equal(stripSeparators('6222.0202.0000'), '622202020000');
    assert.equal(stripSeparators('110105 19491231 002X'), '11010519491231002X');
    assert.equal(stripSeparators('138 - 0013 - 8000'), '13800138000');
    assert.equal(stripSeparators('138-****-5678'), '138****5678');
  });
  test('stripSeparators keeps leading and trailing separators and returns the same string when clean', () => {
    assert.equal(stripSeparators('-12345'), '-12345');
    assert.equal(stripSeparators('13800138000.'), '13800138000.');
    const s = '13800138000';
    assert.equal(stripSeparators(s), s);
    assert.equal(stripSeparators('+86 138'), '+86138');
  });
  test('scientificExponent recognises spreadsheet notation', () => {
    assert.equal(scientificExponent('1.10101E+17'), 17);
    assert.equal(scientificExponent('4.40301e+17'), 17);
    assert.equal(scientificExponent('1.38001E10'), 10);
    assert.equal(scientificExponent('1E+17'), 17);
    assert.equal(scientificExponent('110101'), -1);
    assert.equal(scientificExponent('0.1E+17'), -1);
    assert.equal(scientificExponent('1.1E-17'), -1);
  });
  test('mayBeScientific is a cheap superset of scientificExponent', () => {
    for (const v of ['1.10101E+17', '4.40301e+17', '1E+17', '1.38001E10']) {
      assert.equal(mayBeScientific(v), true, v);
    }
    for (const v of ['13800138000', '1.5', '0.1E+17', 'E+17', '', '12E3']) {
      assert.equal(mayBeScientific(v), false, v);
    }
  });
  test('looksPrecisionTruncated flags zeros after the 15th digit', () => {
    assert.equal(looksPrecisionTruncated('110105194912310000'), true);
    assert.equal(looksPrecisionTruncated('11010519491231002X'), false);
    assert.equal(looksPrecisionTruncated('622202123456789000'), true);
    assert.equal(looksPrecisionTruncated('622202123456789001'), false);
    assert.equal(looksPrecisionTruncated('123456789012300'), false);
  });
  test('unwrapSpreadsheetText removes the apostrophe and ="…" text markers', () => {
    assert.equal(unwrapSpreadsheetText("'11010519491231002X"), '11010519491231002X');
    assert.equal(unwrapSpreadsheetText('="11010519491231002X"'), '11010519491231002X');
    assert.equal(unwrapSpreadsheetText('="'), '="');
    assert.equal(unwrapSpreadsheetText("'"), "'");
    const s = '13800138000';
    assert.equal(unwrapSpreadsheetText(s), s);
  });
});
