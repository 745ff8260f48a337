/**
 * @module demo/generate
 * Writes the synthetic demo case (eight seized files in four encodings) and its ground truth.
 *
 * The truth is the generator's own bookkeeping (ledger.ts) of what it planted, following
 * counting-rules.md by construction; it never calls the analyzer. What makes the bookkeeping right:
 *
 * - each record is planted as one kind — fresh valid, duplicate of an earlier fresh record of the same
 *   category, or invalid with one reason — and booked as it is written;
 * - fresh records of a category never share an exact key: in the activity files (lodging, transaction,
 *   trajectory) every fresh record gets its datetime from its own disjoint time slot; in the other files every
 *   fresh record belongs to a different person (or, for a re-issued ID card, the same person at a new address);
 * - duplicates copy every column of their source, changed at most by what normalisation removes
 *   (full-width digits, `+86`/`86`, lower-case `x`, 15-digit ID form, padding white space);
 * - invalid records hold only one kind of non-valid strong identifier (masked, spreadsheet-mangled or
 *   invalid) and never a name together with an address; columns an analyzer might type as an address or an ID
 *   (开户行, 签发机关, 有效期限) are left empty in them, so the reason does not depend on that typing.
 *
 * All persons are synthetic (people.ts); all randomness comes from one seeded Faker, so the same seed and
 * record count give byte-identical files.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { base, Faker, zh_CN } from '@faker-js/faker';
import type { CategoryId } from '../core/categories.js';
import { UsageError } from '../core/errors.js';
import {
  type DemoTruth,
  type InvalidReason,
  type ItemTruth,
  Ledger,
  type SubjectKeyType,
  type SubjectRef,
} from './ledger.js';
import {
  fullWidthDigits,
  id15Of,
  isoDate,
  isoDateTime,
  MAX_PERSONS,
  maskCard,
  maskId,
  maskMobile,
  People,
  type Person,
  spreadsheetNumber,
} from './people.js';
import { issuingAuthority } from './regions.js';
import { type DemoEncoding, EncodedSink } from './sink.js';

export type { DemoTruth, ItemTruth } from './ledger.js';

export interface DemoOptions {
  readonly records: number;
  readonly seed: number;
  /** ISO date `YYYY-MM-DD`; defaults to `2026-01-01`. */
  readonly analysisDate?: string;
}

export const DEFAULT_ANALYSIS_DATE = '2026-01-01';
export const MIN_RECORDS = 200;
/**
 * The largest case: `capacityProblems` finds nothing up to about 224 million records (the 2020 hotel file's year
 * runs out of one-second slots first); 100 million records are about 9.7 GB of files.
 */
export const MAX_RECORDS = 100_000_000;
/** Every date in the demo data lies before this day; an earlier analysis date would make IDs invalid. */
const LATEST_DATA_DATE = '2024-01-01';

// ---------------------------------------------------------------------------------------------------------
// Small containers

/** The last `cap` items, for picking duplicate sources and returning guests. */
class Recent<T> {
  private readonly items: T[] = [];
  private pos = 0;
  constructor(private readonly cap: number) {}
  get size(): number {
    return this.items.length;
  }
  push(x: T): void {
    if (this.items.length < this.cap) this.items.push(x);
    else {
      this.items[this.pos] = x;
      this.pos = (this.pos + 1) % this.cap;
    }
  }
  pick(f: Faker): T | undefined {
    return this.items.length === 0 ? undefined : this.items[f.number.int(this.items.length - 1)];
  }
  /** A random item satisfying `pred`, or undefined. */
  pickWhere(f: Faker, pred: (x: T) => boolean): T | undefined {
    const ok = this.items.filter(pred);
    return ok.length === 0 ? undefined : ok[f.number.int(ok.length - 1)];
  }
}

