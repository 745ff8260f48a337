import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BinaryContentError, detectEncoding } from './detect.js';

const enc = new TextEncoder();
const utf8 = (s: string) => enc.encode(s);
function utf16le(s: string, bom: boolean): Uint8Array {
  const b = Buffer.from(s, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), b]) : b;
}
function utf16be(s: string, bom: boolean): Uint8Array {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return bom ? Buffer.concat([Buffer.from([0xfe, 0xff]), be]) : be;
}
/** GBK bytes of 姓名,身份证号,手机号 / 张三 / 李四 (hand-encoded, GB 2312 code points). */
const GBK_HEADER = [
  0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0x2c, 0xca, 0xd6, 0xbb, 0xfa,
  0xba, 0xc5, 0x0a,
];
const GBK_ROW = [
  0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31, 0x31, 0x30, 0x2c, 0x31, 0x33, 0x38, 0x0a, 0xc0, 0xee, 0xcb, 0xc4, 0x2c,
  0x31, 0x2c, 0x32, 0x0a,
];

describe('detectEncoding', () => {
  test('UTF-8 with BOM is certain and skips 3 bytes', () => {
    const g = detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('姓名,手机号\n')]), true);
    assert.equal(g.encoding, 'utf-8-bom');
    assert.equal(g.bomLength, 3);
    assert.equal(g.confidence, 1);
  });
  test('UTF-16LE and UTF-16BE byte-order marks', () => {
    assert.equal(
      detectEncoding(utf16le('姓名\t手机号\n张三\t13800138000\n', true), true).encoding,
      'utf-16le',
    );
    const be = detectEncoding(utf16be('姓名\t手机号\n', true), true);
    assert.equal(be.encoding, 'utf-16be');
    assert.equal(be.bomLength, 2);
  });
  test('UTF-16LE without BOM is recognised from its NUL pattern', () => {
    const g = detectEncoding(
      utf16le('name,mobile\nzhang,13800138000\nli,13900139000\n'.repeat(4), false),
      false,
    );
    assert.equal(g.encoding, 'utf-16le');
    assert.equal(g.bomLength, 0);
    assert.ok(g.confidence < 1);
  });
  test('strict UTF-8 with Chinese text', () => {
    const g = detectEncoding(utf8('姓名,身份证号\n张三,11010519491231002X\n'), true);
    assert.equal(g.encoding, 'utf-8');
    assert.equal(g.confidence, 1);
  });
  test('a multi-byte character cut at the end of a partial sample is still UTF-8', () => {
    const bytes = utf8('张三,李四,王五');
    const cut = bytes.subarray(0, bytes.length - 1);
    assert.equal(detectEncoding(cut, false).encoding, 'utf-8');
  });
  test('ASCII-only text is UTF-8 with reduced confidence', () => {
    const g = detectEncoding(utf8('13800138000----abc123\n'), true);
    assert.equal(g.encoding, 'utf-8');
    assert.equal(g.confidence, 0.9);
  });
  test('GBK bytes are decoded as GB18030 (the superset), never ICU gbk', () => {
    const bytes = new Uint8Array([...GBK_HEADER, ...GBK_ROW, ...GBK_ROW, ...GBK_ROW]);
    const g = detectEncoding(bytes, true);
    assert.equal(g.encoding, 'gb18030');
    assert.equal(new TextDecoder('gb18030').decode(bytes).split('\n')[0], '姓名,身份证号,手机号');
  });
  test('GB18030 four-byte characters decode (𠮷 = 95 34 B2 35)', () => {
    const bytes = new Uint8Array([...GBK_HEADER, 0x95, 0x34, 0xb2, 0x35, 0x2c, 0x31, 0x0a, ...GBK_ROW]);
    const g = detectEncoding(bytes, true);
    assert.equal(g.encoding, 'gb18030');
    assert.ok(new TextDecoder('gb18030').decode(bytes).includes('𠮷'));
  });
  test('Big5 text is told apart from GB18030', () => {
    // 姓名,電話 / 張三,台北市 / 陳大文,高雄市 in Big5
    const big5 = Buffer.from(
      'a9 6d a6 57 2c b9 71 b8 dc 0a b1 69 a4 54 2c a5 78 a5 5f a5 ab 0a b3 af a4 6a a4 e5 2c b0 aa b6 af a5 ab 0a'
        .split(' ')
        .map((h) => Number.parseInt(h, 16)),
    );
    const text = new TextDecoder('big5').decode(big5);
    assert.ok(text.startsWith('姓名,電話'), text);
    const g = detectEncoding(new Uint8Array(Buffer.concat([big5, big5, big5, big5])), true);
    assert.equal(g.encoding, 'big5');
  });
  test('binary content is refused with the byte offset', () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x41, 0x42]);
    assert.throws(
      () => detectEncoding(bytes, true),
      (e: unknown) => e instanceof BinaryContentError && e.offset === 5,
    );
  });
});

describe('detectEncoding with damaged UTF-8', () => {
  test('a few invalid bytes in UTF-8 text keep UTF-8 (lower confidence), so the rest decodes right', () => {
    const bytes = Buffer.concat([
      Buffer.from('姓名,手机号\n张三,13800138000\n李四,13900139000\n'),
      Buffer.from([0xff, 0xfe, 0x2c, 0x31, 0x0a]),
    ]);
    const g = detectEncoding(bytes, true);
    assert.equal(g.encoding, 'utf-8');
    assert.equal(g.confidence, 0.8);
    assert.match(g.evidence, /2 invalid byte/);
  });
  test('GBK text is not mistaken for damaged UTF-8', () => {
    const bytes = new Uint8Array([...GBK_HEADER, ...GBK_ROW, ...GBK_ROW]);
    assert.equal(detectEncoding(bytes, true).encoding, 'gb18030');
  });
});
