import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { base, Faker } from '@faker-js/faker';
import { CATEGORIES, CATEGORY_IDS } from '../core/categories.js';
import { ForensicError } from '../core/errors.js';
import { gb11643CheckChar, upgrade15To18 } from '../detect/validators/gb11643.js';
import {
  capacityProblems,
  DEMO_ITEM_PATHS,
  type DemoTruth,
  generateDemo,
  type ItemTruth,
  MAX_RECORDS,
  MIN_RECORDS,
} from './generate.js';
import { INVALID_REASONS } from './ledger.js';
import { People } from './people.js';

let root = '';
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'xinjian-demo-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function run(name: string, records: number, seed: number): Promise<{ dir: string; truth: DemoTruth }> {
  const dir = join(root, name);
  return { dir, truth: await generateDemo(dir, { records, seed }) };
}

const bytesOf = (dir: string, item: ItemTruth | string) =>
  readFile(join(dir, 'evidence', ...(typeof item === 'string' ? item : item.path).split('/')));

const LABEL: Record<ItemTruth['encoding'], string> = {
  gb18030: 'gb18030',
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-16le': 'utf-16le',
};

async function textOf(dir: string, item: ItemTruth): Promise<string> {
  return new TextDecoder(LABEL[item.encoding], { fatal: true }).decode(await bytesOf(dir, item));
}

/** Physical lines of an item (without line ends; the empty string after the final newline dropped). */
async function linesOf(dir: string, truth: DemoTruth, path: string): Promise<string[]> {
  const item = truth.items.find((i) => i.path === path)!;
  const lines = (await textOf(dir, item)).split(/\r?\n/u);
  assert.equal(lines.pop(), '');
  return lines;
}

test('same seed and size give byte-identical files and truth; another seed gives other data', async () => {
  const a = await run('a', 1000, 42);
  const b = await run('b', 1000, 42);
  const c = await run('c', 1000, 43);
  assert.deepEqual(a.truth, b.truth);
  assert.deepEqual(await readFile(join(a.dir, 'truth.json')), await readFile(join(b.dir, 'truth.json')));
  for (const item of a.truth.items) {
    assert.deepEqual(await bytesOf(a.dir, item), await bytesOf(b.dir, item), item.path);
    assert.notDeepEqual(await bytesOf(a.dir, item), await bytesOf(c.dir, item), item.path);
  }
  assert.equal(c.truth.generator.seed, 43);
});

