/**
 * @module demo/people
 * Synthetic data subjects for the demo case. Every person is invented; no real person's data is used.
 *
 * Uniqueness is by construction, not by look-up: person number `i` gets its resident ID, mobile number, bank
 * card and home address from affine permutations `(A·i + B) mod N` of the value spaces (A coprime to N, A and B
 * drawn from the seed). Two different persons therefore never share an ID, a mobile, a card or an address, so
 * the generator's bookkeeping can count data subjects by person number alone (see `ledger.ts`).
 */
import type { Faker } from '@faker-js/faker';
import { zh_CN } from '@faker-js/faker';
import { GB11643_CHECK_CHARS, gb11643CheckChar } from '../detect/validators/gb11643.js';
import { luhnCheckDigit } from '../detect/validators/luhn.js';
import { REGIONS, type Region, regionPrefix } from './regions.js';

// ---------------------------------------------------------------------------------------------------------
// Pools

/** Common surnames (single and a few compound ones). */
export const SURNAMES: readonly string[] = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤',
  '欧阳',
  '司马',
  '诸葛',
  '上官',
];

const GIVEN_MALE: readonly string[] = zh_CN.person?.first_name?.male ?? ['伟'];
const GIVEN_FEMALE: readonly string[] = zh_CN.person?.first_name?.female ?? ['芳'];
/** Street names of the zh_CN locale: all end in 路/街/大道-type words. */
export const STREETS: readonly string[] = (zh_CN.location?.street_name ?? ['人民路']).filter((s) =>
  /^[\u4e00-\u9fff]+$/u.test(s),
);

const ETHNIC_MINORITIES = ['回', '满', '壮', '蒙古', '维吾尔', '苗', '彝', '土家', '藏', '朝鲜'] as const;

export interface Bank {
  readonly name: string;
  /** Issuer prefix (cosmetic; the demo never depends on it). */
  readonly bin: string;
  readonly length: 16 | 19;
}

export const BANKS: readonly Bank[] = [
  { name: '中国工商银行', bin: '622202', length: 19 },
  { name: '中国农业银行', bin: '622848', length: 19 },
  { name: '中国建设银行', bin: '621700', length: 19 },
  { name: '中国银行', bin: '621661', length: 19 },
  { name: '招商银行', bin: '622588', length: 16 },
];

/** Mobile prefixes that pass the counting-rules mobile pattern. */
const MOBILE_PREFIXES: readonly string[] = [
  ...Array.from({ length: 10 }, (_, k) => `13${k}`),
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  ...Array.from({ length: 10 }, (_, k) => `18${k}`),
  '176',
  '177',
  '199',
];

/** 11-digit numbers that look like mobiles but have a prefix no operator uses. */
const BAD_MOBILE_PREFIXES = ['100', '101', '110', '111', '120', '121', '122', '123', '129'] as const;

// ---------------------------------------------------------------------------------------------------------
// Arithmetic helpers

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** (a·b) mod n without leaving the exact integer range of doubles; a, b < n < 2^32. */
function mulmod(a: number, b: number, n: number): number {
  const hi = Math.floor(b / 65536);
  const lo = b % 65536;
  return (((a * hi) % n) * 65536 + a * lo) % n;
}