/** Uniform sample of at most `cap` offered items (Algorithm R), drawn with the seeded Faker. */
class Reservoir<T> {
  readonly items: T[] = [];
  private seen = 0;
  constructor(private readonly cap: number) {}
  offer(f: Faker, x: T): void {
    this.seen++;
    if (this.items.length < this.cap) this.items.push(x);
    else {
      const k = f.number.int(this.seen - 1);
      if (k < this.cap) this.items[k] = x;
    }
  }
  /** Removes and returns a random item. */
  take(f: Faker): T | undefined {
    if (this.items.length === 0) return undefined;
    const k = f.number.int(this.items.length - 1);
    const x = this.items[k]!;
    this.items[k] = this.items[this.items.length - 1]!;
    this.items.pop();
    return x;
  }
  pick(f: Faker): T | undefined {
    return this.items.length === 0 ? undefined : this.items[f.number.int(this.items.length - 1)];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Rows and items

interface Cells {
  readonly cells: readonly string[];
  /** Columns written in quotes although they need none (RFC 4180 file only). */
  readonly quote?: readonly number[];
}

/** A valid record as planted. */
interface Row extends Cells {
  readonly subject: SubjectRef;
  /** The person and how their ID was written, for normalisation-variant duplicates. */
  readonly person?: Person;
  readonly idForm?: '18' | '15' | 'bad';
}

interface Plan {
  readonly n: number;
  readonly fresh: number;
  readonly duplicates: number;
  readonly invalid: number;
}

interface ItemDef {
  readonly path: string;
  readonly format: ItemTruth['format'];
  readonly encoding: DemoEncoding;
  readonly delimiter: string;
  readonly category: CategoryId;
  readonly eol: '\r\n' | '\n';
  readonly header: readonly string[] | null;
  /** Title row above the header (already padded with delimiters). */
  readonly title?: string;
  readonly topComments?: readonly string[];
  /** Mid-file comment lines (`#…`); none when absent. */
  readonly midComment?: (k: number) => string;
  /** An extra blank line after the last record (the file then ends `\n\n`). */
  readonly trailingBlank?: boolean;
  /** RFC 4180 quoting of fields. */
  readonly quoting?: boolean;
  /** Invalid reasons this file plants, in the order they are cycled. */
  readonly reasons: readonly InvalidReason[];
  fresh(j: number): Row;
  invalid(reason: InvalidReason): Cells;
  duplicate(d: number, recent: Recent<Row>): Row;
  /** Called after each fresh row is written. */
  afterFresh?(row: Row): void;
}

interface Gen {
  readonly f: Faker;
  readonly people: People;
  /** Hotel guests seen so far (returning guests, 15-digit IDs of known guests). */
  readonly guests: Recent<Person>;
  /** Fresh rows of the 2020 hotel file copied into the 2021 (continued) file. */
  readonly carry: Reservoir<Row>;
  /** Persons of the credential dump who reappear in the contact list. */
  readonly dumpPersons: Reservoir<Person>;
}

const subject = (key: SubjectKeyType, p: Person): SubjectRef => ({ key, person: p.no });
const byId = (p: Person) => subject('resident_id', p);
const byMobile = (p: Person) => subject('mobile', p);

const secOf = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 1000;

/** Time windows `[start, end)` in epoch seconds of the activity items, split into one slot per fresh record. */
const WINDOWS = {
  lodging2020: [secOf(2020, 1, 1), secOf(2021, 1, 1)],
  lodging2021: [secOf(2021, 1, 1), secOf(2022, 1, 1)],
  waybill: [secOf(2022, 1, 1), secOf(2023, 1, 1)],
  track: [secOf(2023, 1, 1), secOf(2024, 1, 1)],
} as const satisfies Record<string, readonly [number, number]>;

/** A time in the j-th of n equal slots of [start, end): slots are disjoint, so the times are distinct and rising. */
function slotTime(f: Faker, start: number, end: number, j: number, n: number): number {
  const span = end - start;
  const lo = start + Math.floor((j * span) / n);
  const hi = start + Math.floor(((j + 1) * span) / n);
  return lo + f.number.int(hi - lo - 1);
}

function withCell(row: Row, col: number, value: string): Row {
  const cells = [...row.cells];
  cells[col] = value;
  return { ...row, cells };
}

const WEAK_PASSWORDS = [
  '123456',
  'a123456',
  '123456789',
  'woaini1314',
  'qq123456',
  '5201314',
  'abc123',
  '111111',
  'iloveyou',
  'zxcvbnm',
  '88888888',
  'password',
  '1qaz2wsx',
  '123qwe',
] as const;

function password(f: Faker): string {
  if (f.number.int(9) < 3) return f.helpers.arrayElement(WEAK_PASSWORDS);
  return f.string.alphanumeric({ length: { min: 6, max: 12 }, casing: 'mixed' });
}

const PINYIN_A = ['zhang', 'wang', 'li', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun'];
const PINYIN_B = ['wei', 'fang', 'na', 'min', 'jing', 'qiang', 'lei', 'jun', 'tao', 'ming', 'chao', 'hua'];

/** A forum-style account name (`zhangwei88`): not a mobile, so a dump line with it identifies nobody. */
function pinyinAccount(f: Faker): string {
  return `${f.helpers.arrayElement(PINYIN_A)}${f.helpers.arrayElement(PINYIN_B)}${f.number.int({ min: 1, max: 9999 })}`;
}

const ITEMS = [
  '手机壳',
  '数据线',
  '保温杯',
  '儿童玩具',
  '图书',
  '零食礼包',
  '运动鞋',
  '护肤品',
  '床上四件套',
  '茶叶',
];
const CARRIERS = [
  ['SF', 12],
  ['YT', 13],
  ['JT', 13],
  ['JDX', 12],
] as const;

function waybill(f: Faker): string {
  const [prefix, digits] = f.helpers.arrayElement(CARRIERS);
  return prefix + f.string.numeric({ length: digits, allowLeadingZeros: true });
}

const REMARKS_PLAIN = ['GPS', '基站定位', 'WiFi定位', '', '手机APP上报'];
const REMARKS_COMMA = ['基站定位,误差约500米', '停留,约30分钟', 'GPS,信号弱'];
const REMARKS_QUOTE = ['标注"家"附近', '用户备注"公司"', '"常去地点"'];
const REMARKS_NEWLINE = ['轨迹漂移\n已人工复核', '夜间停留\n疑似住所'];

const money = (f: Faker): string => (f.number.int(50_000_000) / 100).toFixed(2);

function branch(p: Person): string {
  const city = p.region.city.replace(/市$/u, '');
  const county = p.region.county.replace(/(新区|区|县)$/u, '');
  return `${p.bank.name}${city}${county}支行`;
}

/** Validity period of a card issued at `issueMs` to someone born `birth` (GB 11643 practice: 10/20 years, 长期). */
function validity(issueMs: number, birth: string): string {
  const issue = isoDate(issueMs);
  const age = Number(issue.slice(0, 4)) - Number(birth.slice(0, 4));
  const dotted = issue.replaceAll('-', '.');
  if (age >= 46) return `${dotted}-长期`;
  const years = age >= 26 ? 20 : 10;
  return `${dotted}-${Number(issue.slice(0, 4)) + years}${dotted.slice(4)}`;
}

/** An issue date between the 16th birthday (at the earliest 2005) and the end of 2023. */
function issueDate(f: Faker, birth: string): number {
  const first = Math.max(Date.UTC(Number(birth.slice(0, 4)) + 16, 0, 1), Date.UTC(2005, 0, 1));
  const last = Date.UTC(2023, 11, 31);
  const day = first + f.number.int(Math.floor((last - first) / 86_400_000)) * 86_400_000;
  return isoDate(day).endsWith('-02-29') ? day - 86_400_000 : day; // so that the expiry date exists
}

// ---------------------------------------------------------------------------------------------------------
// The eight evidence items

const LODGING_HEADER = ['姓名', '身份证号', '手机号', '入住时间', '退房时间', '房号', '住址'] as const;
const LODGING_ID = 1;

function lodgingItem(g: Gen, plan: Plan, year: 2020 | 2021): ItemDef {
  const { f, people } = g;
  const [start, end] = WINDOWS[year === 2020 ? 'lodging2020' : 'lodging2021'];
  let lastX: Row | undefined;

  /** Check-in, check-out (08:00–13:00 one to four days later) and room number. */
  function stayOf(checkin: number): [string, string, string] {
    const nights = f.number.int({ min: 1, max: 4 });
    const checkout = (Math.floor(checkin / 86400) + nights) * 86400 + 8 * 3600 + f.number.int(5 * 3600);
    const room = `${f.number.int({ min: 2, max: 20 })}${String(f.number.int({ min: 1, max: 40 })).padStart(2, '0')}`;
    return [isoDateTime(checkin), isoDateTime(checkout), room];
  }
  /** The j-th fresh stay: its check-in time lies in its own slot, so no two fresh stays share an exact key. */
  function stay(p: Person, id: string, mobile: string, j: number): string[] {
    return [p.name, id, mobile, ...stayOf(slotTime(f, start, end, j, plan.fresh)), p.address];
  }

  return {
    path: year === 2020 ? '酒店/2020年入住登记.csv' : '酒店/2021年入住登记(续).csv',
    format: 'csv',
    encoding: year === 2020 ? 'gb18030' : 'utf-8-bom',
    delimiter: ',',
    category: 'lodging',
    eol: '\r\n',
    header: LODGING_HEADER,
    title: `某某酒店${year}年旅客入住登记表${year === 2021 ? '（续）' : ''}${','.repeat(LODGING_HEADER.length - 1)}`,
    reasons:
      year === 2020
        ? ['masked', 'truncated', 'invalid_identifier', 'not_identifying', 'empty']
        : ['truncated', 'masked', 'invalid_identifier', 'not_identifying', 'empty'],
    fresh(j) {
      if (j % 40 === 13) {
        // The ID fails its check character: the record is identified by its mobile instead.
        const p = people.next();
        return {
          cells: stay(p, people.badCheckId(p.id18), p.mobile, j),
          subject: byMobile(p),
          idForm: 'bad',
        };
      }
      if (year === 2020 && j % 40 === 5) {
        // A returning guest registered under the old 15-digit ID: same subject as their 18-digit stays.
        const p = g.guests.pickWhere(f, (x) => x.birth < '2000');
        if (p)
          return { cells: stay(p, id15Of(p.id18), p.mobile, j), subject: byId(p), person: p, idForm: '15' };
      }
      const returning = j > 0 && f.number.int(99) < 15 ? g.guests.pick(f) : undefined;
      const p = returning ?? people.next(j === 0 ? { checkX: true, bornBefore2000: true } : undefined);
      const mobile = f.number.int(9) === 0 ? '' : p.mobile;
      return { cells: stay(p, p.id18, mobile, j), subject: byId(p), person: p, idForm: '18' };
    },
    afterFresh(row) {
      if (row.idForm !== '18' || !row.person) return;
      g.guests.push(row.person);
      if (row.person.id18.endsWith('X')) lastX = row;
      if (year === 2020) g.carry.offer(f, row);
    },
    invalid(reason) {
      const name = people.randomName();
      const [cin, cout, room] = stayOf(start + f.number.int(end - start - 1));
      switch (reason) {
        case 'empty':
          return { cells: ['', '', '', '', '', '', ''] };
        case 'masked':
          return {
            cells: [
              name,
              maskId(people.randomNumericId()),
              maskMobile(people.randomMobile()),
              cin,
              cout,
              room,
              '',
            ],
          };
        case 'truncated':
          return { cells: [name, spreadsheetNumber(people.randomNumericId()), '', cin, cout, room, ''] };
        case 'invalid_identifier':
          return {
            cells: [
              name,
              people.badCheckId(people.randomNumericId()),
              f.number.int(1) ? people.badMobile() : '',
              cin,
              cout,
              room,
              '',
            ],
          };
        case 'not_identifying':
          return { cells: [name, '', '', cin, cout, room, ''] };
      }
    },
    duplicate(d, recent) {
      if (year === 2021 && d % 2 === 0) {
        const copy = g.carry.pick(f);
        if (copy) return copy; // an exact copy of a 2020 row: a cross-file duplicate
      }
      if (year === 2020 && d % 6 === 0) {
        const src = recent.pickWhere(
          f,
          (r) => r.idForm === '18' && r.person !== undefined && r.person.birth < '2000',
        );
        if (src?.person) return withCell(src, LODGING_ID, id15Of(src.person.id18));
      }
      if (year === 2020 && d % 6 === 3 && lastX)
        return withCell(lastX, LODGING_ID, lastX.cells[LODGING_ID]!.toLowerCase());
      return recent.pick(f)!;
    },
  };
}

function dumpItem(g: Gen): ItemDef {
  const { f, people } = g;
  return {
    path: '社工库/账号密码.txt',
    format: 'txt',
    encoding: 'utf-8',
    delimiter: '----',
    category: 'general',
    eol: '\n',
    header: null,
    topComments: ['# 某平台用户库 2019年6月导出', '# 格式：手机号----密码'],
    midComment: (k) => `# 第${k + 2}部分`,
    reasons: ['not_identifying', 'masked', 'invalid_identifier'],
    fresh() {
      const p = people.next();
      return { cells: [p.mobile, password(f)], subject: byMobile(p), person: p };
    },
    afterFresh(row) {
      if (row.person) g.dumpPersons.offer(f, row.person);
    },
    invalid(reason) {
      switch (reason) {
        case 'masked':
          return { cells: [maskMobile(people.randomMobile()), password(f)] };
        case 'invalid_identifier':
          return { cells: [people.badMobile(), password(f)] };
        default:
          return { cells: [pinyinAccount(f), password(f)] };
      }
    },
    duplicate(d, recent) {
      const src = recent.pick(f)!;
      return d % 5 === 0 ? withCell(src, 0, fullWidthDigits(src.cells[0]!)) : src;
    },
  };
}

function contactsItem(g: Gen): ItemDef {
  const { f, people } = g;
  return {
    path: '通讯录/客户名单.txt',
    format: 'tsv',
    encoding: 'utf-8',
    delimiter: '\t',
    category: 'general',
    eol: '\n',
    header: ['姓名', '手机号', '地址'],
    trailingBlank: true,
    reasons: ['not_identifying', 'empty', 'masked', 'invalid_identifier'],
    fresh(j) {
      if (j % 20 === 9) {
        // No phone: identified by name + address.
        const p = people.next();
        return { cells: [p.name, '', p.address], subject: subject('person_name+address', p), person: p };
      }
      const fromDump = j % 3 === 0 ? g.dumpPersons.take(f) : undefined;
      const p = fromDump ?? people.next();
      return { cells: [p.name, p.mobile, p.address], subject: byMobile(p), person: p };
    },
    invalid(reason) {
      const name = people.randomName();
      switch (reason) {
        case 'empty':
          return { cells: ['', '', ''] };
        case 'masked':
          return { cells: [name, maskMobile(people.randomMobile()), ''] };
        case 'invalid_identifier':
          return { cells: [name, people.badMobile(), ''] };
        default:
          return { cells: [name, '', ''] };
      }
    },
    duplicate(d, recent) {
      if (d % 5 === 0) {
        const src = recent.pickWhere(f, (r) => r.cells[1] !== '');
        if (src) return withCell(src, 1, `+86${src.cells[1]}`);
      }
      return recent.pick(f)!;
    },
  };
}

function waybillItem(g: Gen, plan: Plan): ItemDef {
  const { f, people } = g;
  const recipients = new Recent<Person>(256);
  const [start, end] = WINDOWS.waybill;
  const anyTime = () => isoDateTime(start + f.number.int(end - start - 1));
  return {
    path: '快递/面单导出.txt',
    format: 'tsv',
    encoding: 'utf-16le',
    delimiter: '\t',
    category: 'transaction',
    eol: '\r\n',
    header: ['快递单号', '收件人', '收件人电话', '收件地址', '物品', '下单时间'],
    reasons: ['empty', 'masked', 'invalid_identifier', 'not_identifying'],
    fresh(j) {
      const again = j > 0 && f.number.int(99) < 25 ? recipients.pick(f) : undefined;
      const p = again ?? people.next();
      recipients.push(p);
      const time = isoDateTime(slotTime(f, start, end, j, plan.fresh));
      return {
        cells: [waybill(f), p.name, p.mobile, p.address, f.helpers.arrayElement(ITEMS), time],
        subject: byMobile(p),
        person: p,
      };
    },
    invalid(reason) {
      const name = people.randomName();
      const item = f.helpers.arrayElement(ITEMS);
      switch (reason) {
        case 'empty':
          return { cells: ['', '', '', '', '', ''] };
        case 'masked':
          return { cells: [waybill(f), name, maskMobile(people.randomMobile()), '', item, anyTime()] };
        case 'invalid_identifier':
          return { cells: [waybill(f), name, people.badMobile(), '', item, anyTime()] };
        default:
          return { cells: [waybill(f), name, '', '', item, anyTime()] };
      }
    },
    duplicate(d, recent) {
      const src = recent.pick(f)!;
      return d % 5 === 0 ? withCell(src, 2, `86${src.cells[2]}`) : src;
    },
  };
}

function bankItem(g: Gen): ItemDef {
  const { f, people } = g;
  return {
    path: '银行/客户账户.txt',
    format: 'txt',
    encoding: 'utf-8',
    delimiter: '|',
    category: 'property',
    eol: '\n',
    header: ['姓名', '身份证号', '银行卡号', '开户行', '余额', '手机号'],
    reasons: ['invalid_identifier', 'empty', 'masked', 'truncated', 'not_identifying'],
    fresh(j) {
      const p = people.next();
      if (j % 30 === 4) {
        // The ID fails its check character: the subject key falls through to the mobile.
        return {
          cells: [p.name, people.badCheckId(p.id18), p.card, branch(p), money(f), p.mobile],
          subject: byMobile(p),
          person: p,
          idForm: 'bad',
        };
      }
      return {
        cells: [p.name, p.id18, p.card, branch(p), money(f), p.mobile],
        subject: byId(p),
        person: p,
        idForm: '18',
      };
    },
    invalid(reason) {
      const p = people.next({ numericId: true }); // raw material only: never booked as a subject
      const card = people.randomCard();
      // 开户行 stays empty: a branch name holds a city name and may be typed as an address, and name + address
      // would make the record identify someone.
      switch (reason) {
        case 'empty':
          return { cells: ['', '', '', '', '', ''] };
        case 'masked':
          return {
            cells: [p.name, maskId(p.id18), maskCard(card), '', money(f), maskMobile(p.mobile)],
          };
        case 'truncated':
          return {
            cells: [p.name, spreadsheetNumber(p.id18), spreadsheetNumber(card), '', money(f), ''],
          };
        case 'invalid_identifier':
          return {
            cells: [p.name, people.badCheckId(p.id18), people.badCard(), '', money(f), people.badMobile()],
          };
        default:
          return { cells: [p.name, '', '', '', money(f), ''] };
      }
    },
    duplicate(d, recent) {
      const src = recent.pick(f)!;
      return d % 5 === 0 ? withCell(src, 0, `  ${src.cells[0]} `) : src;
    },
  };
}

function trackItem(g: Gen, plan: Plan): ItemDef {
  const { f, people } = g;
  const tracked = new Recent<Person>(64);
  const [start, end] = WINDOWS.track;
  const coord = (centre: number) => (centre + (f.number.int(16_000) - 8_000) / 100_000).toFixed(6);
  const remark = (j: number): string => {
    if (j % 97 === 11) return f.helpers.arrayElement(REMARKS_NEWLINE);
    if (j % 10 === 3) return f.helpers.arrayElement(REMARKS_COMMA);
    if (j % 20 === 7) return f.helpers.arrayElement(REMARKS_QUOTE);
    return f.helpers.arrayElement(REMARKS_PLAIN);
  };
  const someQuoted = (): number[] => {
    const q: number[] = [];
    if (f.number.int(19) === 0) q.push(0);
    if (f.number.int(4) === 0) q.push(5);
    return q;
  };
  return {
    path: '定位/轨迹.csv',
    format: 'csv',
    encoding: 'utf-8',
    delimiter: ',',
    category: 'trajectory',
    eol: '\n',
    quoting: true,
    header: ['姓名', '手机号', '经度', '纬度', '定位时间', '备注'],
    reasons: ['masked', 'not_identifying', 'invalid_identifier', 'empty'],
    fresh(j) {
      const again = j > 0 && f.number.int(99) < 60 ? tracked.pick(f) : undefined;
      const p = again ?? people.next();
      tracked.push(p);
      const time = isoDateTime(slotTime(f, start, end, j, plan.fresh));
      return {
        cells: [p.name, p.mobile, coord(p.region.lon), coord(p.region.lat), time, remark(j)],
        quote: someQuoted(),
        subject: byMobile(p),
        person: p,
      };
    },
    invalid(reason) {
      if (reason === 'empty') return { cells: ['', '', '', '', '', ''] };
      const p = people.next();
      const mobile =
        reason === 'masked'
          ? maskMobile(p.mobile)
          : reason === 'invalid_identifier'
            ? people.badMobile()
            : '';
      const time = isoDateTime(start + f.number.int(end - start - 1));
      return {
        cells: [p.name, mobile, coord(p.region.lon), coord(p.region.lat), time, remark(f.number.int(99))],
      };
    },
    duplicate(_d, recent) {
      return recent.pick(f)!;
    },
  };
}

const IDCARD_ID = 5;

function idCardItem(g: Gen): ItemDef {
  const { f, people } = g;
  const holders = new Recent<Person>(256);
  let lastX: Row | undefined;
  const card = (p: Person, address: string, id: string): string[] => [
    p.name,
    p.male ? '男' : '女',
    p.ethnicity,
    p.birth,
    address,
    id,
    issuingAuthority(p.region),
    validity(issueDate(f, p.birth), p.birth),
  ];
  return {
    path: '身份证/证件信息.csv',
    format: 'csv',
    encoding: 'gb18030',
    delimiter: ',',
    category: 'id_card',
    eol: '\r\n',
    header: ['姓名', '性别', '民族', '出生日期', '住址', '公民身份号码', '签发机关', '有效期限'],
    reasons: ['truncated', 'masked', 'invalid_identifier', 'not_identifying', 'empty'],
    fresh(j) {
      if (j % 25 === 6) {
        // A re-issued card after moving house: a new record of the same subject.
        const p = holders.pick(f);
        if (p)
          return {
            cells: card(p, people.movedAddress(p), p.id18),
            subject: byId(p),
            person: p,
            idForm: '18',
          };
      }
      if (j % 25 === 17) {
        // The ID fails its check character; name + household address still identify the person.
        const p = people.next();
        return {
          cells: card(p, p.address, people.badCheckId(p.id18)),
          subject: subject('person_name+address', p),
          person: p,
          idForm: 'bad',
        };
      }
      const p = people.next(j === 0 ? { checkX: true } : undefined);
      return { cells: card(p, p.address, p.id18), subject: byId(p), person: p, idForm: '18' };
    },
    afterFresh(row) {
      if (row.idForm !== '18' || !row.person) return;
      holders.push(row.person);
      if (row.person.id18.endsWith('X')) lastX = row;
    },
    invalid(reason) {
      if (reason === 'empty') return { cells: ['', '', '', '', '', '', '', ''] };
      const p = people.next({ numericId: true }); // raw material only
      const id =
        reason === 'masked'
          ? maskId(p.id18)
          : reason === 'truncated'
            ? spreadsheetNumber(p.id18)
            : reason === 'invalid_identifier'
              ? f.number.int(2) === 0
                ? p.id18.slice(0, 17)
                : people.badCheckId(p.id18)
              : '';
      // No household address, and 签发机关 / 有效期限 empty too: an analyzer may type the authority as an address
      // (`杭州市公安局西湖分局`) or the validity period as a malformed ID; neither may change the reason.
      const cells = card(p, '', id);
      cells[6] = '';
      cells[7] = '';
      return { cells };
    },
    duplicate(d, recent) {
      if (d % 4 === 0 && lastX) return withCell(lastX, IDCARD_ID, lastX.cells[IDCARD_ID]!.toLowerCase());
      return recent.pick(f)!;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Planning and writing

/** Shares of the records per item, in writing order (2020 before its continuation, the dump before contacts). */
const SHARES: readonly [string, number][] = [
  ['lodging2020', 0.16],
  ['lodging2021', 0.12],
  ['dump', 0.2],
  ['contacts', 0.1],
  ['waybill', 0.14],
  ['bank', 0.08],
  ['track', 0.12],
  ['idcard', 0.08],
];
const MIN_PER_ITEM = 20;

function plans(records: number): Map<string, Plan> {
  const counts = SHARES.map(([k, s]) => [k, Math.max(MIN_PER_ITEM, Math.floor(records * s))] as const);
  const sum = counts.reduce((a, [, n]) => a + n, 0);
  const out = new Map<string, Plan>();
  for (const [k, n0] of counts) {
    const n = k === 'dump' ? n0 + records - sum : n0; // the largest item absorbs the rounding
    const invalid = Math.max(1, Math.round(n * 0.02));
    const duplicates = Math.max(1, Math.round(n * 0.1));
    out.set(k, { n, invalid, duplicates, fresh: n - invalid - duplicates });
  }
  return out;
}

/**
 * Why a case of `records` records could not be planted exactly (empty when it can): every fresh record of an
 * activity item needs its own second of the item's year (disjoint slots, see `slotTime`), and the persons must
 * fit the value spaces of `People`. A case makes fewer persons than records (duplicates, returning guests and
 * most invalid records make none; 0.72 per record measured at 200,000), so `records` bounds them.
 */
export function capacityProblems(records: number): string[] {
  const p = plans(records);
  const out: string[] = [];
  for (const [k, [start, end]] of Object.entries(WINDOWS)) {
    const fresh = p.get(k)!.fresh;
    if (fresh > end - start)
      out.push(`${k}: ${fresh} fresh records need as many seconds, its year has ${end - start}`);
  }
  if (records > MAX_PERSONS) out.push(`up to ${records} persons, but the value spaces hold ${MAX_PERSONS}`);
  return out;
}

function quoteField(value: string, force: boolean): string {
  return force || /[",\r\n]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function serialize(def: ItemDef, row: Cells): string {
  if (!def.quoting) return row.cells.join(def.delimiter);
  return row.cells.map((c, k) => quoteField(c, row.quote?.includes(k) ?? false)).join(def.delimiter);
}

type Extra = 'header' | 'blank' | 'separator' | 'comment';

async function writeItem(root: string, def: ItemDef, plan: Plan, g: Gen, ledger: Ledger): Promise<void> {
  const { f } = g;
  const item = ledger.item({
    path: def.path,
    format: def.format,
    encoding: def.encoding,
    delimiter: def.delimiter,
    category: def.category,
  });
  const file = join(root, ...def.path.split('/'));
  await mkdir(dirname(file), { recursive: true });
  const sink = await EncodedSink.open(file, def.encoding);
  const line = (text: string): void => sink.push(text + def.eol);
  const nonRecord = (text: string): void => {
    line(text);
    ledger.nonRecord(item);
  };

  if (def.title !== undefined) nonRecord(def.title);
  for (const c of def.topComments ?? []) nonRecord(c);
  const headerLine = def.header?.join(def.delimiter);
  if (headerLine !== undefined) nonRecord(headerLine);

  // Non-record lines between records: repeated headers, blank lines, separators, comments.
  const lumped = def.delimiter.length === 1;
  const extras: Record<Extra, number> = {
    header: headerLine === undefined ? 0 : 1 + Math.floor(plan.n / 20_000),
    blank: 1 + Math.floor(plan.n / 1_500),
    separator: lumped ? 1 + Math.floor(plan.n / 8_000) : 0,
    comment: def.midComment ? 1 + Math.floor(plan.n / 5_000) : 0,
  };
  let extrasLeft = Math.min(plan.n - 1, extras.header + extras.blank + extras.separator + extras.comment);
  let comments = 0;
  const extraLine = (): string => {
    const pick = f.number.int(extras.header + extras.blank + extras.separator + extras.comment - 1);
    let kind: Extra;
    if (pick < extras.header) kind = 'header';
    else if (pick < extras.header + extras.blank) kind = 'blank';
    else if (pick < extras.header + extras.blank + extras.separator) kind = 'separator';
    else kind = 'comment';
    extras[kind]--;
    switch (kind) {
      case 'header':
        return headerLine!;
      case 'blank':
        return f.number.int(1) === 0 ? '' : ' '.repeat(f.number.int({ min: 1, max: 4 }));
      case 'separator':
        return (f.number.int(1) === 0 ? '-' : '=').repeat(f.number.int({ min: 6, max: 30 }));
      case 'comment':
        return def.midComment!(comments++);
    }
  };

  const recent = new Recent<Row>(64);
  let fresh = 0;
  let dups = 0;
  let invalid = 0;
  for (let r = 0; r < plan.n; r++) {
    if (r > 0 && extrasLeft > 0 && f.number.int(plan.n - r - 1) < extrasLeft) {
      nonRecord(extraLine());
      extrasLeft--;
    }
    const left = plan.n - r;
    const freshLeft = plan.fresh - fresh;
    const dupLeft = plan.duplicates - dups;
    const pick = r === 0 ? 0 : f.number.int(left - 1);
    if (pick < freshLeft) {
      const row = def.fresh(fresh++);
      line(serialize(def, row));
      ledger.valid(item, true, row.subject);
      recent.push(row);
      def.afterFresh?.(row);
    } else if (pick < freshLeft + dupLeft) {
      const row = def.duplicate(dups++, recent);
      line(serialize(def, row));
      ledger.valid(item, false, row.subject);
    } else {
      const reason = def.reasons[invalid++ % def.reasons.length]!;
      line(serialize(def, def.invalid(reason)));
      ledger.invalid(item, reason);
    }
    if (sink.full) await sink.flush();
  }
  if (def.trailingBlank) nonRecord('');
  await sink.close();
}

function checkOptions(opts: DemoOptions): string {
  if (!Number.isSafeInteger(opts.records) || opts.records < MIN_RECORDS || opts.records > MAX_RECORDS) {
    throw new UsageError(
      `records must be an integer from ${MIN_RECORDS} to ${MAX_RECORDS}, got ${opts.records}`,
    );
  }
  if (!Number.isSafeInteger(opts.seed)) throw new UsageError(`seed must be an integer, got ${opts.seed}`);
  const date = opts.analysisDate ?? DEFAULT_ANALYSIS_DATE;
  if (
    !/^\d{4}-\d{2}-\d{2}$/u.test(date) ||
    Number.isNaN(Date.parse(date)) ||
    isoDate(Date.parse(date)) !== date
  ) {
    throw new UsageError(`analysis date must be a real date YYYY-MM-DD, got ${date}`);
  }
  if (date < LATEST_DATA_DATE) {
    throw new UsageError(
      `analysis date must be ${LATEST_DATA_DATE} or later (the demo data run to the end of 2023)`,
    );
  }
  return date;
}

/** Item paths of the demo case, relative to the evidence root. */
export const DEMO_ITEM_PATHS: readonly string[] = [
  '酒店/2020年入住登记.csv',
  '酒店/2021年入住登记(续).csv',
  '社工库/账号密码.txt',
  '快递/面单导出.txt',
  '银行/客户账户.txt',
  '定位/轨迹.csv',
  '身份证/证件信息.csv',
  '通讯录/客户名单.txt',
];

/** Refuses an evidence folder holding files the demo would not overwrite: they would falsify the truth. */
async function checkEvidenceRoot(root: string): Promise<void> {
  const foreign: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (!DEMO_ITEM_PATHS.includes(relative(root, p).split(sep).join('/'))) foreign.push(p);
    }
  };
  await walk(root);
  if (foreign.length > 0) {
    throw new UsageError(
      `${root} already holds files that are not part of the demo case: ${foreign.slice(0, 3).join(', ')}`,
    );
  }
}

/**
 * Writes the demo case under `dir/evidence/` and its ground truth to `dir/truth.json`; returns the truth.
 * Same seed and record count → byte-identical files.
 */
export async function generateDemo(dir: string, opts: DemoOptions): Promise<DemoTruth> {
  const analysisDate = checkOptions(opts);
  const root = join(dir, 'evidence');
  await checkEvidenceRoot(root);
  await mkdir(root, { recursive: true });

  const f = new Faker({ locale: [zh_CN, base] });
  f.seed(opts.seed);
  const p = plans(opts.records);
  const plan = (k: string): Plan => p.get(k)!;
  const g: Gen = {
    f,
    people: new People(f),
    guests: new Recent<Person>(256),
    carry: new Reservoir<Row>(Math.min(5_000, Math.max(1, Math.ceil(plan('lodging2021').duplicates / 2)))),
    dumpPersons: new Reservoir<Person>(Math.min(20_000, Math.ceil(plan('contacts').fresh / 3) + 1)),
  };
  const ledger = new Ledger();
  const defs: [string, ItemDef][] = [
    ['lodging2020', lodgingItem(g, plan('lodging2020'), 2020)],
    ['lodging2021', lodgingItem(g, plan('lodging2021'), 2021)],
    ['dump', dumpItem(g)],
    ['contacts', contactsItem(g)],
    ['waybill', waybillItem(g, plan('waybill'))],
    ['bank', bankItem(g)],
    ['track', trackItem(g, plan('track'))],
    ['idcard', idCardItem(g)],
  ];
  for (const [k, def] of defs) await writeItem(root, def, plan(k), g, ledger);

  const truth = ledger.truth({ seed: opts.seed, records: opts.records, analysis_date: analysisDate });
  await writeFile(join(dir, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  return truth;
}
