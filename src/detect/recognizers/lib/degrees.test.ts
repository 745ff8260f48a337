import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseDegree } from './degrees.js';

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((a) => a.join(''));

test('plain decimals (the fast path) parse exactly as the full parse of the same text with spaces around it', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 999 }), digits(1, 15), (int, frac) => {
      const token = `${int}.${frac}`;
      const fast = parseDegree(token);
      assert.deepEqual(fast, { value: Number(token), hemisphere: '', text: token, precise: true });
      // Surrounding spaces miss the fast path: the full parse trims them and must agree.
      assert.deepEqual(parseDegree(` ${token} `), fast);
    }),
    { numRuns: 2000 },
  );
});

test('shapes outside the fast path keep their canonical text', () => {
  assert.equal(parseDegree('030.50')?.text, '30.50');
  assert.equal(parseDegree('+30.5')?.text, '30.5');
  assert.equal(parseDegree('-0.0')?.text, '0.0');
  assert.equal(parseDegree('30.5N')?.hemisphere, 'N');
  assert.equal(parseDegree('S30.5')?.text, '-30.5');
  assert.equal(parseDegree('30')?.precise, false);
  assert.equal(parseDegree('1000.5'), null);
  assert.equal(parseDegree('30.1234567890123456'), null);
});
