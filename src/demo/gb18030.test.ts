import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeGb18030 } from './gb18030.js';

const decode = (b: Uint8Array) => new TextDecoder('gb18030', { fatal: true }).decode(b);

test('known GB18030 byte sequences', () => {
  assert.deepEqual([...encodeGb18030('中文')], [0xd6, 0xd0, 0xce, 0xc4]);
  assert.deepEqual([...encodeGb18030('a,1\r\n')], [0x61, 0x2c, 0x31, 0x0d, 0x0a]);
  assert.deepEqual([...encodeGb18030('１')], [0xa3, 0xb1]);
  assert.deepEqual([...encodeGb18030('\u0080')], [0x81, 0x30, 0x81, 0x30]); // first four-byte pointer
  assert.deepEqual([...encodeGb18030('😀')], [0x94, 0x39, 0xfc, 0x36]); // supplementary plane (pointer 189000 + 0xF600)
});

test('round trip through the fatal gb18030 decoder: ASCII, all CJK unified ideographs, full-width forms', () => {
  let s = '';
  for (let c = 0x20; c < 0x7f; c++) s += String.fromCharCode(c);
  for (let c = 0x4e00; c <= 0x9fa5; c++) s += String.fromCharCode(c);
  for (let c = 0xff01; c <= 0xff5e; c++) s += String.fromCharCode(c);
  s += '某某酒店2020年旅客入住登记表（续）·—“”…€𠀀';
  assert.equal(decode(encodeGb18030(s)), s);
});

test('every encodable BMP character round-trips', () => {
  let s = '';
  for (let c = 0x80; c < 0x10000; c++) {
    if ((c >= 0xd800 && c <= 0xdfff) || (c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd) continue; // surrogates, PUA
    s += String.fromCharCode(c);
  }
  assert.equal(decode(encodeGb18030(s)), s);
});

test('a lone surrogate is refused', () => {
  assert.throws(() => encodeGb18030('a\ud800b'), /lone surrogate/u);
});
