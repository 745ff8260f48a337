/**
 * Ctrl-C: `xinjian analyze` (the built CLI, as a child process, stderr piped so progress is NDJSON) on a demo
 * case written by `xinjian demo DIR --records 200000` gets SIGINT once the first item is being read. It must
 * stop cleanly: exit code 130, an `analysis_interrupted` custody entry saying what was done, no summary.json and
 * no report, the work folder removed. A second Ctrl-C exits at once (130); SIGTERM gives 143. A rerun in the same
 * out folder gives a summary.json byte-identical to an uninterrupted run, and `xinjian verify` passes.
 * Also in-process: `analyzeCase` with an AbortSignal. Needs `npm run build` (npm test does it first).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyzeCase } from './analyze.js';
import { readCustodyLog } from './custody.js';
import { AnalysisInterrupted } from './interrupt.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'xinjian.js');
const BUILT = existsSync(join(ROOT, 'dist', 'cli', 'index.js'));
const RUN_LIMIT_MS = 180_000;

let dir = '';
let evidence = '';
let date = '';

interface Ran {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly events: { type: string; [k: string]: unknown }[];
  readonly stderr: string;
}

/** Runs `xinjian analyze`; sends `signals` (in order, `gapMs` apart) once the first item is being read. */
function analyze(out: string, signals: NodeJS.Signals[] = [], gapMs = 0): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'analyze', evidence, '--out', out, '--analysis-date', date], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let sent = false;
    child.stdout.resume();
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      if (sent || signals.length === 0) return;
      if (/"type":"(item_progress|item_done)"/.test(stderr)) {
        sent = true;
        signals.forEach((s, i) => {
          setTimeout(() => child.kill(s), i * gapMs);
        });
      }
    });
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`xinjian analyze ran longer than ${RUN_LIMIT_MS} ms:\n${stderr}`));
    }, RUN_LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      const events = stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { type: string });
      resolve({ code, signal, events, stderr });
    });
  });
}

function outputsOf(out: string): string[] {
  return existsSync(out) ? readdirSync(out).filter((f) => f !== 'custody.jsonl') : [];
}

before(async () => {
  if (!BUILT) return;
  dir = await mkdtemp(join(tmpdir(), 'xinjian-sigint-'));
  const demo = spawnSync(process.execPath, [BIN, 'demo', join(dir, 'case'), '--records', '200000'], {
    encoding: 'utf8',
  });
  assert.equal(demo.status, 0, demo.stderr);
  const truth = JSON.parse(await readFile(join(dir, 'case', 'truth.json'), 'utf8')) as {
    generator: { analysis_date: string };
  };
  evidence = join(dir, 'case', 'evidence');
  date = truth.generator.analysis_date;
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('analyze stopped by Ctrl-C, then run again', {
  skip: BUILT ? false : 'run `npm run build` first',
}, () => {
  test('exit 130, analysis_interrupted logged, no outputs; the rerun equals a clean run', {
    timeout: 600_000,
  }, async () => {
    const cleanOut = join(dir, 'clean');
    const clean = await analyze(cleanOut);
    assert.equal(clean.code, 0, clean.stderr);
    assert.ok(
      clean.events.every((e) => typeof e.type === 'string' && typeof e.time === 'string'),
      'stderr is NDJSON when piped',
    );
    assert.equal(clean.events.at(-1)?.type, 'run_done');
    const expected = await readFile(join(cleanOut, 'summary.json'));

    const out = join(dir, 'interrupted');
    const stopped = await analyze(out, ['SIGINT']);
    assert.equal(stopped.signal, null, 'it exits by itself, not killed by the signal');
    assert.equal(stopped.code, 130, stopped.stderr);
    assert.ok(stopped.events.some((e) => e.type === 'stopping' && e.signal === 'SIGINT'));
    const notice = stopped.events.find((e) => e.type === 'interrupted');
    assert.ok(notice, stopped.stderr);
    assert.match(String(notice.message), /interrupted by SIGINT.*no summary\.json or report was written/);
    assert.ok(!stopped.events.some((e) => e.type === 'run_done'));
    assert.deepEqual(outputsOf(out), [], 'no summary, no report, no work folder');

    const log = join(out, 'custody.jsonl');
    let { entries, check } = await readCustodyLog(log);
    assert.equal(check.ok, true, check.reason);
    const last = entries.at(-1)!;
    assert.equal(last.action, 'analysis_interrupted');
    const d = last.details ?? {};
    assert.equal(d['signal'], 'SIGINT');
    assert.equal(d['phase'], 'items');
    assert.equal(typeof d['items_finished'], 'number');
    assert.ok((d['items_finished'] as number) < (d['items'] as number), JSON.stringify(d));
    assert.equal(d['error'], undefined, 'stopped at a safe point, not by an error');
    assert.match(String(d['outputs']), /none written/);

    // a second Ctrl-C right after the first exits at once, also with 130
    const twice = await analyze(out, ['SIGINT', 'SIGINT'], 5);
    assert.equal(twice.code, 130, twice.stderr);
    assert.ok(!existsSync(join(out, 'summary.json')));
    // SIGTERM: 143
    const term = await analyze(out, ['SIGTERM']);
    assert.equal(term.code, 143, term.stderr);
    assert.ok(!existsSync(join(out, 'summary.json')));

    const rerun = await analyze(out);
    assert.equal(rerun.code, 0, rerun.stderr);
    const got = await readFile(join(out, 'summary.json'));
    assert.ok(got.equals(expected), 'summary.json differs from the uninterrupted run');

    ({ entries, check } = await readCustodyLog(log));
    assert.equal(check.ok, true, check.reason);
    assert.equal(entries.filter((e) => e.action === 'analysis_started').length, 4);
    assert.ok(entries.filter((e) => e.action === 'analysis_interrupted').length >= 2);
    assert.equal(entries.filter((e) => e.action === 'analysis_finished').length, 1);
    const verify = spawnSync(process.execPath, [BIN, 'verify', '--out', out], { encoding: 'utf8' });
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  });

  test('analyzeCase with an aborted signal throws AnalysisInterrupted and writes nothing', async () => {
    const out = join(dir, 'in-process');
    const stop = new AbortController();
    const types: string[] = [];
    await assert.rejects(
      analyzeCase({
        evidenceRoot: evidence,
        outDir: out,
        analysisDate: date,
        signal: stop.signal,
        onEvent: (e) => {
          types.push(e.type);
          if (e.type === 'item_start' && e.index === 1) stop.abort('SIGINT');
        },
      }),
      (e: unknown) => e instanceof AnalysisInterrupted && e.signal === 'SIGINT' && e.itemsDone === 1,
    );
    assert.deepEqual(outputsOf(out), []);
    const { entries } = await readCustodyLog(join(out, 'custody.jsonl'));
    const last = entries.at(-1)!;
    assert.equal(last.action, 'analysis_interrupted');
    assert.equal(last.details?.['items_finished'], 1);
    assert.equal(typeof last.details?.['current_item'], 'string', 'the item being hashed when it stopped');
    assert.ok(!types.includes('run_done'));
  });
});
