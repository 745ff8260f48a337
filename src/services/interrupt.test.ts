import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ItemLayout, OpenedItem, RowEvent } from '../ingest/source.js';
import { StopRequested, stopSignalName, watchRows } from './interrupt.js';

const layout: ItemLayout = {
  format: 'csv',
  encoding: null,
  delimiter: ',',
  delimiterEvidence: '',
  header: null,
  headerLine: null,
  titleLines: [],
  columns: 1,
  headerEvidence: '',
};

const rec = (line: number): RowEvent => ({ kind: 'record', line, endLine: line, fields: [String(line)] });

/** A reader written as a class with private state, as readers may be. */
class FakeReader implements OpenedItem {
  readonly suffix = null;
  readonly layout = layout;
  readonly sample: string[][] = [];
  closed = 0;
  #read = 0;
  async *rows(): AsyncGenerator<RowEvent> {
    try {
      for (let i = 1; i <= 10; i++) {
        this.#read = i;
        yield rec(i);
      }
    } finally {
      this.closed++;
    }
  }
  async *batches(): AsyncGenerator<readonly RowEvent[]> {
    try {
      for (let i = 0; i < 5; i++) {
        this.#read = (i + 1) * 3;
        yield [rec(i * 3 + 1), rec(i * 3 + 2), rec(i * 3 + 3)];
      }
    } finally {
      this.closed++;
    }
  }
  progress() {
    return { bytes: this.#read, total: 15 };
  }
}

test('the watched item counts rows and passes everything else through (methods keep their this)', async () => {
  const reader = new FakeReader();
  const counter = { rows: 0 };
  const item = watchRows(reader, counter, new AbortController().signal);
  assert.equal(item.layout, layout);
  const seen: number[] = [];
  for await (const ev of item.rows()) if (ev.kind === 'record') seen.push(ev.line);
  assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  // one call per event, and the last call that ends the pass
  assert.equal(counter.rows, 11);
  assert.deepEqual(item.progress?.(), { bytes: 10, total: 15 });
  const b = { rows: 0 };
  const batched = watchRows(reader, b, undefined) as FakeReader;
  let n = 0;
  for await (const batch of batched.batches()) n += batch.length;
  assert.equal(n, 15);
  assert.equal(b.rows, 15);
  assert.equal(reader.closed, 2);
});

test('an aborted signal stops the pass with StopRequested and closes the reader', async () => {
  for (const method of ['rows', 'batches'] as const) {
    const reader = new FakeReader();
    const stop = new AbortController();
    const item = watchRows(reader, { rows: 0 }, stop.signal) as FakeReader;
    let got = 0;
    await assert.rejects(async () => {
      for await (const _ of item[method]()) {
        got++;
        if (got === 2) stop.abort('SIGINT');
      }
    }, StopRequested);
    assert.equal(got, 2, method);
    assert.equal(reader.closed, 1, `${method}: the reader's finally block ran`);
  }
});

test('a stop request names its signal', () => {
  const a = new AbortController();
  a.abort('SIGTERM');
  assert.equal(stopSignalName(a.signal), 'SIGTERM');
  const b = new AbortController();
  b.abort();
  assert.equal(stopSignalName(b.signal), 'abort');
});
