import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { ProgressEvent, ProgressEventBody, RunCounters } from '../services/progress.js';
import {
  BarRenderer,
  bar,
  createProgressSink,
  displayWidth,
  fitWidth,
  formatBytes,
  formatCount,
  formatDuration,
  NdjsonWriter,
  resolveMode,
} from './progress.js';

function capture(columns?: number) {
  const s = new PassThrough() as PassThrough & { columns?: number; isTTY?: boolean };
  if (columns !== undefined) s.columns = columns;
  const chunks: string[] = [];
  s.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return { s, chunks, text: () => chunks.join('') };
}

function ev(body: ProgressEventBody, elapsed = 0): ProgressEvent {
  return { ...body, time: new Date(Date.UTC(2026, 0, 1) + elapsed * 1000).toISOString(), elapsed };
}

const run = (done: number, bytes_done: number): RunCounters => ({
  items_done: done,
  items: 12,
  bytes_done,
  bytes: 12_000_000,
  records: 0,
});

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

test('formatting helpers', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(250 * 1024 * 1024), '250 MB');
  assert.equal(formatCount(999), '999');
  assert.equal(formatCount(1234), '1.2k');
  assert.equal(formatCount(999_700), '1.00M');
  assert.equal(formatCount(12_345_678), '12.3M');
  assert.equal(formatDuration(5), '0:05');
  assert.equal(formatDuration(3725), '1:02:05');
  assert.equal(formatDuration(Number.POSITIVE_INFINITY), '--:--');
  assert.equal(bar(0.5, 10), '[#####-----]');
  assert.equal(bar(2, 4), '[####]');
  assert.equal(displayWidth('张某/a.csv'), 10);
  assert.equal(fitWidth('张某/酒店/入住登记.csv', 12, true), '...登记.csv');
  assert.ok(displayWidth(fitWidth('张某/酒店/入住登记.csv', 12, true)) <= 12);
  assert.equal(fitWidth('abcdefghij', 6), 'abc...');
});

test('auto is a bar on a terminal and NDJSON otherwise', () => {
  const tty = capture();
  (tty.s as { isTTY?: boolean }).isTTY = true;
  assert.equal(resolveMode('auto', tty.s), 'bar');
  assert.equal(resolveMode('auto', capture().s), 'ndjson');
  assert.equal(resolveMode('plain', tty.s), 'plain');
});

test('NDJSON: one object per line with type and time; item_progress at most once a second per item', () => {
  const c = capture();
  let now = 0;
  const w = new NdjsonWriter(c.s, () => now);
  w.event(ev({ type: 'run_start', evidence_root: '/e', items: 12, bytes: 12_000_000 }));
  w.event(ev({ type: 'item_start', index: 0, path: 'a.csv', bytes: 1000, run: run(0, 0) }));
  const progress = (bytes: number) =>
    ev({
      type: 'item_progress',
      index: 0,
      path: 'a.csv',
      stage: 'read',
      bytes_read: bytes,
      bytes: 1000,
      rows: bytes,
      valid: bytes,
      seconds: now / 1000,
      run: run(0, bytes),
    });
  for (let t = 0; t <= 2000; t += 200) {
    now = t;
    w.event(progress(t / 2));
  }
  w.note('demo case written');
  const lines = c.text().trimEnd().split('\n');
  const objs = lines.map((l) => JSON.parse(l) as { type: string; time: string });
  for (const o of objs) {
    assert.equal(typeof o.type, 'string');
    assert.match(o.time, /^\d{4}-\d\d-\d\dT/);
  }
  assert.deepEqual(
    objs.map((o) => o.type),
    ['run_start', 'item_start', 'item_progress', 'item_progress', 'item_progress', 'message'],
  );
});

test('bars: drawn in place within the terminal width, at most ten redraws a second, erased at the end', async () => {
  const c = capture(80);
  let now = 1_000_000;
  const r = new BarRenderer(c.s, () => now);
  r.event(ev({ type: 'phase_start', phase: 'collect' }));
  r.event(ev({ type: 'run_start', evidence_root: '/e', items: 12, bytes: 12_000_000 }));
  r.event(
    ev({
      type: 'item_start',
      index: 2,
      path: '张某/酒店/2021年入住登记(续).csv',
      bytes: 1_000_000,
      run: run(2, 2e6),
    }),
  );
  const before = r.draws;
  // 50 progress events within 500 ms: at most ~5 redraws (plus the one pending)
  for (let i = 1; i <= 50; i++) {
    now += 10;
    r.event(
      ev({
        type: 'item_progress',
        index: 2,
        path: '张某/酒店/2021年入住登记(续).csv',
        stage: 'read',
        bytes_read: i * 10_000,
        bytes: 1_000_000,
        rows: i * 100,
        valid: i * 90,
        seconds: i / 100,
        run: run(2, 2e6 + i * 10_000),
      }),
    );
  }
  assert.ok(r.draws - before <= 6, `${r.draws - before} redraws in 0.5 s`);
  now += 1000;
  r.event(
    ev({
      type: 'item_done',
      index: 2,
      path: '张某/酒店/2021年入住登记(续).csv',
      bytes: 1_000_000,
      records: 5000,
      valid: 4500,
      seconds: 1.5,
      records_per_second: 3333,
      message: '张某/酒店/2021年入住登记(续).csv: 5000 records (4500 valid), utf-8',
      run: run(3, 3e6),
    }),
  );
  r.event(ev({ type: 'phase_start', phase: 'engine_load' }));
  r.event(
    ev({
      type: 'run_done',
      seconds: 3,
      items: 12,
      failed_items: 0,
      records: 5000,
      valid: 4500,
      bytes: 12_000_000,
    }),
  );
  const out = c.text();
  // Every bar line fits the terminal (79 columns), measured without the escape sequences (the lines printed
  // above the bars may wrap: they are not redrawn).
  const barLines = out
    .split(/\r|\n|\x1b\[1A/)
    .map((p) => p.replace(ANSI, ''))
    .filter((p) => /\[[#-]+\]/.test(p));
  assert.ok(barLines.length >= 4);
  for (const l of barLines) assert.ok(displayWidth(l) <= 79, `too wide: ${l}`);
  assert.match(out, /\[ 3\/12\] read /);
  assert.match(out, /rows\/s/);
  assert.match(out, /ETA \d+:\d\d/);
  assert.match(out, /total .*\d+%/);
  assert.match(out, /: 5000 records \(4500 valid\), utf-8\n/);
  assert.match(out, /done: 12 item\(s\)/);
  // After the end nothing is left of the bars: the output ends with the final line.
  assert.ok(out.endsWith('\n'));
  r.event(ev({ type: 'message', message: 'late' }));
  assert.ok(!c.text().includes('late'), 'events after the end are ignored');
});

test('plain mode writes the lines of earlier versions; none writes nothing', () => {
  const c = capture();
  const plain = createProgressSink('plain', c.s);
  assert.equal(plain.onEvent, undefined);
  plain.onProgress?.('a.csv: 3 records (2 valid), utf-8');
  assert.equal(c.text(), '  a.csv: 3 records (2 valid), utf-8\n');
  const n = capture();
  const none = createProgressSink('none', n.s);
  none.note('x');
  none.finish();
  assert.equal(none.onEvent, undefined);
  assert.equal(none.onProgress, undefined);
  assert.equal(n.text(), '');
});
