/**
 * Re-counts the demo case from the bytes on disk and compares with truth.json.
 * The generator's truth is bookkeeping of what it planted; this test reads the files back with a small,
 * schema-aware counter of its own (column types known from the headers, counting-rules.md §2–§5) and checks
 * every figure — per item and per category — so a bookkeeping slip or a mis-planted row cannot go unnoticed.
 * It also re-counts with the "may or may not be typed" columns typed — 开户行 and 签发机关 as addresses (they
 * hold city names), 有效期限 as a (malformed) resident ID, the rest as plain values in the exact key: the figures
 * must not change.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CategoryId } from '../core/categories.js';
import { normalizeText } from '../core/normalize.js';
import { isRealDate } from '../detect/validators/calendar.js';
import { isGb11643CheckValid, upgrade15To18 } from '../detect/validators/gb11643.js';
import { luhnValid } from '../detect/validators/luhn.js';
import { isProvinceCodeAt } from '../detect/validators/province.js';
import { type DemoTruth, generateDemo, type ItemTruth } from './generate.js';
import { INVALID_REASONS, type InvalidReason, zeroInvalid } from './ledger.js';
import { SURNAMES } from './people.js';
import { REGIONS } from './regions.js';

type Status = 'valid' | 'invalid' | 'masked' | 'truncated' | 'nomatch';
interface Judged {
  readonly status: Status;
  readonly key: string;
}

const HEADER_TYPES: Readonly<Record<string, string>> = {
  姓名: 'person_name',
  收件人: 'person_name',
  身份证号: 'resident_id',
  公民身份号码: 'resident_id',
  手机号: 'mobile',
  收件人电话: 'mobile',
  住址: 'address',
  收件地址: 'address',
  地址: 'address',
  入住时间: 'datetime',
  退房时间: 'datetime',
  下单时间: 'datetime',
  定位时间: 'datetime',
  出生日期: 'datetime',
  银行卡号: 'bank_card',
  经度: 'longitude',
  纬度: 'latitude',
  余额: 'money',
  性别: 'gender',
  民族: 'ethnicity',
};

/** How the optional columns are typed in the second re-count: as adversarially as plausible. */
const OPTIONAL_TYPES: Readonly<Record<string, string>> = {
  开户行: 'address',
  签发机关: 'address',
  有效期限: 'resident_id',
};

const SCIENTIFIC = /^\d(\.\d+)?E\+\d+$/iu;

function judgeId(raw: string, analysisDate: string): Judged {
  const t = normalizeText(raw).toUpperCase();
  if (t.includes('*')) return { status: 'masked', key: t };
  if (SCIENTIFIC.test(t)) return { status: 'truncated', key: t };
  const v = t.replace(/[\s.-]/gu, '');
  let id18 = '';
  if (/^\d{15}$/u.test(v)) id18 = upgrade15To18(v);
  else if (/^\d{17}[\dX]$/u.test(v)) id18 = v;
  else return { status: /^\d{14,18}X?$/u.test(v) ? 'invalid' : 'nomatch', key: v };
  const y = Number(id18.slice(6, 10));
  const m = Number(id18.slice(10, 12));
  const d = Number(id18.slice(12, 14));
  const iso = `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`;
  const ok =
    isProvinceCodeAt(id18) &&
    isRealDate(y, m, d) &&
    y >= 1900 &&
    iso <= analysisDate &&
    isGb11643CheckValid(id18);
  return { status: ok ? 'valid' : 'invalid', key: id18 };
}

const MOBILE = /^1(3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}$/u;
function judgeMobile(raw: string): Judged {
  let v = normalizeText(raw).replace(/[\s.-]/gu, '');
  if (v.includes('*')) return { status: 'masked', key: v };
  v = v.replace(/^(\+86|0086|86)(\d{11})$/u, '$2');
  if (MOBILE.test(v)) return { status: 'valid', key: v };
  return { status: /^\d{11}$/u.test(v) ? 'invalid' : 'nomatch', key: v };
}

function judgeCard(raw: string): Judged {
  const v = normalizeText(raw).replace(/\s/gu, '');
  if (v.includes('*')) return { status: 'masked', key: v };
  if (SCIENTIFIC.test(v)) return { status: 'truncated', key: v };
  if (/^[3-6]\d{14,18}$/u.test(v))
    return { status: luhnValid(v) || v.startsWith('62') ? 'valid' : 'invalid', key: v };
  return { status: /^\d+$/u.test(v) ? 'invalid' : 'nomatch', key: v };
}

