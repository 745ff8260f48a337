import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { IngestError } from '../../../core/errors.js';
import { detectEncoding } from '../../encoding/detect.js';
import type { OpenedItem, RowEvent } from '../../source.js';
import { jsonReader, ndjsonReader } from './index.js';
import { openJson, openNdjson } from './reader.js';

let dir = '';
let n = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-json-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(text: string, chunkBytes?: number): Promise<OpenedItem[]> {
  const p = join(dir, `j${n++}.json`);
  await writeFile(p, text);
  const bytes = await readFile(p);
  const enc = detectEncoding(bytes.subarray(0, 65536), true);
  return openJson(p, 'data.json', enc, text.slice(0, 65536), chunkBytes ? { chunkBytes } : {});
}

async function openNd(text: string): Promise<OpenedItem> {
  const p = join(dir, `n${n++}.ndjson`);
  await writeFile(p, text);
  return openNdjson(p, 'data.ndjson', detectEncoding(await readFile(p), true));
}

async function all(item: OpenedItem): Promise<RowEvent[]> {
  const out: RowEvent[] = [];
  for await (const e of item.rows()) out.push(e);
  return out;
}

const short = (e: RowEvent) =>
  e.kind === 'record'
    ? `R${e.line}${e.endLine !== e.line ? `-${e.endLine}` : ''}`
    : e.kind === 'non_record'
      ? `${e.reason[0]}${e.line}`
      : `W${e.line}`;

const recs = (evs: RowEvent[]) => evs.flatMap((e) => (e.kind === 'record' ? [e.fields] : []));

describe('JSON reader', () => {
  test('array of objects: nested keys dotted, arrays indexed, digits kept, null empty, union of keys', async () => {
    const text =
      '[\n  {"name": "张三", "id": 110101199003077890, "phones": ["13800138000", "139"], "addr": {"city": "北京"}},\n  {"name": "李四", "x": null, "ok": true, "late": 1.50}\n]\n';
    const [it] = await open(text);
    assert.equal(it!.suffix, null);
    assert.equal(it!.layout.format, 'json');
    assert.deepEqual(it!.layout.header, [
      'name',
      'id',
      'phones[0]',
      'phones[1]',
      'addr.city',
      'x',
      'ok',
      'late',
    ]);
    const ev = await all(it!);
    assert.deepEqual(ev.map(short), ['s1', 'R2', 'R3', 's4']);
    assert.deepEqual(recs(ev), [
      ['张三', '110101199003077890', '13800138000', '139', '北京', '', '', ''],
      ['李四', '', '', '', '', '', 'true', '1.50'],
    ]);
  });

  test('wrapped data: one item per record array; wrapper lines go to the first item; duplicates get #2', async () => {
    const text =
      '{\n  "code": 0,\n  "data": {\n    "list": [\n      {"a": 1},\n\n      {"a": 2, "a": 3}\n    ],\n    "total": 2\n  },\n  "orders": [{"o": "x"}],\n  "tags": ["t1"]\n}\n';
    const items = await open(text);
    assert.deepEqual(
      items.map((i) => i.suffix),
      ['#data.list', '#orders'],
    );
    const a = await all(items[0]!);
    assert.deepEqual(a.map(short), [
      'c1',
      'c2',
      'c3',
      's4',
      'R5',
      'b6',
      'W7',
      'R7',
      's8',
      'c9',
      'c10',
      'c12',
      'c13',
    ]);
    assert.deepEqual(items[0]!.layout.header, ['a', 'a#2']);
    assert.deepEqual(recs(a), [
      ['1', ''],
      ['2', '3'],
    ]);
    const b = await all(items[1]!);
    assert.deepEqual(b.map(short), ['R11']);
  });

  test('a single object is one record; a scalar array gives one column "value"', async () => {
    const [one] = await open('{"name":"王五","phone":"13700137000"}');
    assert.deepEqual(recs(await all(one!)), [['王五', '13700137000']]);
    const [sc] = await open('["13800138000", "13900139000"]');
    assert.deepEqual(sc!.layout.header, ['value']);
    assert.deepEqual(recs(await all(sc!)), [['13800138000'], ['13900139000']]);
  });

  test('concatenated top-level objects are records', async () => {
    const [it] = await open('{"a":1}\n{"a":2}\n');
    assert.deepEqual(recs(await all(it!)), [['1'], ['2']]);
  });

  test('minified array: all records on line 1, the same at any chunk size', async () => {
    const arr = Array.from({ length: 300 }, (_, i) => ({
      姓名: `人${i}`,
      电话: `138${String(i).padStart(8, '0')}`,
      s: 'a"\\b\n',
    }));
    const text = JSON.stringify(arr);
    const ref = await all((await open(text))[0]!);
    assert.equal(ref.filter((e) => e.kind === 'record').length, 300);
    assert.ok(ref.every((e) => e.line === 1));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2000 }), async (chunk) => {
        assert.deepEqual(await all((await open(text, chunk))[0]!), ref);
      }),
      { numRuns: 15 },
    );
  });

  test('truncated file: records before the cut are kept, the cut one is counted with a warning', async () => {
    const [it] = await open('[{"a":"1"},\n{"a":"2","b":"x');
    const ev = await all(it!);
    assert.deepEqual(recs(ev), [['1'], ['2']]);
    assert.ok(ev.some((e) => e.kind === 'warning' && e.warning === 'unbalanced_quote' && e.line === 2));
  });

  test('a syntax error fails the item with line and column', async () => {
    await assert.rejects(open('[{"a":1},\n{"a":2,,}]\n'), (e: unknown) => {
      assert.ok(e instanceof IngestError);
      assert.match(e.message, /^data\.json: not valid JSON at line 2, column 8/);
      return true;
    });
  });

  test('deep nesting is refused, not a stack overflow', async () => {
    await assert.rejects(open(`${'['.repeat(100000)}`), /nesting deeper than 512/);
  });
});

describe('NDJSON reader', () => {
  test('one record per line; blank lines; a line that is not JSON is a warned non-record line', async () => {
    const it = await openNd('{"a":1}\n\n{"a":2,"b":{"c":"d"}}\nnot json\n{"a":\n[1,"x"]\n');
    assert.equal(it.layout.format, 'ndjson');
    assert.deepEqual(it.layout.header, ['a', 'b.c', '[0]', '[1]']);
    const ev = await all(it);
    assert.deepEqual(ev.map(short), ['R1', 'b2', 'R3', 'W4', 'c4', 'W5', 'c5', 'R6']);
    assert.deepEqual(recs(ev), [
      ['1', '', '', ''],
      ['2', 'd', '', ''],
      ['', '', '1', 'x'],
    ]);
    const w = ev.find((e) => e.kind === 'warning' && e.line === 4);
    assert.ok(w?.kind === 'warning' && /not JSON .*not a record/.test(w.detail));
  });

  test('sniffing: extension, or lines of objects under a .json name', () => {
    const probe = (path: string, text: string) => ({
      path,
      head: new TextEncoder().encode(text),
      complete: true,
    });
    assert.equal(ndjsonReader.sniff(probe('a.jsonl', '')), 0.9);
    assert.ok(
      ndjsonReader.sniff(probe('a.json', '{"a":1}\n{"a":2}\n{"a":3}\n')) >
        jsonReader.sniff(probe('a.json', '')),
    );
    assert.equal(ndjsonReader.sniff(probe('a.json', '[{"a":1}]')), 0);
    assert.ok(jsonReader.sniff(probe('dump', '[{"a":1}]')) > 0.1);
    assert.equal(jsonReader.sniff(probe('x.txt', '[2020-01-01] log line')), 0);
  });
});
