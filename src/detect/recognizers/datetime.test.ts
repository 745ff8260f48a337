import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DATETIME } from './datetime.js';

const ctx = { analysisDate: '2026-01-01' };
const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
const year = fc.integer({ min: 1850, max: 2150 }).map(String);

test('canonical dates and date-times take the fast path with the same verdict as the full path', () => {
  fc.assert(
    fc.property(year, two, two, two, two, two, (y, mo, d, h, mi, s) => {
      // `T` and `/` forms always take the full path and normalise to the canonical form.
      assert.deepEqual(
        DATETIME.match(`${y}-${mo}-${d} ${h}:${mi}:${s}`, ctx),
        DATETIME.match(`${y}-${mo}-${d}T${h}:${mi}:${s}`, ctx),
      );
      assert.deepEqual(DATETIME.match(`${y}-${mo}-${d}`, ctx), DATETIME.match(`${y}/${mo}/${d}`, ctx));
    }),
    { numRuns: 5000 },
  );
});

test('canonical examples', () => {
  assert.deepEqual(DATETIME.match('2020-02-29 23:59:59', ctx), {
    status: 'valid',
    normalized: '2020-02-29 23:59:59',
    pattern: 'ymd_time',
  });
  assert.equal(DATETIME.match('2019-02-29 10:00:00', ctx).status, 'invalid');
  assert.equal(DATETIME.match('2019-02-28 24:00:00', ctx).status, 'invalid');
  assert.equal(DATETIME.match('1899-12-31', ctx).status, 'invalid');
});
