/**
 * Worker processes through a shared task folder: `xinjian analyze --task-folder` with two `xinjian worker`
 * processes gives the same summary.json as reading in one thread (large files split into parts included); a
 * task whose worker died is given to another worker.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateDemo } from '../demo/generate.js';
import { analyzeCase } from './analyze.js';
import { type ItemTask, runItemTask, type TaskProgress } from './item-task.js';
import { FolderPool, PROGRESS_MS, serveQueue } from './task-queue.js';

const BIN = fileURLToPath(new URL('../../bin/xinjian.js', import.meta.url));
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-queue-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function startWorker(queue: string): {
  child: ChildProcess;
  done: Promise<{ code: number | null; err: string }>;
} {
  const child = spawn(process.execPath, [BIN, 'worker', queue], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (c) => {
    err += c;
  });
  const done = new Promise<{ code: number | null; err: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, err })),
  );
  return { child, done };
}

test('analyze --task-folder with two worker processes equals a one-thread run, byte for byte', async () => {
  const truth = await generateDemo(join(dir, 'case'), { records: 3000, seed: 5 });
  const evidence = join(dir, 'case', 'evidence');
  const date = truth.generator.analysis_date;
  const one = await analyzeCase({ evidenceRoot: evidence, outDir: join(dir, 'one'), analysisDate: date });
  const queue = join(dir, 'queue');
  const workers = [startWorker(queue), startWorker(queue)];
  const shared = await analyzeCase({
    evidenceRoot: evidence,
    outDir: join(dir, 'shared'),
    analysisDate: date,
    taskFolder: queue,
    partBytes: 16 * 1024,
  });
  const ends = await Promise.all(workers.map((w) => w.done));
  for (const e of ends) assert.equal(e.code, 0, e.err);
  const lines = ends.flatMap((e) => e.err.split('\n')).filter((l) => /: \d+ records$/.test(l));
  assert.ok(
    lines.some((l) => l.includes('[bytes ')),
    'some items were read in parts',
  );
  assert.ok(
    ends.every((e) => /: \d+ records$/m.test(e.err)),
    'both workers took tasks',
  );
  assert.equal(shared.failedItems, 0);
  assert.equal(
    (await readFile(shared.summaryPath, 'utf8')).replaceAll(join(dir, 'shared'), 'OUT'),
    (await readFile(one.summaryPath, 'utf8')).replaceAll(join(dir, 'one'), 'OUT'),
  );
  for (const sub of ['tasks', 'claimed', 'results']) assert.deepEqual(await readdir(join(queue, sub)), []);
  assert.ok(existsSync(join(queue, 'stop')));
});

/** The task of reading one CSV item `<name>-ev/a.csv` with the given text, staged to `<name>-out/000000.tsv`. */
async function csvTask(name: string, csv: string): Promise<ItemTask> {
  const ev = join(dir, `${name}-ev`);
  await mkdir(ev, { recursive: true });
  await writeFile(join(ev, 'a.csv'), csv);
  await mkdir(join(dir, `${name}-out`), { recursive: true });
  return itemTask(join(ev, 'a.csv'), join(dir, `${name}-out`, '000000.tsv'));
}

/** The task of reading the CSV item `a.csv` at `absPath`, staged to `stagingPath`. */
function itemTask(absPath: string, stagingPath: string): ItemTask {
  return {
    absPath,
    filePath: 'a.csv',
    tableIndex: 0,
    path: 'a.csv',
    holderIndex: 0,
    itemIndex: 0,
    analysisDate: '2026-01-01',
    columnRules: [],
    stagingPath,
  };
}