const SURNAME_SET = new Set(SURNAMES);
function nameValid(raw: string): boolean {
  const v = normalizeText(raw);
  return (
    /^[\u4e00-\u9fff]{2,4}$/u.test(v) && (SURNAME_SET.has(v.slice(0, 1)) || SURNAME_SET.has(v.slice(0, 2)))
  );
}
/** Place names of the regions the demo uses, with and without their 省/市/区/县 suffix. */
const PLACES = [
  ...new Set(
    REGIONS.flatMap((r) => [r.province, r.city, r.county]).flatMap((n) => [
      n,
      n.replace(/(维吾尔自治区|壮族自治区|回族自治区|自治区|省|市|新区|区|县)$/u, ''),
    ]),
  ),
].filter((n) => n.length >= 2);
/** Address rule of counting-rules.md §2: an address word, or a province/city/county name. */
const addressValid = (raw: string): boolean => {
  const v = normalizeText(raw);
  return /[省市区县镇乡村路街道号栋室]/u.test(v) || PLACES.some((p) => v.includes(p));
};

interface Schema {
  readonly types: readonly (string | null)[];
  readonly header: string | null;
}

function schemaOf(item: ItemTruth, firstLines: readonly string[], typeOptional: boolean): Schema {
  if (item.delimiter === '----') return { types: ['mobile', 'password'], header: null };
  const header = firstLines.find((l) => l.startsWith('姓名') || l.startsWith('快递单号'));
  assert.ok(header, `${item.path}: header not found`);
  const types = header
    .split(item.delimiter)
    .map((h) => HEADER_TYPES[h] ?? (typeOptional ? (OPTIONAL_TYPES[h] ?? `other:${h}`) : null));
  return { types, header };
}

/** RFC 4180 split; returns null when the text ends inside a quoted field. */
function splitQuoted(text: string): string[] | null {
  const out: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else cell += c;
    } else if (c === '"' && cell === '') inQuotes = true;
    else if (c === ',') {
      out.push(cell);
      cell = '';
    } else cell += c;
  }
  if (inQuotes) return null;
  out.push(cell);
  return out;
}

interface Tally {
  records: number;
  nonRecord: number;
  invalid: Record<InvalidReason, number>;
}

interface CaseTally {
  readonly items: Map<string, Tally>;
  readonly exact: Map<CategoryId, Set<string>>;
  readonly subjects: Map<CategoryId, Set<string>>;
  valid: number;
}

function recountItem(
  item: ItemTruth,
  text: string,
  analysisDate: string,
  typeOptional: boolean,
  acc: CaseTally,
): void {
  const eol =
    item.encoding === 'gb18030' || item.encoding === 'utf-16le' || item.path.startsWith('酒店/')
      ? '\r\n'
      : '\n';
  assert.ok(text.endsWith(eol), `${item.path}: ends with its line end`);
  const lines = text.slice(0, -eol.length).split(eol);
  if (eol === '\n') assert.ok(!text.includes('\r'), `${item.path}: LF only`);
  const schema = schemaOf(item, lines.slice(0, 3), typeOptional);
  const cols = schema.types.length;
  const tally: Tally = { records: 0, nonRecord: 0, invalid: zeroInvalid() };
  acc.items.set(item.path, tally);
  let headerSeen = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (schema.header !== null && line === schema.header) {
      headerSeen = true;
      tally.nonRecord++;
      continue;
    }
    if (schema.header !== null && !headerSeen) {
      tally.nonRecord++; // title row
      continue;
    }
    let cells: string[];
    if (line === item.delimiter.repeat(cols - 1)) cells = Array.from({ length: cols }, () => '');
    else if (line.trim() === '' || /^[-=]{3,}$/u.test(line.trim()) || line.startsWith('#')) {
      tally.nonRecord++;
      continue;
    } else if (item.format === 'csv') {
      let logical = line;
      let split = splitQuoted(logical);
      while (split === null) {
        i++;
        assert.ok(i < lines.length, `${item.path}: unterminated quote`);
        logical += `\n${lines[i]}`;
        split = splitQuoted(logical);
      }
      cells = split;
    } else cells = line.split(item.delimiter);
    assert.equal(cells.length, cols, `${item.path} line ${i + 1}: ${cols} fields`);
    tally.records++;

    const reason = judgeRecord(item, schema, cells, analysisDate, acc);
    if (reason !== null) tally.invalid[reason]++;
  }
}

