import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ProgressEvent, ProgressTracker } from './progress.js';

test('the tracker reports the run, each item with its stages, and the phases, with times', () => {
  let now = 1_000;
  const events: ProgressEvent[] = [];
  const t = new ProgressTracker((e) => events.push(e), { clock: () => now, pollMs: 60_000 });
  t.phaseStart('collect');
  now += 500;
  t.runStart('/ev', [{ bytes: 1000 }, { bytes: 3000 }]);
  const hash = { bytes: 0 };
  t.itemStart(0, 'a.csv', 1000, hash);
  hash.bytes = 500;
  now += 100;
  t.poll();
  const rows = { rows: 0 };
  const staged = { rows: 0 };
  let read = 0;
  t.readStart('a.csv', () => read, rows, staged);
  now += 1000;
  read = 500;
  rows.rows = 40;
  staged.rows = 30;
  t.poll();
  t.rehashStart({ bytes: 0 });
  t.itemRead('a.csv', 80, 60, 'a.csv: 80 records (60 valid), utf-8');
  t.itemEnd(1000);
  t.itemStart(1, 'b.sqlite', 3000, { bytes: 3000 });
  t.readStart('b.sqlite#users', null, rows, staged);
  t.poll();
  t.itemFailed(1, 'b.sqlite#users', 'broken', 'b.sqlite#users: FAILED — broken');
  t.itemEnd(3000);
  t.phaseStart('engine_load');
  now += 250;
  t.phaseDone({ rows: 60 });
  t.phaseStart('reports');
  t.message('report.pdf: written (10 bytes)');
  now += 1000;
  t.runDone({ items: 2, failed_items: 1, records: 80, valid: 60 });
  t.close();

  assert.deepEqual(
    events.map((e) => e.type),
    [
      'phase_start',
      'phase_done',
      'run_start',
      'item_start',
      'item_progress',
      'item_progress',
      'item_done',
      'item_start',
      'item_progress',
      'item_failed',
      'phase_start',
      'phase_done',
      'phase_start',
      'message',
      'phase_done',
      'run_done',
    ],
  );
  for (const e of events) {
    assert.match(e.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(typeof e.elapsed, 'number');
  }
  const byType = (type: string) => events.filter((e) => e.type === type);
  const [hashing, reading, sqlite] = byType('item_progress') as Extract<
    ProgressEvent,
    { type: 'item_progress' }
  >[];
  assert.equal(hashing!.stage, 'hash');
  assert.equal(hashing!.bytes_read, 500);
  // hashing is 5% of an item's work: half of it done = 2.5% of 1000 bytes
  assert.equal(hashing!.run.bytes_done, 25);
  assert.equal(reading!.stage, 'read');
  assert.equal(reading!.bytes_read, 500);
  assert.equal(reading!.rows, 40);
  assert.equal(reading!.valid, 30);
  assert.equal(reading!.seconds, 1);
  assert.equal(reading!.run.bytes_done, 50 + 450);
  assert.equal(sqlite!.bytes_read, null, 'a reader without progress(): bytes unknown');
  assert.equal(sqlite!.path, 'b.sqlite#users');
  const done = byType('item_done')[0] as Extract<ProgressEvent, { type: 'item_done' }>;
  assert.equal(done.records, 80);
  assert.equal(done.seconds, 1);
  assert.equal(done.records_per_second, 80);
  const failed = byType('item_failed')[0] as Extract<ProgressEvent, { type: 'item_failed' }>;
  assert.deepEqual(failed.run, { items_done: 1, items: 2, bytes_done: 1000 + 150, bytes: 4000, records: 80 });
  const load = byType('phase_done')[1] as Extract<ProgressEvent, { type: 'phase_done' }>;
  assert.deepEqual([load.phase, load.seconds, load.rows], ['engine_load', 0.25, 60]);
  const end = events.at(-1) as Extract<ProgressEvent, { type: 'run_done' }>;
  assert.deepEqual(
    { ...end, time: undefined },
    {
      type: 'run_done',
      seconds: 2.85,
      items: 2,
      failed_items: 1,
      records: 80,
      valid: 60,
      bytes: 4000,
      elapsed: 2.85,
      time: undefined,
    },
  );
});

test('without a listener nothing is emitted and no timer runs', () => {
  const t = new ProgressTracker();
  assert.equal(t.enabled, false);
  t.phaseStart('collect');
  t.runStart('/ev', [{ bytes: 1 }]);
  t.itemStart(0, 'a', 1, { bytes: 0 });
  t.poll();
  assert.equal(t.phase, 'items');
  assert.equal(t.currentPath, 'a');
  t.itemEnd(1);
  assert.equal(t.itemsDone, 1);
  t.close();
});

test('the timer polls the item being read about five times a second', async () => {
  const events: ProgressEvent[] = [];
  const t = new ProgressTracker((e) => events.push(e));
  t.runStart('/ev', [{ bytes: 10 }]);
  t.itemStart(0, 'a', 10, { bytes: 0 });
  await new Promise((r) => setTimeout(r, 650));
  t.itemEnd(10);
  const n = events.filter((e) => e.type === 'item_progress').length;
  t.close();
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(n >= 2 && n <= 4, `${n} polls in 650 ms`);
  assert.equal(events.filter((e) => e.type === 'item_progress').length, n, 'no polls after the item ended');
});
