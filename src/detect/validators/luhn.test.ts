import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { luhnCheckDigit, luhnValid } from './luhn.js';

describe('luhn', () => {
  test('known test numbers pass', () => {
    assert.equal(luhnValid('79927398713'), true); // ISO/IEC 7812 worked example
    assert.equal(luhnValid('4111111111111111'), true); // Visa test number
    assert.equal(luhnValid('5555555555554444'), true); // Mastercard test number
    assert.equal(luhnValid('378282246310005'), true); // AmEx test number (15 digits)
    assert.equal(luhnValid('6222020200000000006'), true); // synthetic 19-digit UnionPay-shaped (checked by hand: sum 24)
  });
  test('a single changed digit fails', () => {
    assert.equal(luhnValid('79927398710'), false);
    assert.equal(luhnValid('4111111111111112'), false);
  });
  test('non-digits and too-short inputs fail', () => {
    assert.equal(luhnValid('4111-1111'), false);
    assert.equal(luhnValid('0'), false);
    assert.equal(luhnValid(''), false);
  });
  test('luhnCheckDigit completes a body', () => {
    assert.equal(luhnCheckDigit('7992739871'), 3);
    assert.equal(luhnCheckDigit('411111111111111'), 1);
    assert.equal(luhnCheckDigit('622202020000000000'), 6);
    assert.equal(luhnCheckDigit('12a'), -1);
    for (const body of ['6212260200000000', '45678901234567', '371234567890123']) {
      assert.equal(luhnValid(body + String(luhnCheckDigit(body))), true, body);
    }
  });
});
