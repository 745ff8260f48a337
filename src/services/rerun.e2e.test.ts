/**
 * A new run in an output folder that holds an earlier run's outputs: the earlier summary.json and reports are
 * listed (with their SHA-256) in the custody log and removed before anything is read, so that a run that stops
 * leaves nothing that looks like its own result; sample files stay. An output folder inside the evidence folder
 * is refused before anything is written.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { UsageError } from '../core/errors.js';
import { generateDemo } from '../demo/generate.js';
import { analyzeCase, OUTPUT_FILES } from './analyze.js';
import { readCustodyLog } from './custody.js';
import { AnalysisInterrupted } from './interrupt.js';

let dir = '';
let evidence = '';
let date = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-rerun-'));
  const truth = await generateDemo(join(dir, 'case'), { records: 400, seed: 3 });
  evidence = join(dir, 'case', 'evidence');
  date = truth.generator.analysis_date;
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test("a stopped rerun leaves none of the earlier run's summary and reports; the custody log lists them", async () => {
  const out = join(dir, 'out');
  await analyzeCase({ evidenceRoot: evidence, outDir: out, analysisDate: date });
  const earlier = new Map<string, string>();
  for (const f of OUTPUT_FILES) {
    if (existsSync(join(out, f))) earlier.set(f, sha256(await readFile(join(out, f))));
  }
  assert.ok(earlier.has('summary.json') && earlier.has('report.html'), [...earlier.keys()].join(', '));
  await writeFile(join(out, 'sample.json'), '{"kept":true}\n');

  const stop = new AbortController();
  stop.abort();
  await assert.rejects(
    analyzeCase({ evidenceRoot: evidence, outDir: out, analysisDate: date, signal: stop.signal }),
    AnalysisInterrupted,
  );
  for (const f of OUTPUT_FILES) assert.equal(existsSync(join(out, f)), false, f);
  assert.equal(await readFile(join(out, 'sample.json'), 'utf8'), '{"kept":true}\n');

  const { entries } = await readCustodyLog(join(out, 'custody.jsonl'));
  const started = entries.filter((e) => e.action === 'analysis_started');
  assert.equal(started.length, 2);
  assert.equal(started[0]!.details?.['previous_outputs_removed'], undefined);
  const removed = started[1]!.details?.['previous_outputs_removed'] as { file: string; sha256: string }[];
  assert.deepEqual(new Map(removed.map((r) => [r.file, r.sha256])), earlier);
  assert.equal(entries.at(-1)!.action, 'analysis_interrupted');

  // A full rerun writes them again.
  await analyzeCase({ evidenceRoot: evidence, outDir: out, analysisDate: date });
  assert.equal(sha256(await readFile(join(out, 'summary.json'))), earlier.get('summary.json'));
});

test('an output folder that is the evidence folder or inside it is refused, and nothing is written', async () => {
  for (const out of [evidence, join(evidence, 'report'), join(evidence, '..', 'evidence', 'x')]) {
    const before = await readdir(evidence);
    await assert.rejects(
      analyzeCase({ evidenceRoot: evidence, outDir: out, analysisDate: date }),
      (e: Error) => {
        assert.ok(e instanceof UsageError, String(e));
        assert.match(e.message, /evidence folder/);
        return true;
      },
    );
    assert.deepEqual(await readdir(evidence), before);
  }
  // A sibling whose name starts with the evidence folder's name is outside it.
  const sibling = `${evidence}-out`;
  const r = await analyzeCase({ evidenceRoot: evidence, outDir: sibling, analysisDate: date });
  assert.equal(r.failedItems, 0);
});
