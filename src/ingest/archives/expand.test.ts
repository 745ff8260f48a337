import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { type ArchiveKind, archiveKindOf, type ExpandEvent, type ExpandedItem, Expander } from './expand.js';
import { buildTar, buildZip } from './fixtures.js';
import { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from './limits.js';
import { sevenZip } from './sevenzip.js';

let dir = '';
let n = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-expand-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

async function expand(
  bytes: Buffer,
  name: string,
  limits: Partial<ArchiveLimits> = {},
): Promise<{ items: ExpandedItem[]; events: ExpandEvent[]; work: string }> {
  const base = join(dir, `case-${++n}`);
  await mkdir(join(base, 'evidence'), { recursive: true });
  const abs = join(base, 'evidence', name);
  await writeFile(abs, bytes);
  const events: ExpandEvent[] = [];
  const work = join(base, 'work');
  const ex = new Expander({
    workDir: work,
    limits: { ...DEFAULT_ARCHIVE_LIMITS, ...limits },
    onEvent: (e) => {
      events.push(e);
    },
    takenPaths: [name],
  });
  const items = await ex.expand({
    path: name,
    absPath: abs,
    sha256: sha(bytes),
    bytes: bytes.length,
    depth: 1,
    parent: null,
  });
  return { items, events, work };
}

function byPath(items: readonly ExpandedItem[]): Record<string, ExpandedItem> {
  return Object.fromEntries(items.map((i) => [i.path, i]));
}

function errorOf(items: readonly ExpandedItem[], path: string): string {
  const it = items.find((i) => i.path === path);
  assert.ok(it, `no item ${path} in ${items.map((i) => i.path).join(', ')}`);
  assert.equal(it.kind, 'error', `${path} should be an error`);
  return (it as { reason: string }).reason;
}

async function fileText(items: readonly ExpandedItem[], path: string): Promise<string> {
  const it = items.find((i) => i.path === path);
  assert.ok(it && it.kind === 'file', `${path} should be a file`);
  const text = await readFile(it.absPath, 'utf8');
  assert.equal(it.sha256, sha(text));
  return text;
}

describe('archive kinds', () => {
  test('by name, case-insensitive; xlsx is not expanded', () => {
    const cases: [string, ArchiveKind | null][] = [
      ['a.zip', 'zip'],
      ['A.ZIP', 'zip'],
      ['a.tar', 'tar'],
      ['a.tar.gz', 'tar.gz'],
      ['a.tgz', 'tar.gz'],
      ['a.csv.gz', 'gzip'],
      ['a.7z', '7z'],
      ['a.xlsx', null],
      ['a.csv', null],
    ];
    for (const [name, kind] of cases) assert.equal(archiveKindOf(name), kind, name);
  });
});

describe('zip', () => {
  test('members are items named archive!/path, hashed, with the container and its hash in the custody events', async () => {
    const zip = buildZip([
      { name: 'dir/', data: '' },
      { name: 'dir/a.csv', data: 'x,y\n1,2\n' },
      { name: 'b.txt', data: 'hello', method: 0 },
    ]);
    const { items, events } = await expand(zip, 'case.zip');
    assert.deepEqual(
      items.map((i) => [i.path, i.kind]),
      [
        ['case.zip!/dir/a.csv', 'file'],
        ['case.zip!/b.txt', 'file'],
      ],
    );
    assert.equal(await fileText(items, 'case.zip!/dir/a.csv'), 'x,y\n1,2\n');
    const m = events.find((e) => e.type === 'member_extracted' && e.path === 'case.zip!/b.txt');
    assert.ok(m && m.type === 'member_extracted');
    assert.deepEqual(m.container, { path: 'case.zip', sha256: sha(zip) });
    assert.equal(m.sha256, sha('hello'));
    const done = events.find((e) => e.type === 'container_done');
    assert.ok(done && done.type === 'container_done');
    assert.equal(done.details['name_encoding'], 'ascii');
  });

  test('GBK names without the flag are read as GB18030 and the choice is recorded; flagged names as UTF-8', async () => {
    const gbkName = Buffer.concat([Buffer.from('c3fbb5a5', 'hex'), Buffer.from('.csv')]); // 名单.csv
    const zip = buildZip([{ name: gbkName, data: 'a\n', utf8Flag: false }]);
    const { items, events } = await expand(zip, 'gbk.zip');
    assert.equal(await fileText(items, 'gbk.zip!/名单.csv'), 'a\n');
    const m = events.find((e) => e.type === 'member_extracted');
    assert.ok(m && m.type === 'member_extracted');
    assert.equal(m.header?.nameEncoding, 'gb18030');
    assert.equal(m.header?.rawNameHex, gbkName.toString('hex'));
    const u = await expand(buildZip([{ name: '通讯录.csv', data: 'b\n' }]), 'utf.zip');
    assert.equal(await fileText(u.items, 'utf.zip!/通讯录.csv'), 'b\n');
    const mu = u.events.find((e) => e.type === 'member_extracted');
    assert.equal(mu?.type === 'member_extracted' && mu.header?.nameEncoding, 'utf-8 (zip flag 0x800)');
    // UTF-8 bytes without the flag (as many tools write them) are still UTF-8
    const nf = await expand(buildZip([{ name: '名单.csv', data: 'c\n', utf8Flag: false }]), 'noflag.zip');
    assert.equal(await fileText(nf.items, 'noflag.zip!/名单.csv'), 'c\n');
  });

  test('traversal, absolute paths, links and devices are item errors; nothing is written outside the work folder', async () => {
    const zip = buildZip([
      { name: '../escape.csv', data: 'bad\n' },
      { name: '/etc/evil.csv', data: 'bad\n' },
      { name: 'C:\\evil.csv', data: 'bad\n' },
      { name: 'link.csv', data: '/etc/passwd', unixMode: 0o120777 },
      { name: 'dev', unixMode: 0o020644 },
      { name: 'fifo', unixMode: 0o010644 },
      { name: 'good.csv', data: 'ok\n' },
    ]);
    const { items, work } = await expand(zip, 'evil.zip');
    assert.match(
      errorOf(items, 'evil.zip!/../escape.csv'),
      /path traversal \('\.\.'\).*member #1 '\.\.\/escape\.csv' \(header at byte 0\)/,
    );
    assert.match(errorOf(items, 'evil.zip!//etc/evil.csv'), /absolute path/);
    assert.match(errorOf(items, 'evil.zip!/C:\\evil.csv'), /drive letter/);
    assert.match(
      errorOf(items, 'evil.zip!/link.csv'),
      /symbolic link member \(→ \/etc\/passwd\): not followed/,
    );
    assert.match(errorOf(items, 'evil.zip!/dev'), /device file member \(character device\)/);
    assert.match(errorOf(items, 'evil.zip!/fifo'), /named pipe/);
    assert.equal(await fileText(items, 'evil.zip!/good.csv'), 'ok\n');
    // Only one file was written, in the flat extract folder
    assert.deepEqual(await readdir(join(work, 'extract')), ['0000001.csv']);
    assert.deepEqual((await readdir(join(dir, `case-${n}`))).sort(), ['evidence', 'work']);
  });

  test('a wrong CRC, an encrypted member, an unsupported method and a false size fail alone', async () => {
    const zip = buildZip([
      { name: 'crc.csv', data: 'abc\n', crc: 1234 },
      { name: 'enc.csv', data: 'abc\n', encrypted: true },
      { name: 'lzma.csv', data: 'abc\n', methodField: 14 },
      { name: 'size.csv', data: 'abcdef\n', declaredSize: 3 },
      { name: 'ok.csv', data: 'fine\n' },
    ]);
    const { items, work } = await expand(zip, 'bad.zip');
    assert.match(errorOf(items, 'bad.zip!/crc.csv'), /CRC-32 mismatch.*stored 000004d2/);
    assert.match(errorOf(items, 'bad.zip!/enc.csv'), /encrypted member/);
    assert.match(errorOf(items, 'bad.zip!/lzma.csv'), /compression method 14 \(LZMA\) is not supported/);
    assert.match(
      errorOf(items, 'bad.zip!/size.csv'),
      /zip member data error: too many bytes in the stream.*member #4/,
    );
    assert.equal(await fileText(items, 'bad.zip!/ok.csv'), 'fine\n');
    assert.equal((await readdir(join(work, 'extract'))).length, 1, 'failed members leave no file');
  });

  test('a truncated zip (no central directory) is one error for the container', async () => {
    const zip = buildZip([{ name: 'a.csv', data: 'a,b\n'.repeat(100) }]);
    const { items } = await expand(zip.subarray(0, zip.length - 30), 'cut.zip');
    assert.equal(items.length, 1);
    assert.match(
      errorOf(items, 'cut.zip'),
      /not a readable zip \(truncated or damaged\?\).*end of central directory/,
    );
  });

  test('zip bombs: ratio, declared size, member count, total size and overlapping members', async () => {
    const zeros = Buffer.alloc(4 * 1024 * 1024);
    const small = { ratioFloorBytes: 1024 * 1024 };
    const bomb = await expand(
      buildZip([
        { name: 'zeros.csv', data: zeros },
        { name: 'ok.csv', data: 'ok\n' },
      ]),
      'bomb.zip',
      small,
    );
    assert.match(
      errorOf(bomb.items, 'bomb.zip!/zeros.csv'),
      /more than 200:1: refused as a compression bomb/,
    );
    assert.equal(await fileText(bomb.items, 'bomb.zip!/ok.csv'), 'ok\n');
    // a false (small) declared size does not get past the streaming check
    const liar = await expand(
      buildZip([{ name: 'zeros.csv', data: zeros, declaredSize: 10 }]),
      'liar.zip',
      small,
    );
    assert.match(errorOf(liar.items, 'liar.zip!/zeros.csv'), /200:1|too many bytes/);
    const big = await expand(buildZip([{ name: 'big.csv', data: 'x'.repeat(5000) }]), 'big.zip', {
      maxMemberBytes: 4096,
    });
    assert.match(errorOf(big.items, 'big.zip!/big.csv'), /over the per-member limit of 4096 bytes/);
    const many = await expand(
      buildZip(Array.from({ length: 12 }, (_, i) => ({ name: `m${i}.csv`, data: 'a\n' }))),
      'many.zip',
      { maxMembers: 10 },
    );
    assert.deepEqual(
      many.items.map((i) => i.path),
      ['many.zip'],
    );
    assert.match(errorOf(many.items, 'many.zip'), /declares 12 members, more than the limit of 10/);
    const total = await expand(
      buildZip([
        { name: 'a.csv', data: 'a'.repeat(600) },
        { name: 'b.csv', data: 'b'.repeat(600) },
      ]),
      'total.zip',
      { maxTotalBytes: 1000 },
    );
    assert.equal(total.items[0]?.kind, 'file');
    assert.match(errorOf(total.items, 'total.zip!/b.csv'), /total expansion limit of 1000 bytes/);
    // overlapping members (non-recursive zip bombs): two central entries pointing at the same local header
    const one = buildZip([
      { name: 'a.csv', data: 'same\n' },
      { name: 'b.csv', data: 'same\n' },
    ]);
    const cdStart = one.readUInt32LE(one.length - 6);
    const second = cdStart + 46 + 5;
    const overlapped = Buffer.from(one);
    overlapped.writeUInt32LE(0, second + 42);
    const ov = await expand(overlapped, 'overlap.zip');
    assert.match(errorOf(ov.items, 'overlap.zip!/b.csv'), /overlaps member #1/);
  });

  test('duplicate member names get a suffix instead of hiding one another', async () => {
    const { items } = await expand(
      buildZip([
        { name: 'a.csv', data: '1\n' },
        { name: 'a.csv', data: '2\n' },
      ]),
      'dup.zip',
    );
    assert.deepEqual(
      items.map((i) => i.path),
      ['dup.zip!/a.csv', 'dup.zip!/a.csv (duplicate name, member #2)'],
    );
  });
});

describe('gzip and tar', () => {
  test('a plain .gz is one item under its own name; concatenated members and zero padding are read', async () => {
    const gz = Buffer.concat([gzipSync('a,b\n'), gzipSync('c,d\n'), Buffer.alloc(64)]);
    const { items, events } = await expand(gz, 'list.csv.gz');
    assert.equal(items.length, 1);
    assert.equal(await fileText(items, 'list.csv.gz'), 'a,b\nc,d\n');
    assert.ok(items[0]!.kind === 'file' && items[0]!.absPath.endsWith('.csv'));
    const done = events.find((e) => e.type === 'container_done');
    assert.equal(done?.type === 'container_done' && done.details['gzip_padding_bytes'], 64);
  });

  test('truncated, corrupt and trailing-garbage gzip files are errors with the position', async () => {
    const gz = gzipSync(Buffer.from('x,y\n'.repeat(5000)));
    const cut = await expand(gz.subarray(0, gz.length - 100), 'cut.csv.gz');
    assert.match(
      errorOf(cut.items, 'cut.csv.gz'),
      /truncated gzip: the file ends inside the compressed stream.*end of file at byte \d+/,
    );
    const bad = Buffer.from(gz);
    bad[gz.length - 3] = (bad[gz.length - 3]! + 1) & 0xff; // stored length
    assert.match(
      errorOf((await expand(bad, 'len.csv.gz')).items, 'len.csv.gz'),
      /gzip data error: incorrect length check/,
    );
    const big = gzipSync(
      buildTar([
        { name: 'a.csv', data: 'a\n'.repeat(100) },
        { name: 'b.csv', data: 'b\n'.repeat(30000) },
      ]),
    );
    const crc = Buffer.from(big);
    crc[gz.length - 6] = (crc[gz.length - 6]! + 1) & 0xff; // stored CRC-32
    assert.match(
      errorOf((await expand(crc, 'crc.csv.gz')).items, 'crc.csv.gz'),
      /gzip data error: incorrect data check \(the CRC-32 stored in the gzip trailer does not match.*\), after \d+ bytes of output \(compressed input read up to byte \d+ of \d+\)/,
    );
    const trail = await expand(Buffer.concat([gz, Buffer.from('HIDDEN DATA')]), 'trail.csv.gz');
    assert.match(errorOf(trail.items, 'trail.csv.gz'), /neither another gzip member nor zero padding/);
    const notgz = await expand(Buffer.from('plain text'), 'fake.csv.gz');
    assert.match(errorOf(notgz.items, 'fake.csv.gz'), /gzip data error: incorrect header check/);
  });

  test('tar and tar.gz: members, links, devices and traversal; GBK names', async () => {
    const gbkName = Buffer.concat([Buffer.from('c3fbb5a5', 'hex'), Buffer.from('.csv')]);
    const tar = buildTar([
      { name: 'd/', type: '5' },
      { name: 'd/a.csv', data: 'a\n' },
      { name: gbkName, data: 'g\n' },
      { name: 'sym', type: '2', linkname: '/etc/shadow' },
      { name: 'hard', type: '1', linkname: 'd/a.csv' },
      { name: 'tty', type: '3' },
      { name: '../../up.csv', data: 'u\n' },
      { name: `${'long/'.repeat(30)}z.csv`, data: 'z\n' },
      { name: 'sparse', type: 'S', data: 'sss' },
    ]);
    for (const [bytes, name] of [
      [tar, 't.tar'],
      [gzipSync(tar), 't.tar.gz'],
      [gzipSync(tar), 't.tgz'],
    ] as const) {
      const { items } = await expand(bytes, name);
      const p = byPath(items);
      assert.equal(await fileText(items, `${name}!/d/a.csv`), 'a\n');
      assert.equal(await fileText(items, `${name}!/名单.csv`), 'g\n');
      assert.equal(await fileText(items, `${name}!/${'long/'.repeat(30)}z.csv`), 'z\n');
      assert.match(errorOf(items, `${name}!/sym`), /symbolic link member \(→ \/etc\/shadow\)/);
      assert.match(errorOf(items, `${name}!/hard`), /hard link member \(→ d\/a\.csv\)/);
      assert.match(errorOf(items, `${name}!/tty`), /character device/);
      assert.match(errorOf(items, `${name}!/../../up.csv`), /path traversal.*header at byte \d+/);
      assert.match(errorOf(items, `${name}!/sparse`), /GNU sparse/);
      assert.equal(Object.keys(p).length, 8);
    }
  });

  test('a truncated tar / tar.gz: the members before are read, the cut member and the container are errors', async () => {
    const tar = buildTar([
      { name: 'a.csv', data: 'a\n'.repeat(100) },
      { name: 'b.csv', data: 'b\n'.repeat(2000) },
    ]);
    const cutAt = 512 + 512 + 512 + 1000;
    const t = await expand(tar.subarray(0, cutAt), 'cut.tar');
    assert.equal(await fileText(t.items, 'cut.tar!/a.csv'), 'a\n'.repeat(100));
    assert.match(
      errorOf(t.items, 'cut.tar!/b.csv'),
      /truncated tar: member data ends after 1000 of 4000 bytes.*data from byte 1536/,
    );
    assert.match(errorOf(t.items, 'cut.tar'), /truncated tar/);
    const gz = gzipSync(tar);
    const g = await expand(gz.subarray(0, gz.length - 20), 'cut.tar.gz');
    assert.match(errorOf(g.items, 'cut.tar.gz'), /truncated gzip/);
    // a CRC mismatch in the gzip trailer: every member taken from the stream is unverified
    const big = gzipSync(
      buildTar([
        { name: 'a.csv', data: 'a\n'.repeat(100) },
        { name: 'b.csv', data: 'b\n'.repeat(30000) },
      ]),
    );
    const crc = Buffer.from(big);
    crc[big.length - 6] = crc[big.length - 6]! ^ 0xff;
    const k = await expand(crc, 'crc.tar.gz');
    assert.match(errorOf(k.items, 'crc.tar.gz!/a.csv'), /^unverified: gzip data error: incorrect data check/);
    assert.match(errorOf(k.items, 'crc.tar.gz!/b.csv'), /^gzip data error: incorrect data check/);
    assert.match(errorOf(k.items, 'crc.tar.gz'), /CRC-32 stored in the gzip trailer/);
    assert.equal((await readdir(join(k.work, 'extract'))).length, 0);
    // a checksum error stops the walk at that header
    const bad = buildTar([
      { name: 'a.csv', data: 'a\n' },
      { name: 'b.csv', data: 'b\n', badChecksum: true },
    ]);
    const c = await expand(bad, 'sum.tar');
    assert.equal(c.items[0]?.kind, 'file');
    assert.match(errorOf(c.items, 'sum.tar'), /invalid tar header checksum.*header at byte 1024/);
    const noEnd = await expand(buildTar([{ name: 'a.csv', data: 'a\n' }], { end: false }), 'noend.tar');
    assert.match(errorOf(noEnd.items, 'noend.tar'), /without its end-of-archive marker/);
    const hidden = await expand(
      Buffer.concat([buildTar([{ name: 'a.csv', data: 'a\n' }]), Buffer.from('secret')]),
      'hid.tar',
    );
    assert.match(errorOf(hidden.items, 'hid.tar'), /not zero padding.*first at byte 2048/);
  });

  test('nested archives: a.tar.gz!/inner.zip!/c.csv; the intermediate copy is removed; depth is bounded', async () => {
    const inner = buildZip([{ name: 'c.csv', data: 'c\n' }]);
    const tgz = gzipSync(
      buildTar([
        { name: 'inner.zip', data: inner },
        { name: 'x.csv.gz', data: gzipSync('x\n') },
      ]),
    );
    const { items, events, work } = await expand(tgz, 'a.tar.gz');
    assert.deepEqual(
      items.map((i) => i.path),
      ['a.tar.gz!/inner.zip!/c.csv', 'a.tar.gz!/x.csv.gz'],
    );
    assert.equal(await fileText(items, 'a.tar.gz!/inner.zip!/c.csv'), 'c\n');
    assert.equal(await fileText(items, 'a.tar.gz!/x.csv.gz'), 'x\n');
    const c = items[0]!;
    assert.deepEqual(c.kind === 'file' && c.container, { path: 'a.tar.gz!/inner.zip', sha256: sha(inner) });
    const opened = events
      .filter((e) => e.type === 'container_opened')
      .map((e) => e.type === 'container_opened' && [e.path, e.depth]);
    assert.deepEqual(opened, [
      ['a.tar.gz', 1],
      ['a.tar.gz!/inner.zip', 2],
      ['a.tar.gz!/x.csv.gz', 2],
    ]);
    assert.equal(
      (await readdir(join(work, 'extract'))).length,
      2,
      'the inner zip copy was removed after expansion',
    );
    // 5 levels of zip in zip with a limit of 4
    let z = buildZip([{ name: 'deep.csv', data: 'd\n' }]);
    for (let i = 4; i >= 1; i--) z = buildZip([{ name: `l${i}.zip`, data: z, method: 0 }]);
    const deep = await expand(z, 'l0.zip');
    assert.match(
      errorOf(deep.items, 'l0.zip!/l1.zip!/l2.zip!/l3.zip!/l4.zip'),
      /nested 5 levels deep, over the limit of 4/,
    );
    const gzZip = await expand(gzipSync(inner), 'pack.zip.gz');
    assert.deepEqual(
      gzZip.items.map((i) => i.path),
      ['pack.zip.gz!/c.csv'],
    );
  });
});

describe('7z (7-Zip program)', async () => {
  const prog = await sevenZip();
  const skip = prog ? false : '7-Zip (7zz) is not installed';

  async function make7z(files: Record<string, string>, opts: string[] = []): Promise<Buffer> {
    const src = join(dir, `7z-src-${++n}`);
    await mkdir(src, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      await mkdir(join(src, name, '..'), { recursive: true });
      await writeFile(join(src, name), text);
    }
    const out = join(dir, `a-${n}.7z`);
    execFileSync(prog!.program, ['a', '-bd', ...opts, out, ...Object.keys(files)], {
      cwd: src,
      stdio: 'ignore',
    });
    return readFile(out);
  }

  test('members in listing order, CRC-checked, UTF-8 names', { skip }, async () => {
    const a = await make7z({ 'd/名单.csv': 'a,b\n', 'y.txt': 'y\n' });
    const { items, events } = await expand(a, 'ev.7z');
    assert.equal(await fileText(items, 'ev.7z!/d/名单.csv'), 'a,b\n');
    assert.equal(await fileText(items, 'ev.7z!/y.txt'), 'y\n');
    const done = events.find((e) => e.type === 'container_done');
    assert.match(String(done?.type === 'container_done' && done.details['program']), /7-Zip/);
  });

  test('symlinks, absolute and .. names are item errors; the others are read', { skip }, async () => {
    const src = join(dir, `7z-evil-${++n}`);
    await mkdir(join(src, 'sub'), { recursive: true });
    await writeFile(join(src, 'sub', 'ok.csv'), 'ok\n');
    await writeFile(join(src, 'abs.csv'), 'abs\n');
    await symlink('/etc/passwd', join(src, 'sub', 'link'));
    const out = join(dir, `evil-${n}.7z`);
    execFileSync(prog!.program, ['a', '-bd', '-snl', out, 'ok.csv', 'link'], {
      cwd: join(src, 'sub'),
      stdio: 'ignore',
    });
    execFileSync(prog!.program, ['a', '-bd', '-spf', out, join(src, 'abs.csv')], { stdio: 'ignore' });
    execFileSync(prog!.program, ['a', '-bd', '-spf', out, '../abs.csv'], {
      cwd: join(src, 'sub'),
      stdio: 'ignore',
    });
    const { items } = await expand(await readFile(out), 'evil.7z');
    assert.equal(await fileText(items, 'evil.7z!/ok.csv'), 'ok\n');
    assert.match(errorOf(items, 'evil.7z!/link'), /symbolic link member: not followed/);
    assert.match(errorOf(items, `evil.7z!/${join(src, 'abs.csv')}`), /absolute path/);
    assert.match(errorOf(items, 'evil.7z!/../abs.csv'), /path traversal/);
  });

  test('damaged and truncated 7z: CRC per member, listing failure for the container', { skip }, async () => {
    const a = await make7z({ 'a.csv': 'a,b\n'.repeat(200), 'b.csv': 'c,d\n'.repeat(200) }, ['-mx=0']);
    const flipped = Buffer.from(a);
    const at = a.indexOf(Buffer.from('c,d\n'));
    flipped[at + 10] = 0x58;
    const f = await expand(flipped, 'flip.7z');
    assert.equal(await fileText(f.items, 'flip.7z!/a.csv'), 'a,b\n'.repeat(200));
    assert.match(errorOf(f.items, 'flip.7z!/b.csv'), /CRC-32 mismatch.*member #2 'b\.csv'/);
    const t = await expand(a.subarray(0, 100), 'cut.7z');
    assert.equal(t.items.length, 1);
    assert.match(errorOf(t.items, 'cut.7z'), /7-Zip cannot list the archive \(truncated or damaged\?\)/);
    const enc = await make7z({ 's.csv': 'secret\n' }, ['-pPW']);
    assert.match(errorOf((await expand(enc, 'enc.7z')).items, 'enc.7z!/s.csv'), /encrypted member/);
    const bomb = await make7z({ 'z.csv': '0'.repeat(3 * 1024 * 1024) });
    assert.match(
      errorOf((await expand(bomb, 'bomb.7z', { ratioFloorBytes: 1024 * 1024 })).items, 'bomb.7z'),
      /more than 200:1: refused as a compression bomb/,
    );
  });
});
