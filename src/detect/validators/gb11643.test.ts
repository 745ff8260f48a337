import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GB11643_WEIGHTS, gb11643CheckChar, isGb11643CheckValid, upgrade15To18 } from './gb11643.js';

describe('gb11643', () => {
  test('weights are 2^(18-i) mod 11', () => {
    for (let i = 1; i <= 17; i++) assert.equal(GB11643_WEIGHTS[i - 1], 2 ** (18 - i) % 11, `position ${i}`);
  });
  test('the standard sample numbers validate', () => {
    assert.equal(isGb11643CheckValid('11010519491231002X'), true);
    assert.equal(isGb11643CheckValid('440524188001010014'), true);
    assert.equal(isGb11643CheckValid('53010219200508011X'), true);
    assert.equal(isGb11643CheckValid('11010519491231002x'), true);
  });
  test('every wrong check character fails', () => {
    for (const c of '0123456789') assert.equal(isGb11643CheckValid(`11010519491231002${c}`), false, c);
    assert.equal(isGb11643CheckValid('440524188001010015'), false);
  });
  test('malformed inputs fail', () => {
    assert.equal(isGb11643CheckValid('11010519491231002'), false);
    assert.equal(isGb11643CheckValid('1101051949123100X2'), false);
    assert.equal(isGb11643CheckValid('11010519491231002X0'), false);
    assert.equal(gb11643CheckChar('1101051949123100'), '');
    assert.equal(gb11643CheckChar('1101051949123100a'), '');
  });
  test('check character matches (12 - S mod 11) mod 11, 10 = X', () => {
    const body = '32010619800101123';
    let s = 0;
    for (let i = 0; i < 17; i++) s += Number(body[i]) * GB11643_WEIGHTS[i]!;
    const v = (12 - (s % 11)) % 11;
    assert.equal(gb11643CheckChar(body), v === 10 ? 'X' : String(v));
  });
  test('15 → 18 upgrade inserts 19 and computes the check character', () => {
    assert.equal(upgrade15To18('110105491231002'), '11010519491231002X');
    assert.equal(upgrade15To18('440524800101001'), '440524198001010013');
    assert.equal(isGb11643CheckValid(upgrade15To18('440524800101001')), true);
    assert.equal(upgrade15To18('11010549123100'), '');
    assert.equal(upgrade15To18('11010549123100X'), '');
  });
});
