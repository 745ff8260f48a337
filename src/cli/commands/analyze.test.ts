import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli as run } from '../run.fixtures.js';

test('analyze --workers: a whole number; anything else is a usage error (exit 2)', async () => {
  for (const bad of ['-1', 'two', '1.5', '']) {
    const r = await run(['analyze', '/nonexistent', '--out', '/tmp/never', `--workers=${bad}`]);
    assert.equal(r.code, 2, `${bad}: ${r.err}`);
    assert.match(r.err, /--workers must be a whole number/);
  }
});

test('analyze --demo with --workers 0 and --workers 3 writes the same summary.json', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'xinjian-cli-workers-'));
  try {
    const summaries: string[] = [];
    for (const w of ['0', '3']) {
      const out = join(dir, `w${w}`);
      const r = await run(['analyze', '--demo', '--records', '800', '--out', out, '--workers', w, '--quiet']);
      assert.equal(r.code, 0, r.err);
      // The demo case is written under each out folder: only evidence_root may differ.
      summaries.push((await readFile(join(out, 'summary.json'), 'utf8')).replaceAll(out, 'OUT'));
    }
    assert.equal(summaries[1], summaries[0]);
    assert.match(summaries[0]!, /"records": 800/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