test('truth.json on disk is the returned truth, pretty-printed', async () => {
  const { dir, truth } = await run('disk', 300, 5);
  const text = await readFile(join(dir, 'truth.json'), 'utf8');
  assert.deepEqual(JSON.parse(text), truth);
  assert.match(text, /^\{\n {2}"generator": \{\n/u);
  assert.deepEqual(truth.generator, { seed: 5, records: 300, analysis_date: '2026-01-01' });
});

test('every file really is in the encoding truth.json names', async () => {
  const { dir, truth } = await run('enc', 1000, 1);
  const byPath = new Map(truth.items.map((i) => [i.path, i]));
  assert.equal(byPath.get('酒店/2020年入住登记.csv')?.encoding, 'gb18030');
  assert.equal(byPath.get('酒店/2021年入住登记(续).csv')?.encoding, 'utf-8-bom');
  assert.equal(byPath.get('快递/面单导出.txt')?.encoding, 'utf-16le');
  assert.equal(byPath.get('身份证/证件信息.csv')?.encoding, 'gb18030');
  for (const item of truth.items) {
    const bytes = await bytesOf(dir, item);
    const text = await textOf(dir, item); // fatal decoder: throws on any byte sequence invalid in that encoding
    assert.ok(/[\u4e00-\u9fff]/u.test(text), `${item.path} holds Chinese text`);
    const bomUtf8 = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const bomUtf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
    assert.equal(bomUtf8, item.encoding === 'utf-8-bom', `${item.path}: UTF-8 BOM`);
    assert.equal(bomUtf16, item.encoding === 'utf-16le', `${item.path}: UTF-16LE BOM`);
    if (item.encoding === 'gb18030') {
      assert.throws(
        () => new TextDecoder('utf-8', { fatal: true }).decode(bytes),
        `${item.path} is not UTF-8`,
      );
    }
    const crlf = text.split('\r\n').length - 1;
    if (
      item.path.startsWith('酒店/') ||
      item.path === '快递/面单导出.txt' ||
      item.path === '身份证/证件信息.csv'
    ) {
      assert.equal(crlf, text.split('\n').length - 1, `${item.path}: CRLF line ends`);
    } else assert.equal(crlf, 0, `${item.path}: LF line ends`);
  }
});

test('truth is internally consistent', async () => {
  for (const [records, seed] of [
    [200, 1],
    [5000, 1],
    [3333, 8],
  ] as const) {
    const { truth } = await run(`cons-${records}-${seed}`, records, seed);
    const t = truth.totals;
    assert.deepEqual(
      truth.items.map((i) => i.path),
      [...DEMO_ITEM_PATHS].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      'items sorted by path',
    );
    assert.equal(t.records, records);
    assert.equal(
      truth.items.reduce((s, i) => s + i.records, 0),
      t.records,
    );
    for (const r of INVALID_REASONS) {
      assert.equal(
        truth.items.reduce((s, i) => s + i.invalid[r], 0),
        t.invalid[r],
        r,
      );
    }
    const invalid = INVALID_REASONS.reduce((s, r) => s + t.invalid[r], 0);
    assert.equal(t.valid + invalid, t.records);
    assert.deepEqual(Object.keys(t.categories), [...CATEGORY_IDS]);
    let distinct = 0;
    for (const id of CATEGORY_IDS) {
      const c = t.categories[id];
      distinct += c.records;
      assert.equal(c.tier, CATEGORIES[id].tier);
      assert.equal(c.count, CATEGORIES[id].countedBy === 'records' ? c.records : c.subjects);
      assert.ok(c.subjects <= c.records || c.records === 0, `${id}: subjects ≤ records`);
    }
    assert.equal(distinct, t.valid - t.exact_duplicates);
    for (const item of truth.items) {
      assert.ok(item.records >= 20, `${item.path}: at least 20 records`);
      assert.ok(item.non_record_lines >= 1, `${item.path}: non-record lines`);
      assert.equal(item.format, item.delimiter === ',' ? 'csv' : item.delimiter === '\t' ? 'tsv' : 'txt');
    }
    // About 10 % duplicates and 2 % invalid.
    assert.ok(Math.abs(t.exact_duplicates / records - 0.1) < 0.02, 'about 10 % duplicates');
    assert.ok(invalid / records < (records < 1000 ? 0.06 : 0.03), 'about 2 % invalid');
    const used = ['trajectory', 'property', 'lodging', 'transaction', 'id_card', 'general'];
    for (const id of CATEGORY_IDS) assert.equal(t.categories[id].records > 0, used.includes(id), id);
  }
});

test('every invalid reason is planted (records ≥ 1000, and already at 200)', async () => {
  for (const records of [200, 1000]) {
    const { truth } = await run(`reasons-${records}`, records, 3);
    for (const r of INVALID_REASONS) assert.ok(truth.totals.invalid[r] >= 1, `${records}: ${r}`);
  }
  const { truth } = await run('reasons-5000', 5000, 1);
  const dump = truth.items.find((i) => i.delimiter === '----')!;
  assert.equal(dump.invalid.empty, 0, 'no delimiter-only lines in the ---- dump');
  assert.equal(dump.invalid.truncated, 0);
  for (const item of truth.items) {
    if (item.delimiter !== '----') assert.ok(item.invalid.empty >= 1, `${item.path}: an empty record`);
  }
});

test('the planted duplicates and normalisations are in the files', async () => {
  const { dir, truth } = await run('planted', 1000, 1);
  const hotel20 = await linesOf(dir, truth, '酒店/2020年入住登记.csv');
  const hotel21 = await linesOf(dir, truth, '酒店/2021年入住登记(续).csv');
  const dump = await linesOf(dir, truth, '社工库/账号密码.txt');
  const contacts = await linesOf(dir, truth, '通讯录/客户名单.txt');
  const waybills = await linesOf(dir, truth, '快递/面单导出.txt');
  const bank = await linesOf(dir, truth, '银行/客户账户.txt');
  const cards = await linesOf(dir, truth, '身份证/证件信息.csv');
  const track = await linesOf(dir, truth, '定位/轨迹.csv');

  // Title row padded with delimiters, header, the header repeated further down.
  assert.equal(hotel20[0], '某某酒店2020年旅客入住登记表,,,,,,');
  assert.equal(hotel20[1], '姓名,身份证号,手机号,入住时间,退房时间,房号,住址');
  assert.ok(hotel20.lastIndexOf(hotel20[1]!) > 1, 'repeated header');
  assert.equal(waybills[0], '快递单号\t收件人\t收件人电话\t收件地址\t物品\t下单时间');

  // Cross-file exact duplicates: rows of the 2020 file copied into the continued 2021 file.
  const rows20 = new Set(hotel20.filter((l) => /^[\u4e00-\u9fff]+,\d/u.test(l)));
  assert.ok(hotel21.filter((l) => rows20.has(l)).length >= 2, 'cross-file copies');

  // 15-digit ID of a row that also appears with the 18-digit ID (otherwise identical).
  const variants15 = hotel20.filter((l) => /^[^,]+,\d{15},/u.test(l));
  assert.ok(
    variants15.some((l) => {
      const cells = l.split(',');
      cells[1] = upgrade15To18(cells[1]!);
      return hotel20.includes(cells.join(','));
    }),
    '15→18 duplicate',
  );

  // Lower-case x of an ID that also appears with upper-case X.
  const lowerX = [...hotel20, ...cards].filter((l) => /,\d{17}x,/u.test(l));
  assert.ok(
    lowerX.some(
      (l) =>
        hotel20.includes(l.replace(/(\d{17})x,/u, '$1X,')) ||
        cards.includes(l.replace(/(\d{17})x,/u, '$1X,')),
    ),
    'lower-case x duplicate',
  );

  // Full-width mobile in the dump: NFKC gives back a line of the dump.
  const fullWidth = dump.filter((l) => /^[０-９]{11}----/u.test(l));
  assert.ok(
    fullWidth.length >= 1 && fullWidth.every((l) => dump.includes(l.normalize('NFKC'))),
    'full-width duplicate',
  );
  assert.ok(!dump.some((l) => /^-+$/u.test(l.trim())), 'no dash separators in the ---- dump');
  assert.ok(
    dump.some((l) => l.startsWith('#')),
    'comment lines in the dump',
  );

  // +86 in the contact list, 86 in the waybills, padded names in the bank file.
  const plus86 = contacts.filter((l) => l.includes('\t+86'));
  assert.ok(
    plus86.length >= 1 && plus86.every((l) => contacts.includes(l.replace('\t+86', '\t'))),
    '+86 duplicate',
  );
  const with86 = waybills.filter((l) => /\t86\d{11}\t/u.test(l));
  assert.ok(
    with86.length >= 1 && with86.every((l) => waybills.includes(l.replace(/\t86(\d{11})\t/u, '\t$1\t'))),
    '86',
  );
  const padded = bank.filter((l) => /^ +[^|]+ \|/u.test(l));
  assert.ok(
    padded.length >= 1 && padded.every((l) => bank.includes(l.replace(/^ +([^|]+?) \|/u, '$1|'))),
    'padding',
  );

  // The same data subject (same mobile) in the dump and in the contact list.
  const dumpMobiles = new Set(dump.map((l) => l.split('----')[0]));
  assert.ok(
    contacts.filter((l) => dumpMobiles.has(l.split('\t')[1])).length >= 2,
    'same subject across files',
  );

  // RFC 4180 quoting in the location file: quoted commas, doubled quotes, an embedded newline.
  assert.ok(
    track.some((l) => /"[^"]*,[^"]*"/u.test(l)),
    'quoted comma',
  );
  assert.ok(
    track.some((l) => l.includes('""')),
    'doubled quote',
  );
  assert.ok(
    track.some((l) => /,"[^"]*$/u.test(l) && (l.match(/"/gu)?.length ?? 0) % 2 === 1),
    'embedded newline',
  );

  // Masked, truncated and invalid identifiers look the way the rules describe.
  assert.ok(
    hotel20.some((l) => /,\d{6}\*{8}\d{3}[\dX],/u.test(l)),
    'masked ID',
  );
  assert.ok(
    [...hotel20, ...hotel21, ...cards, ...bank].some((l) => /[,|]\d\.\d{1,5}E\+17[,|]/u.test(l)),
    'truncated ID',
  );
  assert.ok(
    dump.some((l) => /^1[3-9]\d\*{4}\d{4}----/u.test(l)),
    'masked mobile',
  );
  assert.ok(
    dump.some((l) => /^[a-z]+\d+----/u.test(l)),
    'account that is not a mobile',
  );
});

test('options are checked; a foreign file in the evidence folder is refused; re-running overwrites', async () => {
  const dir = join(root, 'opts');
  await assert.rejects(generateDemo(dir, { records: 199, seed: 1 }), ForensicError);
  await assert.rejects(generateDemo(dir, { records: 1000.5, seed: 1 }), ForensicError);
  await assert.rejects(
    generateDemo(dir, { records: 1000, seed: 1, analysisDate: '2026-02-30' }),
    ForensicError,
  );
  await assert.rejects(
    generateDemo(dir, { records: 1000, seed: 1, analysisDate: '2005-01-01' }),
    ForensicError,
  );
  const first = await generateDemo(dir, { records: 400, seed: 2, analysisDate: '2025-06-30' });
  assert.equal(first.generator.analysis_date, '2025-06-30');
  const again = await generateDemo(dir, { records: 400, seed: 2, analysisDate: '2025-06-30' });
  assert.deepEqual(again, first);
  await mkdir(join(dir, 'evidence', 'other'), { recursive: true });
  await writeFile(join(dir, 'evidence', 'other', 'x.csv'), 'a,b\n');
  await assert.rejects(generateDemo(dir, { records: 400, seed: 2 }), /not part of the demo case/u);
});

test('every size up to MAX_RECORDS fits the time slots and value spaces; larger sizes are refused', async () => {
  assert.ok(MAX_RECORDS >= 100_000_000, 'the benchmark needs 100 million records');
  for (const records of [MIN_RECORDS, 20_000_000, MAX_RECORDS])
    assert.deepEqual(capacityProblems(records), []);
  // The check bites where the generator would break: the 2020 hotel year has 31,622,400 seconds.
  assert.match(
    capacityProblems(250_000_000).join('\n'),
    /^lodging2020: \d+ fresh records need as many seconds/mu,
  );
  assert.match(capacityProblems(700_000_000).join('\n'), /value spaces hold/u);
  await assert.rejects(
    generateDemo(join(root, 'too-big'), { records: MAX_RECORDS + 1, seed: 1 }),
    /records must be an integer from 200 to 100000000/u,
  );
});

test('a wrong check character never makes an ID end in 000, which the rules read as truncated', () => {
  const f = new Faker({ locale: [base] });
  f.seed(7);
  const people = new People(f);
  for (let k = 0; k < 200; k++) {
    const id17 = `110101${1950 + k}0101${k % 10}00`; // a sequence code ending in 00
    const right = gb11643CheckChar(id17);
    const bad = people.badCheckId(id17 + right);
    assert.equal(bad.slice(0, 17), id17);
    assert.notEqual(bad[17], right, bad);
    assert.ok(!bad.endsWith('000'), bad);
  }
});
