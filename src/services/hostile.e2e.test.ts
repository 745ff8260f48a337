/**
 * End to end on hostile and broken evidence: a generated demo case plus a folder of zip bombs, path traversal,
 * links and devices in archives, truncated gzip/zip/tar/xlsx, a 100 MB line, a binary file named .csv, invalid
 * bytes, damaged 7z. Every bad item must come out as a failed item with its reason and position, nothing may be
 * written outside the analysis work folder, and every demo item must be counted exactly as in a clean run.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { generateDemo } from '../demo/generate.js';
import { buildTar, buildZip } from '../ingest/archives/fixtures.js';
import { sevenZip } from '../ingest/archives/sevenzip.js';
import { type AnalyzeResult, analyzeCase } from './analyze.js';
import { type CustodyEntry, readCustodyLog } from './custody.js';

const SEED = 11;
const RECORDS = 600;
const H = '可疑';

let dir = '';
let clean: AnalyzeResult;
let dirty: AnalyzeResult;
let dirtyParallel: AnalyzeResult;
let custody: CustodyEntry[] = [];
let demoPaths: string[] = [];
let have7z = false;
let treeBefore: string[] = [];
let treeAfter: string[] = [];

async function tree(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string) {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      out.push(relative(root, p));
      if (e.isDirectory()) await walk(p);
    }
  }
  await walk(root);
  return out.sort();
}

/** A zip whose members were written by us with arbitrary names, as a hostile tool would. */
async function buildHostileFolder(evidence: string, demoFile: string, demoRel: string): Promise<void> {
  const h = join(evidence, H);
  await mkdir(h, { recursive: true });
  const demo = await readFile(demoFile);
  // zip bombs: 40 MiB of zeros in ~40 KB, once with an honest size, once lying about it
  const zeros = Buffer.alloc(40 * 1024 * 1024);
  await writeFile(
    join(h, 'bomb.zip'),
    buildZip([
      { name: 'zeros.csv', data: zeros },
      { name: demoRel, data: demo },
    ]),
  );
  await writeFile(join(h, 'liar.zip'), buildZip([{ name: 'zeros.csv', data: zeros, declaredSize: 1000 }]));
  // traversal, absolute paths, links, devices; one good member (a copy of a demo file) and a GBK-named one
  const gbkName = Buffer.concat([Buffer.from('c3fbb5a5', 'hex'), Buffer.from('.csv')]); // 名单.csv
  await writeFile(
    join(h, 'traversal.zip'),
    buildZip([
      { name: '../../escape.csv', data: demo },
      { name: '/etc/cron.d/evil.csv', data: demo },
      { name: 'C:\\Windows\\evil.csv', data: demo },
      { name: 'link.csv', data: '/etc/passwd', unixMode: 0o120777 },
      { name: 'tty', unixMode: 0o020620 },
      { name: demoRel, data: demo },
      { name: gbkName, data: 'x\n', utf8Flag: false },
    ]),
  );
  // nested: tar.gz > zip, with a hard link, a fifo and a traversal member in the tar
  const inner = buildZip([{ name: `inner/${demoRel}`, data: demo }]);
  await writeFile(
    join(h, 'nested.tar.gz'),
    gzipSync(
      buildTar([
        { name: 'inner.zip', data: inner },
        { name: 'hard.csv', type: '1', linkname: 'inner.zip' },
        { name: 'pipe', type: '6' },
        { name: '../up.csv', data: 'u\n' },
      ]),
    ),
  );
  // truncated containers
  const gz = gzipSync(demo);
  await writeFile(join(h, 'cut.csv.gz'), gz.subarray(0, gz.length - 30));
  const zip = buildZip([{ name: 'a.csv', data: demo }]);
  await writeFile(join(h, 'cut.zip'), zip.subarray(0, zip.length - 60));
  const tar = buildTar([
    { name: 'first.csv', data: demo },
    { name: 'second.csv', data: demo },
  ]);
  const secondData = 512 + Math.ceil(demo.length / 512) * 512 + 512;
  await writeFile(join(h, 'cut.tar'), tar.subarray(0, secondData + 100));
  await writeFile(
    join(h, 'hidden.tar'),
    Buffer.concat([buildTar([{ name: 'ok.csv', data: 'a\n' }]), Buffer.from('hidden')]),
  );
  // a truncated xlsx (a zip without its central directory)
  const xlsx = buildZip([
    { name: '[Content_Types].xml', data: '<Types/>'.repeat(50) },
    { name: 'xl/workbook.xml', data: '<workbook/>'.repeat(50) },
  ]);
  await writeFile(join(h, 'cut.xlsx'), xlsx.subarray(0, xlsx.length - 40));
  // a 100 MB line
  const fh = await open(join(h, 'longline.csv'), 'w');
  await fh.write('姓名,手机号\n');
  const mb = Buffer.alloc(1024 * 1024, 0x61);
  for (let i = 0; i < 100; i++) await fh.write(mb);
  await fh.write('\n张三,13800138000\n');
  await fh.close();
  // binary content named .csv; invalid bytes in a UTF-8 text
  await writeFile(
    join(h, 'binary.csv'),
    Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)),
  );
  await writeFile(
    join(h, 'badbytes.csv'),
    Buffer.concat([
      Buffer.from('姓名,手机号\n张三,13800138000\n'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from(',13900139000\n'),
    ]),
  );
  await symlink('/etc/passwd', join(h, 'link.csv'));
  // a damaged 7z (a byte of a stored member changed)
  const prog = await sevenZip();
  have7z = prog !== null;
  if (prog) {
    const src = join(dir, '7z-src');
    await mkdir(src, { recursive: true });
    await writeFile(join(src, 'a.csv'), demo);
    await writeFile(join(src, 'b.csv'), 'b,c\n'.repeat(300));
    const out = join(dir, 'damaged.7z');
    execFileSync(prog.program, ['a', '-bd', '-mx=0', out, 'a.csv', 'b.csv'], { cwd: src, stdio: 'ignore' });
    const b = await readFile(out);
    const at = b.indexOf(Buffer.from('b,c\nb,c\n'));
    b[at + 5] = 0x5a;
    await writeFile(join(h, 'damaged.7z'), b);
  }
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-hostile-'));
  const truth = await generateDemo(join(dir, 'clean'), { records: RECORDS, seed: SEED });
  await generateDemo(join(dir, 'dirty'), { records: RECORDS, seed: SEED });
  demoPaths = truth.items.map((i) => i.path);
  const demoRel = demoPaths[0]!;
  await buildHostileFolder(join(dir, 'dirty', 'evidence'), join(dir, 'dirty', 'evidence', demoRel), demoRel);
  const date = truth.generator.analysis_date;
  clean = await analyzeCase({
    evidenceRoot: join(dir, 'clean', 'evidence'),
    outDir: join(dir, 'out-clean'),
    analysisDate: date,
  });
  treeBefore = await tree(dir);
  dirty = await analyzeCase({
    evidenceRoot: join(dir, 'dirty', 'evidence'),
    outDir: join(dir, 'out-dirty'),
    analysisDate: date,
  });
  treeAfter = await tree(dir);
  custody = (await readCustodyLog(dirty.custodyPath)).entries;
  // The same folder read by two worker threads (items re-opened in the workers, results taken in order).
  dirtyParallel = await analyzeCase({
    evidenceRoot: join(dir, 'dirty', 'evidence'),
    outDir: join(dir, 'out-dirty-workers'),
    analysisDate: date,
    workers: 2,
  });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function item(path: string) {
  const it = dirty.summary.items.find((i) => i.path === path);
  assert.ok(
    it,
    `no item '${path}' in summary.json (have: ${dirty.summary.items.map((i) => i.path).join(' | ')})`,
  );
  return it;
}

function failed(path: string): void {
  const it = item(path);
  assert.notEqual(it.error, null, `${path} should have failed`);
  assert.equal(it.records, 0, `${path} must not be counted`);
}

/** The reason collect logged for an item (member_refused, archive_failed, item_refused). */
function loggedReason(path: string): string {
  const e = custody.find(
    (x) =>
      x.item === path &&
      ['member_refused', 'archive_failed', 'item_refused', 'item_missing'].includes(x.action),
  );
  assert.ok(e, `no custody entry with the reason for ${path}`);
  return `${String(e.details?.['error'])} (${String(e.details?.['position'] ?? '')})`;
}

/** Expected failures from archives: item path → reason pattern (with the position in it). */
function archiveFailures(): [string, RegExp][] {
  const list: [string, RegExp][] = [
    [
      `${H}/bomb.zip!/zeros.csv`,
      /declares 41943040 expanded bytes from \d+ stored bytes, more than 200:1: refused as a compression bomb.*member #1 'zeros\.csv' \(header at byte 0\)/,
    ],
    [
      `${H}/liar.zip!/zeros.csv`,
      /expands more than 200:1 .* refused as a compression bomb|too many bytes in the stream/,
    ],
    [`${H}/traversal.zip!/../../escape.csv`, /path traversal \('\.\.'\).*member #1/],
    [`${H}/traversal.zip!//etc/cron.d/evil.csv`, /absolute path in member name.*member #2/],
    [`${H}/traversal.zip!/C:\\Windows\\evil.csv`, /absolute Windows path \(drive letter\).*member #3/],
    [`${H}/traversal.zip!/link.csv`, /symbolic link member \(→ \/etc\/passwd\): not followed.*member #4/],
    [`${H}/traversal.zip!/tty`, /device file member \(character device\).*member #5/],
    [
      `${H}/nested.tar.gz!/hard.csv`,
      /hard link member \(→ inner\.zip\).*member #2 'hard\.csv' \(header at byte \d+\)/,
    ],
    [`${H}/nested.tar.gz!/pipe`, /named pipe \(FIFO\) member.*member #3/],
    [`${H}/nested.tar.gz!/../up.csv`, /path traversal.*member #4/],
    [
      `${H}/cut.csv.gz`,
      /truncated gzip: the file ends inside the compressed stream.*end of file at byte \d+/,
    ],
    [`${H}/cut.zip`, /not a readable zip \(truncated or damaged\?\).*end of central directory/],
    [
      `${H}/cut.tar!/second.csv`,
      /truncated tar: member data ends after 100 of \d+ bytes.*member #2 'second\.csv' \(header at byte \d+\), data from byte \d+/,
    ],
    [`${H}/cut.tar`, /truncated tar/],
    [`${H}/hidden.tar`, /bytes after the end-of-archive marker are not zero padding.*first at byte 2048/],
  ];
  if (have7z)
    list.push([
      `${H}/damaged.7z!/b.csv`,
      /CRC-32 mismatch: the member's bytes are damaged.*member #2 'b\.csv'/,
    ]);
  return list;
}

describe('hostile evidence next to a demo case', { timeout: 180_000 }, () => {
  test('the run finishes and reports failed items; nothing is written outside the out folder', () => {
    // the archive failures, plus longline.csv, binary.csv, cut.xlsx and link.csv
    assert.equal(dirty.failedItems, archiveFailures().length + 4);
    const outside = treeAfter.filter((p) => !treeBefore.includes(p) && !p.startsWith('out-dirty'));
    assert.deepEqual(outside, [], 'files written outside out-dirty/');
    assert.ok(
      !treeAfter.some((p) => p.endsWith('escape.csv') || p.endsWith('evil.csv') || p.endsWith('up.csv')),
    );
  });

  test('every demo item is counted exactly as in a clean run', () => {
    for (const p of demoPaths) {
      const a = clean.summary.items.find((i) => i.path === p);
      const b = dirty.summary.items.find((i) => i.path === p);
      assert.deepEqual(b, a, p);
    }
    // copies of a demo file inside archives add only exact duplicates: distinct counts move only by the two
    // valid records of badbytes.csv
    const bad = item(`${H}/badbytes.csv`);
    assert.equal(bad.valid, 2);
    for (const [id, fig] of Object.entries(clean.summary.totals.categories)) {
      const got = dirty.summary.totals.categories[id as keyof typeof clean.summary.totals.categories];
      const plus: number = id === bad.category ? bad.valid : 0;
      assert.deepEqual(
        { records: got.records, subjects: got.subjects, count: got.count },
        { records: fig.records + plus, subjects: fig.subjects + plus, count: fig.count + plus },
        id,
      );
    }
  });

  test('good members next to bad ones are read and counted like the file they copy', () => {
    const d = demoPaths[0]!;
    const original = clean.summary.items.find((i) => i.path === d)!;
    for (const p of [
      `${H}/bomb.zip!/${d}`,
      `${H}/traversal.zip!/${d}`,
      `${H}/nested.tar.gz!/inner.zip!/inner/${d}`,
      `${H}/cut.tar!/first.csv`,
    ]) {
      const it = item(p);
      assert.equal(it.error, null, p);
      assert.equal(it.sha256, original.sha256, `${p}: same bytes as the demo file`);
      assert.deepEqual(
        { records: it.records, valid: it.valid, invalid: it.invalid, category: it.category },
        {
          records: original.records,
          valid: original.valid,
          invalid: original.invalid,
          category: original.category,
        },
      );
    }
    assert.equal(item(`${H}/traversal.zip!/名单.csv`).error, null, 'GBK member name decoded');
    assert.equal(item(`${H}/hidden.tar!/ok.csv`).error, null);
    if (have7z) assert.equal(item(`${H}/damaged.7z!/a.csv`).sha256, original.sha256);
    const member = custody.find(
      (e) => e.action === 'member_extracted' && e.item === `${H}/traversal.zip!/名单.csv`,
    );
    assert.equal(member?.details?.['name_encoding'], 'gb18030');
    assert.equal(member?.details?.['container'], `${H}/traversal.zip`);
    assert.match(String(member?.details?.['container_sha256']), /^[0-9a-f]{64}$/);
  });

  test('archive members and containers that cannot be read fail with the reason and the position', () => {
    for (const [path, re] of archiveFailures()) {
      failed(path);
      assert.match(loggedReason(path), re, path);
    }
  });

  test('files the readers refuse fail with their reason and position; invalid bytes are reported per line', () => {
    failed(`${H}/longline.csv`);
    assert.match(
      item(`${H}/longline.csv`).error!,
      /line 2 is longer than 16777216 characters; refusing to read it as one record/,
    );
    failed(`${H}/binary.csv`);
    assert.match(item(`${H}/binary.csv`).error!, /binary content, not text \(NUL byte at byte \d+\)/);
    failed(`${H}/cut.xlsx`);
    assert.match(item(`${H}/cut.xlsx`).error!, /truncated|end-of-central-directory|not a ZIP/i);
    failed(`${H}/link.csv`);
    assert.match(item(`${H}/link.csv`).error!, /symbolic link: not followed/);
    const bad = item(`${H}/badbytes.csv`);
    assert.equal(bad.error, null);
    assert.equal(bad.records, 2);
    assert.deepEqual(bad.detail?.warnings, { invalid_bytes: 1 });
    assert.deepEqual(
      (
        bad.detail as unknown as { warning_examples?: { line: number; kind: string }[] }
      ).warning_examples?.map((w) => [w.line, w.kind]),
      [[3, 'invalid_bytes']],
    );
  });

  test('worker threads give the same summary.json, byte for byte, as reading in one thread', async () => {
    assert.ok(dirtyParallel.summary.items.length > 20);
    assert.equal(
      await readFile(dirtyParallel.summaryPath, 'utf8'),
      await readFile(dirty.summaryPath, 'utf8'),
    );
    assert.equal(dirtyParallel.failedItems, dirty.failedItems);
  });

  test("summary.json carries each refused member's reason", () => {
    assert.ok(archiveFailures().length > 0);
    for (const [path, re] of archiveFailures()) assert.match(item(path).error ?? '', re, path);
  });
});
