import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  dateKey,
  daysInMonth,
  isLeapYear,
  isoDateKey,
  isRealDate,
  isRealDateKey,
  readDigits,
  realDateKeyAt,
} from './calendar.js';

describe('calendar', () => {
  test('leap years follow the Gregorian rule', () => {
    assert.equal(isLeapYear(2000), true);
    assert.equal(isLeapYear(2024), true);
    assert.equal(isLeapYear(1900), false);
    assert.equal(isLeapYear(2100), false);
    assert.equal(isLeapYear(2023), false);
  });
  test('daysInMonth', () => {
    assert.equal(daysInMonth(2024, 2), 29);
    assert.equal(daysInMonth(2023, 2), 28);
    assert.equal(daysInMonth(2023, 4), 30);
    assert.equal(daysInMonth(2023, 12), 31);
    assert.equal(daysInMonth(2023, 13), 0);
    assert.equal(daysInMonth(2023, 0), 0);
  });
  test('isRealDate rejects impossible dates', () => {
    assert.equal(isRealDate(2000, 2, 29), true);
    assert.equal(isRealDate(1900, 2, 29), false);
    assert.equal(isRealDate(2023, 2, 29), false);
    assert.equal(isRealDate(2023, 4, 31), false);
    assert.equal(isRealDate(2023, 1, 0), false);
    assert.equal(isRealDate(0, 1, 1), false);
    assert.equal(isRealDate(2023, 1, 1.5), false);
  });
  test('date keys', () => {
    assert.equal(dateKey(1949, 12, 31), 19491231);
    assert.equal(isRealDateKey(19491231), true);
    assert.equal(isRealDateKey(19490231), false);
    assert.equal(isRealDateKey(19000229), false);
    assert.equal(isRealDateKey(20000229), true);
  });
  test('readDigits and realDateKeyAt work on strings', () => {
    assert.equal(readDigits('ab1949', 2, 4), 1949);
    assert.equal(readDigits('ab19x9', 2, 4), -1);
    assert.equal(readDigits('1949', 2, 4), -1);
    assert.equal(realDateKeyAt('11010519491231002X', 6), 19491231);
    assert.equal(realDateKeyAt('11010519491331002X', 6), -1);
  });
  test('isoDateKey parses the analysis date and throws on bad input', () => {
    assert.equal(isoDateKey('2024-06-30'), 20240630);
    assert.equal(isoDateKey('2024-06-30'), 20240630);
    assert.equal(isoDateKey('2024-02-29'), 20240229);
    assert.throws(() => isoDateKey('2023-02-29'), RangeError);
    assert.throws(() => isoDateKey('20240630'), RangeError);
    assert.throws(() => isoDateKey('2024/06/30'), RangeError);
  });
});
