/**
 * verify: re-hashes files, archives and archive members against the custody log, checks the chain and the
 * outputs; through the CLI, exit 0 when everything matches and EXIT_INTEGRITY on any mismatch.
 */
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { main } from '../cli/index.js';
import { EXIT_INTEGRITY, EXIT_OK, type Io } from '../cli/output.js';
import { generateDemo } from '../demo/generate.js';
import { buildTar, buildZip } from '../ingest/archives/fixtures.js';
import { analyzeCase } from './analyze.js';
import { verifyCase } from './verify.js';

let dir = '';
let evidence = '';
let out = '';
let paths: string[] = [];

function capture(): { io: Io; text: () => string } {
  let buf = '';
  const w = new Writable({
    write(chunk, _e, cb) {
      buf += String(chunk);
      cb();
    },
  });
  return { io: { out: w, err: w, isTTY: false }, text: () => buf };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-verify-'));
  const truth = await generateDemo(join(dir, 'case'), { records: 200, seed: 9 });
  evidence = join(dir, 'case', 'evidence');
  paths = truth.items.map((i) => i.path);
  const first = await readFile(join(evidence, paths[0]!));
  await writeFile(
    join(evidence, 'pack.zip'),
    buildZip([
      { name: 'a/copy.csv', data: first },
      { name: '../bad.csv', data: 'x' },
      { name: 'inner.tar', data: buildTar([{ name: 'deep.csv', data: first }]), method: 0 },
    ]),
  );
  out = join(dir, 'out');
  await analyzeCase({ evidenceRoot: evidence, outDir: out, analysisDate: truth.generator.analysis_date });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('verify', () => {
  test('an untouched case verifies: files, archives, members, outputs; the temporary copies are removed', async () => {
    const r = await verifyCase({ outDir: out });
    assert.equal(r.ok, true, JSON.stringify(r.rows.filter((x) => x.status !== 'ok')));
    assert.equal(r.chain.ok, true);
    const status = new Map(r.rows.map((x) => [x.item, `${x.kind}:${x.status}`]));
    for (const p of paths) assert.equal(status.get(p), 'file:ok', p);
    assert.equal(status.get('pack.zip'), 'archive:ok');
    assert.equal(status.get('pack.zip!/inner.tar'), 'archive:ok');
    assert.equal(status.get('pack.zip!/a/copy.csv'), 'member:ok');
    assert.equal(status.get('pack.zip!/inner.tar!/deep.csv'), 'member:ok');
    assert.equal(status.get('pack.zip!/../bad.csv'), 'member:refused');
    assert.equal(status.get('summary.json'), 'output:ok');
    assert.equal(status.get('report.html'), 'output:ok');
    assert.ok(!(await readdir(join(out, '.xinjian'))).some((n) => n.startsWith('verify-')));
    const c = capture();
    assert.equal(await main(['verify', '--out', out], c.io), EXIT_OK);
    assert.match(c.text(), /custody chain: intact/);
    assert.match(c.text(), /verified: \d+ hash\(es\) match/);
  });

  test('a changed member, a changed file, a missing file, a new file and an edited summary are mismatches', async () => {
    const first = await readFile(join(evidence, paths[0]!));
    await writeFile(
      join(evidence, 'pack.zip'),
      buildZip([
        { name: 'a/copy.csv', data: Buffer.concat([first, Buffer.from('\n')]) },
        { name: '../bad.csv', data: 'x' },
        { name: 'inner.tar', data: buildTar([{ name: 'deep.csv', data: first }]), method: 0 },
      ]),
    );
    await appendFile(join(evidence, paths[1]!), 'x');
    await unlink(join(evidence, paths[2]!));
    await writeFile(join(evidence, 'new.csv'), 'a,b\n');
    await appendFile(join(out, 'summary.json'), ' ');
    const r = await verifyCase({ outDir: out });
    assert.equal(r.ok, false);
    const status = new Map(r.rows.map((x) => [x.item, x.status]));
    assert.equal(status.get('pack.zip'), 'changed');
    assert.equal(status.get('pack.zip!/a/copy.csv'), 'changed');
    assert.equal(status.get('pack.zip!/inner.tar!/deep.csv'), 'ok');
    assert.equal(status.get(paths[1]!), 'changed');
    assert.equal(status.get(paths[2]!), 'missing');
    assert.equal(status.get('new.csv'), 'new');
    assert.equal(status.get('summary.json'), 'changed');
    assert.equal(status.get('report.html'), 'ok');
    const c = capture();
    assert.equal(await main(['verify', '--out', out], c.io), EXIT_INTEGRITY);
    assert.match(c.text(), /CHANGED +member +[0-9a-f]{16} +[0-9a-f]{16} +pack\.zip!\/a\/copy\.csv/);
    assert.match(c.text(), /NOT VERIFIED: 6 mismatch\(es\)/);
  });

  test('a tampered custody log fails the chain check', async () => {
    const p = join(out, 'custody.jsonl');
    const text = await readFile(p, 'utf8');
    await writeFile(p, text.replace('"action":"item_hashed"', '"action":"item_hashed","note":"edited"'));
    const r = await verifyCase({ outDir: out });
    assert.equal(r.chain.ok, false);
    assert.equal(r.ok, false);
    const c = capture();
    assert.equal(await main(['verify', '--out', out, '--json'], c.io), EXIT_INTEGRITY);
    assert.equal(JSON.parse(c.text()).chain.ok, false);
    await writeFile(p, text);
  });

  test('usage: --out is required; a folder without a custody log is refused', async () => {
    const c = capture();
    assert.equal(await main(['verify'], c.io), 2);
    assert.equal(await main(['verify', '--out', join(dir, 'nothing')], c.io), 2);
    assert.match(c.text(), /no custody log/);
  });
});