test('a claimed task whose worker stopped showing signs of life goes back to the queue', async () => {
  const queue = join(dir, 'stale');
  const task = await csvTask('stale', '姓名,手机号\n张伟,13800138000\n李娜,13900139000\n');
  const pool = new FolderPool(queue, { size: 1, staleMs: 300 });
  const result = pool.run(task);
  // A worker claims the task and dies: the claim file ages.
  let claimed: string[] = [];
  for (let i = 0; i < 50 && claimed.length === 0; i++) {
    const waiting = existsSync(join(queue, 'tasks')) ? await readdir(join(queue, 'tasks')) : [];
    for (const f of waiting)
      await rename(join(queue, 'tasks', f), join(queue, 'claimed', f)).catch(() => undefined);
    claimed = existsSync(join(queue, 'claimed')) ? await readdir(join(queue, 'claimed')) : [];
    if (claimed.length === 0) await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(claimed.length, 1);
  const old = new Date(Date.now() - 10_000);
  await utimes(join(queue, 'claimed', claimed[0]!), old, old);
  // A live worker serves the folder; the pool re-queues the stale claim and the live worker runs it.
  const serving = serveQueue(queue, (t) => runItemTask(t), { idleExitMs: 5_000 });
  const r = await result;
  assert.equal(r.ok, true, r.ok ? '' : r.error);
  assert.equal(r.ok && r.analysis.records, 2);
  await pool.close();
  assert.equal(await serving, 1);
  assert.match(await readFile(join(dir, 'stale-out', '000000.tsv'), 'utf8'), /\tm:13800138000\n/);
});

test("a remote task's byte progress reaches analyze through the folder, and its file is gone afterwards", async () => {
  const queue = join(dir, 'progress');
  const task = await csvTask('progress', '姓名,手机号\n张伟,13800138000\n');
  const pool = new FolderPool(queue, { size: 1 });
  const seen: TaskProgress[] = [];
  const result = pool.run(task, (p) => seen.push(p));
  // The worker's reading is slowed down so that several progress reports fall inside it.
  const serving = serveQueue(
    queue,
    async (t, onOpened) => {
      let bytes = 0;
      onOpened(() => ({ bytes, total: 1000, staged: bytes / 10 }));
      for (let i = 0; i < 6; i++) {
        bytes += 150;
        await new Promise((r) => setTimeout(r, PROGRESS_MS / 2));
      }
      return runItemTask(t);
    },
    { idleExitMs: 2_000 },
  );
  const r = await result;
  assert.equal(r.ok, true, r.ok ? '' : r.error);
  await pool.close();
  assert.equal(await serving, 1);
  assert.ok(seen.length >= 2, JSON.stringify(seen));
  assert.ok(seen.every((p) => p.total === 1000 && p.bytes !== null && p.bytes > 0 && p.bytes <= 900));
  assert.ok(
    seen.some((p, i) => i > 0 && p.bytes! > seen[i - 1]!.bytes!),
    JSON.stringify(seen),
  );
  assert.deepEqual(await readdir(join(queue, 'progress')), []);
});

test('a worker of another version refuses the task (the item fails with the reason)', async () => {
  const queue = join(dir, 'version');
  await mkdir(join(queue, 'tasks'), { recursive: true });
  await writeFile(
    join(queue, 'tasks', 'x.json'),
    JSON.stringify({
      version: '0.0.0-other',
      task: { path: 'a.csv', stagingPath: join(queue, 'never.tsv') },
    }),
  );
  await writeFile(join(queue, 'stop'), '');
  let ran = false;
  const n = await serveQueue(queue, async (t) => {
    ran = true;
    return runItemTask(t);
  });
  assert.equal(n, 1);
  assert.equal(ran, false);
  const r = JSON.parse(await readFile(join(queue, 'results', 'x.json'), 'utf8'));
  assert.equal(r.ok, false);
  assert.match(r.error, /the analysis is 0\.0\.0-other: not read/);
});

test('with no worker serving the folder the analysis says so once, and a stop fails the waiting tasks', async () => {
  const queue = join(dir, 'lonely');
  const said: string[] = [];
  const pool = new FolderPool(queue, { waitingMs: 300, onWaiting: (m) => said.push(m) });
  const result = pool.run(itemTask('/nonexistent', join(queue, 'a.tsv')));
  for (let i = 0; i < 40 && said.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(said.length, 1);
  assert.match(said[0]!, /no worker has taken a task .* start `xinjian worker .*lonely`/);
  await pool.close();
  const r = await result;
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /stopped/);
  assert.deepEqual(await readdir(join(queue, 'tasks')), []);
});
