import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byteSize } from './bytes.js';

test('byteSize: decimal and binary units, bare bytes, refusals', () => {
  assert.equal(byteSize('2GB'), 2e9);
  assert.equal(byteSize(' 512 MiB '), 512 * 2 ** 20);
  assert.equal(byteSize('1.5kb'), 1500);
  assert.equal(byteSize('4096'), 4096);
  assert.equal(byteSize('1TiB'), 2 ** 40);
  assert.equal(byteSize('2 GBs'), null);
  assert.equal(byteSize('-1GB'), null);
  assert.equal(byteSize(''), null);
});
