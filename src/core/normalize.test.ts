import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { normalizeHeader, normalizeText } from './normalize.js';

/** The definition (counting-rules.md §2): NFKC, white space collapsed to one space, trimmed. */
const reference = (v: string): string => v.normalize('NFKC').replace(/\s+/gu, ' ').trim();

test('normalizeText: examples', () => {
  assert.equal(normalizeText('  张  三 '), '张 三');
  assert.equal(normalizeText('１３８００１３８０００'), '13800138000');
  assert.equal(normalizeText('11010519491231002X'), '11010519491231002X');
  assert.equal(normalizeText('李四'), '李四');
  assert.equal(normalizeText('\u3000王五\t'), '王五');
  assert.equal(normalizeText('㈱'), '(株)');
  assert.equal(normalizeText('Ａｂｃ'), 'Abc');
  assert.equal(normalizeText(''), '');
});

test('normalizeText equals the definition on arbitrary text (fast paths change nothing)', () => {
  const alphabet = fc.constantFrom(
    ...'aZ09 \t\u3000\u00a0\uff11\uff21\u4e00\u9fff\u9fa5\u3400\uf900\u2f00\u3231\u0301e\u00e9\u200b\ufeff#-,'.split(
      '',
    ),
  );
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 24 }), (chars) => {
      const v = chars.join('');
      assert.equal(normalizeText(v), reference(v));
    }),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (v) => {
      assert.equal(normalizeText(v), reference(v));
    }),
    { numRuns: 3000 },
  );
});

test('normalizeHeader strips decoration and case', () => {
  assert.equal(normalizeHeader(' 身份证号（18位）: '), '身份证号18位');
  assert.equal(normalizeHeader('SFZH'), 'sfzh');
});
