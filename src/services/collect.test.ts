/**
 * collect: archives in the evidence folder become member items with custody entries naming their container; a
 * second run in the same out folder refuses items whose SHA-256 changed and reports items that disappeared.
 */
import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { generateDemo } from '../demo/generate.js';
import { buildTar, buildZip } from '../ingest/archives/fixtures.js';
import { analyzeCase } from './analyze.js';
import { collectEvidence, earlierRecords } from './collect.js';
import { CustodyLog, readCustodyLog } from './custody.js';

let dir = '';
let evidence = '';
let date = '';
let paths: string[] = [];
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-collect-'));
  const truth = await generateDemo(join(dir, 'case'), { records: 200, seed: 4 });
  evidence = join(dir, 'case', 'evidence');
  date = truth.generator.analysis_date;
  paths = truth.items.map((i) => i.path);
  const first = await readFile(join(evidence, paths[0]!));
  await writeFile(join(evidence, 'pack.zip'), buildZip([{ name: 'a/copy.csv', data: first }]));
  await writeFile(join(evidence, 'logs.tgz'), gzipSync(buildTar([{ name: 'copy2.csv', data: first }])));
  await writeFile(join(evidence, 'single.csv.gz'), gzipSync(first));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('collectEvidence', () => {
  test('members are items; the custody log names each container and its hash', async () => {
    const out = join(dir, 'out-a');
    await mkdir(out, { recursive: true });
    const log = await CustodyLog.open(join(out, 'custody.jsonl'));
    await log.append('analysis_started', { details: { evidence_root: evidence } });
    const entries = await collectEvidence(evidence, join(out, '.xinjian'), log);
    const names = entries.map((e) => e.path);
    assert.ok(names.includes('pack.zip!/a/copy.csv'));
    assert.ok(names.includes('logs.tgz!/copy2.csv'));
    assert.ok(names.includes('single.csv.gz'));
    for (const p of paths) assert.ok(names.includes(p), p);
    assert.ok(
      !names.includes('pack.zip') && !names.includes('logs.tgz'),
      'containers are not items themselves',
    );
    const member = entries.find((e) => e.path === 'pack.zip!/a/copy.csv')!;
    assert.equal(member.kind, 'file');
    assert.ok(member.absPath.startsWith(join(out, '.xinjian', 'extract')));
    const { entries: log1, check } = await readCustodyLog(log.path);
    assert.equal(check.ok, true);
    const opened = log1.find((e) => e.action === 'archive_opened' && e.item === 'pack.zip')!;
    const extracted = log1.find((e) => e.action === 'member_extracted' && e.item === 'pack.zip!/a/copy.csv')!;
    assert.equal(extracted.details?.['container'], 'pack.zip');
    assert.equal(extracted.details?.['container_sha256'], opened.sha256);
    assert.equal(extracted.sha256, member.sha256);
    assert.ok(extracted.seq > opened.seq);
    const started = log1.find((e) => e.action === 'evidence_collection_started')!;
    assert.equal((started.details!['archive_limits'] as { maxRatio: number }).maxRatio, 200);
    assert.equal(log1.at(-1)?.action, 'evidence_collection_finished');
  });

  test('a second run refuses changed items ("SHA-256 changed since …") and reports missing ones', async () => {
    const out = join(dir, 'out-b');
    const r1 = await analyzeCase({ evidenceRoot: evidence, outDir: out, analysisDate: date });
    assert.equal(r1.failedItems, 0);
    const again = await analyzeCase({ evidenceRoot: evidence, outDir: out, analysisDate: date });
    assert.equal(
      await readFile(again.summaryPath, 'utf8'),
      `${JSON.stringify(r1.summary, null, 2)}\n`,
      'unchanged evidence, same summary',
    );
    const changed = paths[1]!;
    const removed = paths[2]!;
    await appendFile(join(evidence, changed), '\n');
    await unlink(join(evidence, removed));
    await writeFile(join(evidence, 'pack.zip'), buildZip([{ name: 'a/copy.csv', data: 'other\n' }]));
    const log = await CustodyLog.open(join(out, 'custody.jsonl'));
    await log.append('analysis_started', { details: { evidence_root: evidence } });
    const entries = await collectEvidence(evidence, join(out, '.xinjian'), log);
    const byPath = new Map(entries.map((e) => [e.path, e]));
    const time = (await readCustodyLog(log.path)).entries.find(
      (e) => e.action === 'item_hashed' && e.item === changed,
    )!.time;
    assert.equal(byPath.get(changed)?.kind, 'error');
    assert.match(
      byPath.get(changed)!.reason!,
      new RegExp(
        `^SHA-256 changed since ${time.replace(/\./g, '\\.')} \\(custody log entry \\d+ recorded [0-9a-f]{64}, the file now has [0-9a-f]{64}\\): not analysed$`,
      ),
    );
    assert.equal(byPath.get('pack.zip')?.kind, 'error', 'a changed archive is refused whole');
    assert.match(byPath.get('pack.zip')!.reason!, /^SHA-256 changed since/);
    assert.ok(!byPath.has('pack.zip!/a/copy.csv'));
    assert.match(
      byPath.get(removed)!.reason!,
      /^missing: hashed at .* and no longer in the evidence folder$/,
    );
    assert.equal(
      byPath.get('logs.tgz!/copy2.csv')?.kind,
      'file',
      `unchanged archives are expanded as before: ${byPath.get('logs.tgz!/copy2.csv')?.reason}`,
    );
    const refused = (await readCustodyLog(log.path)).entries.filter(
      (e) => e.action === 'item_refused' || e.action === 'item_missing',
    );
    assert.deepEqual(refused.map((e) => e.item).sort(), [changed, removed, 'pack.zip'].sort());
    // the analysis reports them as failed items and reads everything else
    const r3 = await analyzeCase({ evidenceRoot: evidence, outDir: out, analysisDate: date });
    assert.equal(r3.failedItems, 3);
    for (const p of [changed, removed, 'pack.zip'])
      assert.notEqual(r3.summary.items.find((i) => i.path === p)?.error, null, p);
    const same = r3.summary.items.find((i) => i.path === paths[0]);
    assert.deepEqual(
      same,
      r1.summary.items.find((i) => i.path === paths[0]),
    );
  });

  test('earlier records come only from runs over the same evidence root', () => {
    const e = (
      seq: number,
      action: string,
      item: string | undefined,
      sha: string | undefined,
      details?: Record<string, unknown>,
    ) => ({
      seq,
      time: `t${seq}`,
      user: 'u',
      tool: 'x',
      engine: null,
      action,
      ...(item ? { item } : {}),
      ...(sha ? { sha256: sha } : {}),
      ...(details ? { details } : {}),
      prev: '',
    });
    const rec = earlierRecords(
      [
        e(1, 'analysis_started', undefined, undefined, { evidence_root: '/other' }),
        e(2, 'item_hashed', 'a.csv', 'aa'),
        e(3, 'analysis_started', undefined, undefined, { evidence_root: '/ev' }),
        e(4, 'item_hashed', 'b.csv', 'bb'),
        e(5, 'archive_opened', 'p.zip', 'pp', { format: 'zip', depth: 1 }),
        e(6, 'member_extracted', 'p.zip!/m.csv', 'mm', { container: 'p.zip' }),
        e(7, 'item_hashed', 'p.zip!/m.csv', 'mm'),
        e(8, 'item_hashed', 'b.csv', 'b2'),
      ],
      '/ev',
    );
    assert.equal(rec.runs, 1);
    assert.deepEqual([...rec.items.keys()].sort(), ['b.csv', 'p.zip!/m.csv']);
    assert.equal(rec.items.get('b.csv')?.sha256, 'bb', 'the first record is the reference');
    assert.deepEqual([...rec.topLevel.keys()].sort(), ['b.csv', 'p.zip']);
    assert.equal(rec.containers.get('zip:p.zip')?.sha256, 'pp');
  });
});
