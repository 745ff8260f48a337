import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkMemberName, chooseNameEncoding, decodeCp437, decodeSingleName, decodeWith } from './names.js';

const gbk = (hexText: string) => Buffer.from(hexText, 'hex');
// 名单.csv in GBK: C3FB B5A5
const GBK_NAME = Buffer.concat([gbk('c3fbb5a5'), Buffer.from('.csv')]);

describe('member names', () => {
  test('a container without the UTF-8 flag: UTF-8 first, then GB18030, else CP437', () => {
    assert.equal(chooseNameEncoding([Buffer.from('a.csv')]), 'ascii');
    assert.equal(chooseNameEncoding([Buffer.from('名单.csv', 'utf8'), Buffer.from('x')]), 'utf-8');
    assert.equal(chooseNameEncoding([GBK_NAME]), 'gb18030');
    // 0xFF is neither UTF-8 nor a GB18030 lead byte
    assert.equal(chooseNameEncoding([GBK_NAME, Buffer.from([0x41, 0xff])]), 'cp437');
    assert.deepEqual(decodeWith(GBK_NAME, 'gb18030'), { name: '名单.csv', encoding: 'gb18030' });
    assert.deepEqual(decodeWith(Buffer.from('plain.csv'), 'gb18030'), {
      name: 'plain.csv',
      encoding: 'ascii',
    });
    assert.equal(decodeCp437(Buffer.from([0x81, 0x41, 0xe1])), 'üAß');
    assert.deepEqual(decodeSingleName(Buffer.from([0xff, 0x41])), { name: 'ÿA', encoding: 'latin1' });
  });

  test('absolute paths, drive letters, .. components and NUL are refused; the rest is normalised', () => {
    for (const bad of [
      '/etc/passwd',
      '\\\\server\\share\\x',
      'C:\\x.csv',
      'c:x',
      '../x.csv',
      'a/../../x',
      'a\\..\\x',
      'a\0b',
      '',
      './',
    ]) {
      const r = checkMemberName(bad, true);
      assert.equal(r.ok, false, bad);
    }
    assert.match((checkMemberName('../x.csv', true) as { reason: string }).reason, /path traversal/);
    assert.match((checkMemberName('/etc/x', true) as { reason: string }).reason, /absolute path/);
    assert.match((checkMemberName('C:\\x', true) as { reason: string }).reason, /drive letter/);
    assert.deepEqual(checkMemberName('./a//b/./c.csv', false), { ok: true, normalized: 'a/b/c.csv' });
    assert.deepEqual(checkMemberName('dir\\c.csv', true), { ok: true, normalized: 'dir/c.csv' });
    assert.deepEqual(checkMemberName('dir\\c.csv', false), { ok: true, normalized: 'dir\\c.csv' });
    assert.deepEqual(checkMemberName('..a/b..', false), { ok: true, normalized: '..a/b..' });
  });
});