function judgeRecord(
  item: ItemTruth,
  schema: Schema,
  cells: readonly string[],
  analysisDate: string,
  acc: CaseTally,
): InvalidReason | null {
  if (cells.every((c) => c.trim() === '')) return 'empty';
  const strong: Judged[] = [];
  const firstValid = new Map<string, string>();
  let name = '';
  let address = '';
  const key: string[] = [item.category];
  schema.types.forEach((type, k) => {
    const raw = cells[k] ?? '';
    if (normalizeText(raw) === '') return;
    let j: Judged | null = null;
    if (type === 'resident_id') j = judgeId(raw, analysisDate);
    else if (type === 'mobile') j = judgeMobile(raw);
    else if (type === 'bank_card') j = judgeCard(raw);
    if (j) {
      strong.push(j);
      if (j.status === 'valid' && !firstValid.has(type!)) firstValid.set(type!, j.key);
    }
    if (type === 'person_name' && name === '' && nameValid(raw)) name = normalizeText(raw);
    if (type === 'address' && address === '' && addressValid(raw)) address = normalizeText(raw);
    if (type !== null) key.push(`${k}:${type}=${j ? j.key : normalizeText(raw)}`);
  });
  const identifies = strong.some((j) => j.status === 'valid') || (name !== '' && address !== '');
  if (!identifies) {
    if (strong.length > 0 && strong.every((j) => j.status === 'masked')) return 'masked';
    if (strong.length > 0 && strong.every((j) => j.status === 'truncated')) return 'truncated';
    if (strong.some((j) => j.status !== 'nomatch')) return 'invalid_identifier';
    return 'not_identifying';
  }
  acc.valid++;
  acc.exact.get(item.category)?.add(key.join('\u0000')) ??
    acc.exact.set(item.category, new Set([key.join('\u0000')]));
  const subject =
    ['resident_id', 'mobile', 'bank_card']
      .map((t) => (firstValid.has(t) ? `${t}:${firstValid.get(t)}` : ''))
      .find((s) => s) ?? `name+address:${name}|${address}`;
  acc.subjects.get(item.category)?.add(subject) ?? acc.subjects.set(item.category, new Set([subject]));
  return null;
}

const DECODER: Record<ItemTruth['encoding'], string> = {
  gb18030: 'gb18030',
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-16le': 'utf-16le',
};

async function recount(dir: string, truth: DemoTruth, typeOptional: boolean): Promise<CaseTally> {
  const acc: CaseTally = { items: new Map(), exact: new Map(), subjects: new Map(), valid: 0 };
  for (const item of truth.items) {
    const bytes = await readFile(join(dir, 'evidence', ...item.path.split('/')));
    const text = new TextDecoder(DECODER[item.encoding], { fatal: true }).decode(bytes); // drops a BOM
    recountItem(item, text, truth.generator.analysis_date, typeOptional, acc);
  }
  return acc;
}

function compare(truth: DemoTruth, acc: CaseTally): void {
  for (const item of truth.items) {
    const t = acc.items.get(item.path)!;
    assert.equal(t.records, item.records, `${item.path}: records`);
    assert.equal(t.nonRecord, item.non_record_lines, `${item.path}: non-record lines`);
    assert.deepEqual(t.invalid, item.invalid, `${item.path}: invalid reasons`);
  }
  assert.equal(acc.valid, truth.totals.valid, 'valid records');
  let distinct = 0;
  for (const [id, c] of Object.entries(truth.totals.categories)) {
    const records = acc.exact.get(id as CategoryId)?.size ?? 0;
    distinct += records;
    assert.equal(records, c.records, `${id}: records`);
    assert.equal(acc.subjects.get(id as CategoryId)?.size ?? 0, c.subjects, `${id}: subjects`);
  }
  assert.equal(acc.valid - distinct, truth.totals.exact_duplicates, 'exact duplicates');
  for (const r of INVALID_REASONS) assert.ok(truth.totals.invalid[r] >= 0);
}

for (const [records, seed] of [
  [5000, 1],
  [1234, 99],
  [200, 7],
] as const) {
  test(`recount from the files equals truth.json (records ${records}, seed ${seed})`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xinjian-demo-recount-'));
    try {
      const truth = await generateDemo(dir, { records, seed });
      compare(truth, await recount(dir, truth, false));
      compare(truth, await recount(dir, truth, true));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
