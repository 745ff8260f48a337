import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isProvinceCode, isProvinceCodeAt, PROVINCE_CODES } from './province.js';

describe('province codes', () => {
  test('accepts exactly the listed codes', () => {
    const expected = [
      ...[11, 12, 13, 14, 15],
      ...[21, 22, 23],
      ...[31, 32, 33, 34, 35, 36, 37],
      ...[41, 42, 43, 44, 45, 46],
      ...[50, 51, 52, 53, 54],
      ...[61, 62, 63, 64, 65],
      ...[71, 81, 82, 83],
    ].map(String);
    assert.equal(PROVINCE_CODES.size, expected.length);
    for (let n = 0; n < 100; n++) {
      const code = String(n).padStart(2, '0');
      assert.equal(isProvinceCode(code), expected.includes(code), code);
    }
  });
  test('reads at an offset and rejects non-digits', () => {
    assert.equal(isProvinceCodeAt('x44', 1), true);
    assert.equal(isProvinceCodeAt('4', 0), false);
    assert.equal(isProvinceCodeAt('1X', 0), false);
    assert.equal(isProvinceCode('110'), false);
  });
});
