import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32, dosDateTime, fixCoreDates, normalizeZip, readZip, writeZip } from './zip.js';

describe('deterministic ZIP', () => {
  const entries = [
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'word/document.xml', data: Buffer.from('中文'.repeat(500)) },
    { name: 'empty', data: Buffer.alloc(0) },
  ];

  test('round trip, and the same entries and time give the same bytes', () => {
    const a = writeZip(entries, '2026-01-01T00:00:00Z');
    const b = writeZip(entries, '2026-01-01T00:00:00Z');
    assert.ok(a.equals(b));
    assert.deepEqual(
      readZip(a).map((e) => [e.name, e.data.toString('utf8')]),
      entries.map((e) => [e.name, e.data.toString('utf8')]),
    );
    assert.ok(!a.equals(writeZip(entries, '2026-01-02T00:00:00Z')), 'the time is inside');
    assert.ok(normalizeZip(a, '2026-01-01T00:00:00Z').equals(a));
  });

  test('DOS date/time fields and CRC-32', () => {
    assert.deepEqual(dosDateTime('2026-01-01T00:00:00Z'), { date: (46 << 9) | (1 << 5) | 1, time: 0 });
    assert.deepEqual(dosDateTime('1980-01-01T12:34:56Z'), { date: 33, time: (12 << 11) | (34 << 5) | 28 });
    const data = Buffer.from('The quick brown fox jumps over the lazy dog');
    assert.equal(crc32(data), 0x414fa339);
    if (typeof zlibCrc32 === 'function') assert.equal(crc32(entries[1]!.data), zlibCrc32(entries[1]!.data));
  });

  test('core.xml dates are replaced with the stated time', () => {
    const xml =
      '<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2031-05-05T10:00:00.123Z</dcterms:created>' +
      '<dcterms:modified xsi:type="dcterms:W3CDTF">2031-05-05T10:00:00Z</dcterms:modified></cp:coreProperties>';
    assert.equal(
      fixCoreDates(xml, '2026-01-01T00:00:00Z'),
      '<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>' +
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>',
    );
  });
});