/** A seeded affine permutation of [0, n). */
export class Permutation {
  readonly n: number;
  private readonly a: number;
  private readonly b: number;
  constructor(f: Faker, n: number) {
    if (n < 2 || n >= 2 ** 32) throw new Error(`Permutation: bad size ${n}`);
    this.n = n;
    let a = f.number.int({ min: Math.floor(n / 3), max: Math.floor((2 * n) / 3) });
    while (gcd(a, n) !== 1) a++;
    this.a = a;
    this.b = f.number.int({ min: 0, max: n - 1 });
  }
  at(i: number): number {
    if (i < 0 || i >= this.n) throw new Error(`Permutation: index ${i} out of range ${this.n}`);
    return (mulmod(this.a, i, this.n) + this.b) % this.n;
  }
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

const DAY_MS = 86_400_000;
const BIRTH_FIRST = Date.UTC(1950, 0, 1);
const BIRTH_DAYS = Math.round((Date.UTC(2005, 11, 31) - BIRTH_FIRST) / DAY_MS) + 1;

// Value spaces of the permutations (each < 2^32, as Permutation requires).
/** ID space: region × birth day × 500 sequence pairs (the gender bit completes the 3-digit sequence code). */
const ID_SPACE = REGIONS.length * BIRTH_DAYS * 500;
const MOBILE_SPACE = MOBILE_PREFIXES.length * 100_000_000;
/** The nine permuted digits of a card number. */
const CARD_SPACE = 1_000_000_000;
/** Address space: street × number (1–998) × building (1–36) × room (floor 1–30 × unit 1–4). */
const ADDRESS_SPACE = STREETS.length * 998 * 36 * 120;

/**
 * How many persons (and how many house moves) `People` can make with unique values: person `no` takes ID,
 * mobile and card index `no` and home address `2·no`; the k-th move takes address `2·k + 1`. Beyond it
 * `Permutation.at` throws, so exceeding it fails loudly rather than duplicating a value.
 */
export const MAX_PERSONS = Math.min(ID_SPACE, MOBILE_SPACE, CARD_SPACE, Math.floor(ADDRESS_SPACE / 2));

/** `YYYY-MM-DD` of a UTC epoch-milliseconds value. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:MM:SS` of a UTC epoch-seconds value. */
export function isoDateTime(sec: number): string {
  const s = new Date(sec * 1000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Persons

export interface Person {
  /** Person number: the only thing the ledger needs to tell data subjects apart. */
  readonly no: number;
  readonly name: string;
  readonly male: boolean;
  readonly ethnicity: string;
  readonly region: Region;
  /** Birth date `YYYY-MM-DD`, 1950–2005. */
  readonly birth: string;
  /** 18-character resident ID, upper-case check character. */
  readonly id18: string;
  readonly mobile: string;
  readonly bank: Bank;
  readonly card: string;
  /** Household address (unique per person). */
  readonly address: string;
}

export class People {
  private readonly f: Faker;
  private readonly idPerm: Permutation;
  private readonly mobilePerm: Permutation;
  private readonly cardPerm: Permutation;
  private readonly addressPerm: Permutation;
  private count = 0;
  private moves = 0;

  constructor(f: Faker) {
    this.f = f;
    this.idPerm = new Permutation(f, ID_SPACE);
    this.mobilePerm = new Permutation(f, MOBILE_SPACE);
    this.cardPerm = new Permutation(f, CARD_SPACE);
    this.addressPerm = new Permutation(f, ADDRESS_SPACE);
  }

  /** Persons allocated so far (person numbers are 0 … allocated − 1). */
  get allocated(): number {
    return this.count;
  }

  /** A new person; `want` filters (the skipped person numbers are simply never used). */
  next(want?: { checkX?: boolean; bornBefore2000?: boolean; numericId?: boolean }): Person {
    for (;;) {
      const p = this.make(this.count++);
      if (want?.checkX && !p.id18.endsWith('X')) continue;
      if (want?.numericId && p.id18.endsWith('X')) continue;
      if (want?.bornBefore2000 && p.birth >= '2000') continue;
      return p;
    }
  }

  private make(no: number): Person {
    const f = this.f;
    const c = this.idPerm.at(no);
    const region = REGIONS[c % REGIONS.length]!;
    const t = Math.floor(c / REGIONS.length);
    const birthMs = BIRTH_FIRST + (t % BIRTH_DAYS) * DAY_MS;
    const pairNo = Math.floor(t / BIRTH_DAYS);
    const male = f.number.int(1) === 1;
    const birth = isoDate(birthMs);
    const id17 = `${region.code}${birth.replaceAll('-', '')}${pad(pairNo * 2 + (male ? 1 : 0), 3)}`;
    const id18 = id17 + gb11643CheckChar(id17);

    const m = this.mobilePerm.at(no);
    const mobile =
      MOBILE_PREFIXES[m % MOBILE_PREFIXES.length] + pad(Math.floor(m / MOBILE_PREFIXES.length), 8);

    const bank = f.helpers.arrayElement(BANKS);
    const body = pad(this.cardPerm.at(no), 9);
    const filler = bank.length === 19 ? pad(f.number.int(999), 3) : '';
    const cardBody = `${bank.bin}${filler}${body}`;
    const card = cardBody + luhnCheckDigit(cardBody);

    const given = f.helpers.arrayElement(male ? GIVEN_MALE : GIVEN_FEMALE);
    const surname =
      f.number.int(40) === 0 ? f.helpers.arrayElement(SURNAMES.slice(-4)) : f.helpers.arrayElement(SURNAMES);
    const name = surname + given;
    const ethnicity = f.number.int(9) === 0 ? f.helpers.arrayElement(ETHNIC_MINORITIES) : '汉';

    return {
      no,
      name,
      male,
      ethnicity,
      region,
      birth,
      id18,
      mobile,
      bank,
      card,
      address: this.address(region, 2 * no),
    };
  }

  /** Another address of the same person (moved house); never equal to any person's home address. */
  movedAddress(p: Person): string {
    return this.address(p.region, 2 * this.moves++ + 1);
  }

  private address(region: Region, k: number): string {
    let a = this.addressPerm.at(k);
    const street = STREETS[a % STREETS.length]!;
    a = Math.floor(a / STREETS.length);
    const no = (a % 998) + 1;
    a = Math.floor(a / 998);
    const building = (a % 36) + 1;
    a = Math.floor(a / 36);
    const room = (Math.floor(a / 4) + 1) * 100 + (a % 4) + 1;
    return `${regionPrefix(region)}${street}${no}号${building}栋${room}室`;
  }

  // -------------------------------------------------------------------------------------------------------
  // Throw-away values for invalid records (they identify nobody, so they need no uniqueness).

  /** A random name that passes the name rule (surname + given name, 2–4 CJK characters). */
  randomName(): string {
    const f = this.f;
    return (
      f.helpers.arrayElement(SURNAMES) + f.helpers.arrayElement(f.number.int(1) ? GIVEN_MALE : GIVEN_FEMALE)
    );
  }

  /** A random, correct 18-character ID with an all-digit check (for truncation and masking). */
  randomNumericId(): string {
    const f = this.f;
    for (;;) {
      const region = f.helpers.arrayElement(REGIONS);
      const birth = isoDate(BIRTH_FIRST + f.number.int(BIRTH_DAYS - 1) * DAY_MS).replaceAll('-', '');
      const id17 = `${region.code}${birth}${pad(f.number.int(999), 3)}`;
      const check = gb11643CheckChar(id17);
      if (check !== 'X') return id17 + check;
    }
  }

  randomMobile(): string {
    return this.f.helpers.arrayElement(MOBILE_PREFIXES) + pad(this.f.number.int(99_999_999), 8);
  }

  randomCard(): string {
    const bank = this.f.helpers.arrayElement(BANKS);
    const body = bank.bin + pad(this.f.number.int(10 ** (bank.length - 7) - 1), bank.length - 7);
    return body + luhnCheckDigit(body);
  }

  /**
   * A resident ID whose check character is wrong (everything else correct). Never one ending in `000`: the
   * counting rules read a failing ID ending so as a spreadsheet's loss of precision (truncated), not as a wrong
   * check character (invalid). Still one draw per call, so the rest of the case stays the same.
   */
  badCheckId(id18: string): string {
    const right = id18.slice(17);
    let wrong = GB11643_CHECK_CHARS.replace(right, '');
    if (id18.slice(15, 17) === '00') wrong = wrong.replace('0', '');
    return id18.slice(0, 17) + wrong[this.f.number.int(wrong.length - 1)];
  }

  /** An 11-digit number with a prefix no mobile operator uses (`12012345678`). */
  badMobile(): string {
    return this.f.helpers.arrayElement(BAD_MOBILE_PREFIXES) + pad(this.f.number.int(99_999_999), 8);
  }

  /** A 16-digit card number starting 4 or 5 (not UnionPay 62) that fails Luhn. */
  badCard(): string {
    const body =
      String(this.f.number.int({ min: 4, max: 5 })) + pad(this.f.number.int(99_999_999_999_999), 14);
    return body + String((luhnCheckDigit(body) + 1 + this.f.number.int(8)) % 10);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Renderings of the same value

/** `110101********123X`: region code, eight stars, last four characters. */
export const maskId = (id: string): string => `${id.slice(0, 6)}********${id.slice(14)}`;
/** `138****5678`. */
export const maskMobile = (m: string): string => `${m.slice(0, 3)}****${m.slice(7)}`;
/** `622202*********1234`. */
export const maskCard = (c: string): string => `${c.slice(0, 6)}${'*'.repeat(c.length - 10)}${c.slice(-4)}`;

/** How a spreadsheet shows a long digit string stored as a number: `1.10101E+17`. */
export function spreadsheetNumber(digits: string): string {
  const [mantissa = '', exponent = ''] = Number(digits).toExponential(5).split('e');
  return `${mantissa.replace(/\.?0+$/u, '')}E${exponent}`;
}

/** The 15-digit form of an 18-digit ID of someone born 19xx (drop `19` and the check character). */
export function id15Of(id18: string): string {
  if (id18.slice(6, 8) !== '19')
    throw new Error('id15Of: only IDs of persons born 1900–1999 have a 15-digit form');
  return id18.slice(0, 6) + id18.slice(8, 17);
}

const FULL_WIDTH_OFFSET = 0xff10 - 0x30;
/** Full-width digits (`１３８…`): NFKC maps them back to ASCII. */
export function fullWidthDigits(s: string): string {
  return s.replace(/[0-9]/gu, (d) => String.fromCharCode(d.charCodeAt(0) + FULL_WIDTH_OFFSET));
}
