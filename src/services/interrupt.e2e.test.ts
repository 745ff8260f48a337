/**
 * Interruptions: `xinjian analyze` (the built CLI, as a child process) on a generated case of ~300k records is
 * killed with SIGKILL while collecting, while reading items and during the engine phase; the custody log is also
 * cut inside its last line, as a kill during an append leaves it. A rerun in the same out folder must produce a
 * summary.json byte-identical to an uninterrupted run, and the custody log must stay verifiable.
 * Needs `npm run build` (npm test does it first).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { generateDemo } from '../demo/generate.js';
import { buildZip } from '../ingest/archives/fixtures.js';
import { readCustodyLog, verifyCustodyChain } from './custody.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'xinjian.js');
const BUILT = existsSync(join(ROOT, 'dist', 'cli', 'index.js'));
const RECORDS = 300_000;
/** No single run of the CLI may take longer than this (a hang fails the test instead of holding CI). */
const RUN_LIMIT_MS = 180_000;

let dir = '';
let evidence = '';
let date = '';
let items = 0;

interface Ran {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly itemLines: number;
}

/** Runs the CLI; kills it (SIGKILL) when `killWhen` says so (checked on each progress line), or when the custody
 * log first contains `killAtLogText` (polled every few milliseconds). */
function analyze(
  out: string,
  killWhen?: (itemLines: number) => boolean,
  killAtLogText?: string,
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'analyze', evidence, '--out', out, '--analysis-date', date], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let itemLines = 0;
    let killed = false;
    const kill = () => {
      if (!killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.resume();
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      itemLines = stderr.split('\n').filter((l) => /: \d+ records \(|: FAILED/.test(l)).length;
      if (killWhen?.(itemLines)) kill();
    });
    const logPath = join(out, 'custody.jsonl');
    const startSize = existsSync(logPath) ? statSync(logPath).size : 0;
    const t1 =
      killAtLogText === undefined
        ? null
        : setInterval(() => {
            try {
              const b = readFileSync(logPath);
              if (b.subarray(startSize).includes(killAtLogText)) kill();
            } catch {
              // not created yet
            }
          }, 2);
    const guard = setTimeout(() => {
      kill();
      reject(new Error(`xinjian analyze ran longer than ${RUN_LIMIT_MS} ms:\n${stderr}`));
    }, RUN_LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (t1) clearInterval(t1);
      clearTimeout(guard);
      resolve({ code, signal, stderr, itemLines });
    });
  });
}

before(async () => {
  if (!BUILT) return;
  dir = await mkdtemp(join(tmpdir(), 'xinjian-interrupt-'));
  const truth = await generateDemo(join(dir, 'case'), { records: RECORDS, seed: 3 });
  evidence = join(dir, 'case', 'evidence');
  date = truth.generator.analysis_date;
  // archives too: their members are re-extracted and re-hashed by every run
  const first = await readFile(join(evidence, truth.items[0]!.path));
  await writeFile(join(evidence, 'copies.zip'), buildZip([{ name: 'a/copy.csv', data: first }]));
  await writeFile(join(evidence, 'copy.csv.gz'), gzipSync(first));
  items = truth.items.length + 2;
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('analyze killed at any point, then run again', {
  skip: BUILT ? false : 'run `npm run build` first',
}, () => {
  test('gives a summary.json byte-identical to an uninterrupted run', { timeout: 600_000 }, async () => {
    const cleanOut = join(dir, 'clean');
    const clean = await analyze(cleanOut);
    assert.equal(clean.code, 0, clean.stderr);
    assert.equal(clean.itemLines, items);
    const expected = await readFile(join(cleanOut, 'summary.json'));

    const out = join(dir, 'interrupted');
    // 1. early: as soon as the archives are being expanded (hashing, extracting, custody appends)
    const early = await analyze(out, undefined, '"action":"archive_opened"');
    assert.equal(early.signal, 'SIGKILL', 'the first run must be killed, not finish');
    assert.ok(early.itemLines < items);
    // 2. while reading items
    const reading = await analyze(out, (n) => n >= 3);
    assert.equal(reading.signal, 'SIGKILL');
    assert.ok(reading.itemLines >= 3 && reading.itemLines < items, `killed after ${reading.itemLines} items`);
    // 3. in the engine phase: every item read, counting not finished
    const engine = await analyze(out, (n) => n >= items);
    assert.equal(engine.signal, 'SIGKILL', 'killed during the engine phase');
    assert.ok(!existsSync(join(out, 'summary.json')), 'no summary from a killed run');
    // 4. a kill in the middle of a custody append leaves half a line: cut the log inside its last entry
    const log = join(out, 'custody.jsonl');
    const bytes = await readFile(log);
    const lastStart = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
    await truncate(log, lastStart + Math.floor((bytes.length - lastStart) / 2));
    assert.ok(verifyCustodyChain(await readFile(log)).partialTail, 'the log ends in a partial entry');

    const rerun = await analyze(out);
    assert.equal(rerun.code, 0, rerun.stderr);
    const got = await readFile(join(out, 'summary.json'));
    assert.ok(got.equals(expected), 'summary.json differs from the uninterrupted run');

    const { entries, check } = await readCustodyLog(log);
    assert.equal(check.ok, true, check.reason);
    assert.equal(check.recoveries, 1);
    assert.equal(entries.filter((e) => e.action === 'analysis_started').length, 4);
    assert.equal(entries.filter((e) => e.action === 'analysis_finished').length, 1);
    assert.equal(entries.filter((e) => e.action === 'recovered').length, 1);

    // the repeated runs logged the same hashes, so verify passes
    const verify = await new Promise<number | null>((resolve) => {
      const c = spawn(process.execPath, [BIN, 'verify', '--out', out], { stdio: 'ignore' });
      c.on('close', (code) => resolve(code));
    });
    assert.equal(verify, 0);
  });
});
