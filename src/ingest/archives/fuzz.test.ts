/**
 * Property tests: arbitrary bytes, and valid archives cut short or with bytes changed, never crash or hang the
 * expander; every member it reports as read has exactly the bytes that were put in (zip, gzip and 7z carry a
 * CRC-32, so damage is refused, never passed on); nothing is written outside the work folder.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { type ExpandedItem, Expander } from './expand.js';
import { buildTar, buildZip } from './fixtures.js';
import { DEFAULT_ARCHIVE_LIMITS } from './limits.js';
import { sevenZip } from './sevenzip.js';

let dir = '';
let n = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-fuzz-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function expand(bytes: Uint8Array, name: string): Promise<{ items: ExpandedItem[]; base: string }> {
  const base = join(dir, `c${++n}`);
  await mkdir(join(base, 'ev'), { recursive: true });
  const abs = join(base, 'ev', name);
  await writeFile(abs, bytes);
  const ex = new Expander({
    workDir: join(base, 'work'),
    limits: { ...DEFAULT_ARCHIVE_LIMITS, maxTotalBytes: 8 * 1024 * 1024, ratioFloorBytes: 1024 * 1024 },
  });
  const items = await ex.expand({
    path: name,
    absPath: abs,
    sha256: 'x',
    bytes: bytes.length,
    depth: 1,
    parent: null,
  });
  for (const it of items) {
    assert.ok(it.kind === 'file' || it.kind === 'error');
    if (it.kind === 'file') assert.ok(it.absPath.startsWith(join(base, 'work', 'extract')));
    else assert.ok(it.reason.length > 0);
  }
  const top = (await readdir(base)).sort();
  assert.ok(
    top.every((x) => x === 'ev' || x === 'work'),
    `unexpected ${top.join(',')}`,
  );
  return { items, base };
}

const members = fc.uniqueArray(
  fc.record({
    name: fc.stringMatching(/^[a-z]{1,8}\.csv$/),
    data: fc.uint8Array({ maxLength: 3000 }),
  }),
  { minLength: 1, maxLength: 5, selector: (m) => m.name },
);

/** Cuts and byte changes applied to a valid archive. */
const damage = fc.record({
  cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  flips: fc.array(
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 1, max: 255 })),
    {
      maxLength: 4,
    },
  ),
});

function apply(buf: Buffer, d: { cut: number | null; flips: [number, number][] }): Buffer {
  const out = Buffer.from(buf);
  for (const [at, x] of d.flips) {
    const i = Math.floor(at * out.length);
    out[i] = out[i]! ^ x;
  }
  return d.cut === null ? out : out.subarray(0, Math.floor(d.cut * out.length));
}

async function readBackExact(
  items: ExpandedItem[],
  prefix: string,
  original: Map<string, Uint8Array>,
): Promise<void> {
  for (const it of items) {
    if (it.kind !== 'file') continue;
    const name = it.path.slice(prefix.length);
    const want = original.get(name);
    assert.ok(want, `invented member ${it.path}`);
    const got = await readFile(it.absPath);
    assert.ok(Buffer.from(want).equals(got), `member ${it.path} differs from what was archived`);
    assert.equal(it.sha256, createHash('sha256').update(got).digest('hex'));
  }
}

const RUNS = 60;

describe('archive readers on arbitrary and damaged input', () => {
  for (const name of ['x.zip', 'x.tar', 'x.tar.gz', 'x.csv.gz']) {
    test(`${name}: arbitrary bytes never crash`, { timeout: 60_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
          await expand(bytes, name);
        }),
        { numRuns: RUNS },
      );
    });
  }

  test('damaged zip: members read are exactly the archived bytes', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(members, fc.boolean(), damage, async (ms, deflate, d) => {
        const zip = buildZip(
          ms.map((m) => ({ name: m.name, data: Buffer.from(m.data), method: deflate ? 8 : 0 })),
        );
        const { items } = await expand(apply(zip, d), 'x.zip');
        await readBackExact(items, 'x.zip!/', new Map(ms.map((m) => [m.name, m.data])));
      }),
      { numRuns: RUNS },
    );
  });

  test('damaged gzip: the item is exactly the original bytes or an error', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 5000 }), damage, async (data, d) => {
        const { items } = await expand(apply(gzipSync(data), d), 'x.csv.gz');
        assert.equal(items.length, 1);
        const it = items[0]!;
        if (it.kind === 'file') assert.ok(Buffer.from(data).equals(await readFile(it.absPath)));
      }),
      { numRuns: RUNS },
    );
  });

  test('damaged tar / tar.gz: never crash; a cut tar.gz yields only complete, exact members', {
    timeout: 60_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(members, damage, async (ms, d) => {
        const tar = buildTar(ms.map((m) => ({ name: m.name, data: Buffer.from(m.data) })));
        await expand(apply(tar, d), 'x.tar');
        const gz = gzipSync(tar);
        const { items } = await expand(apply(gz, d), 'x.tar.gz');
        // tar has no data checksum: member bytes are checked through the gzip trailer, which a cut removes
        if (d.flips.length === 0 || !items.some((i) => i.path === 'x.tar.gz'))
          await readBackExact(items, 'x.tar.gz!/', new Map(ms.map((m) => [m.name, m.data])));
      }),
      { numRuns: RUNS },
    );
  });

  test('damaged 7z: members read are exactly the archived bytes', { timeout: 120_000 }, async (t) => {
    const prog = await sevenZip();
    if (!prog) {
      t.skip('7-Zip (7zz) is not installed');
      return;
    }
    await fc.assert(
      fc.asyncProperty(members, damage, async (ms, d) => {
        const src = join(dir, `s${++n}`);
        await mkdir(src, { recursive: true });
        for (const m of ms) await writeFile(join(src, m.name), m.data);
        const out = join(dir, `a${n}.7z`);
        execFileSync(prog.program, ['a', '-bd', out, ...ms.map((m) => m.name)], {
          cwd: src,
          stdio: 'ignore',
        });
        const { items } = await expand(apply(await readFile(out), d), 'x.7z');
        await readBackExact(items, 'x.7z!/', new Map(ms.map((m) => [m.name, m.data])));
      }),
      { numRuns: 25 },
    );
  });
});
