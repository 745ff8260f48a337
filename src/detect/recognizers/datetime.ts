/**
 * @module detect/recognizers/datetime
 * Dates and date-times (ISO 8601 / GB/T 7408 and the common Chinese spreadsheet forms).
 * Accepted (date must be a real calendar date, year 1900–2099; time 00:00–23:59:59):
 * - `2020-01-02`, `2020/1/2`, `2020.1.2` (same separator twice), `2020年1月2日` (日 or 号 optional),
 * - compact `20200102`, `202001021304`, `20200102130405`,
 * - followed by a time `13:04`, `13:04:05`, `13:04:05.123`, `13时04分05秒` after `T`, a space or 日,
 *   with an optional zone `Z` / `+08:00` / `+0800`.
 * - Unix epoch seconds (10 digits) or milliseconds (13 digits), 2000-01-01 to 2099-12-31, only in a column
 *   typed by header; rendered in China Standard Time (UTC+8, warning `epoch_utc8`).
 * Date-shaped but impossible → invalid: `2019-02-29` `date`, `25:00` `time`, `0000-00-00` / `1899-…` `year`.
 * A compact digit run that is not a real date is nomatch unless the column is typed by header.
 * Normalized: `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS[.fff][zone]` when a time is present (seconds default 00).
 */
import type { RecognizeContext, Verdict } from '../recognizer.js';
import { isRealDate } from '../validators/calendar.js';
import { allDigits } from '../validators/digits.js';
import type { PatternRecognizer } from './lib/types.js';
import { invalid, nomatch, valid } from './lib/verdicts.js';

/** Separated date at the start: `YYYY-M-D`, `YYYY/M/D`, `YYYY.M.D` (backreference: same separator). */
const DATE_SEP = /^([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})/;
/** Chinese date at the start: `YYYY年M月D日`. */
const DATE_CN = /^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]?/;
/** Compact date (and time) digits: 8, 12 or 14 digits. */
const DATE_COMPACT = /^([0-9]{4})([0-9]{2})([0-9]{2})(?:([0-9]{2})([0-9]{2})([0-9]{2})?)?$/;
/** Compact date followed by a separated time (`20200102 13:04`). */
const COMPACT_TIME = /^([0-9]{8})[T ](.+)$/;
/** Time of day with optional seconds, fraction and zone (`13:04:05.123+08:00`, `13时04分05秒`). */
const TIME =
  /^([0-9]{1,2})(?::|时)([0-9]{1,2})(?:(?::|分)([0-9]{1,2})(?:\.([0-9]{1,9}))?秒?)?分?(?: ?(Z|[+-][0-9]{2}:?[0-9]{2}))?$/;

const EPOCH_MIN_S = 946684800; // 2000-01-01T00:00:00Z
const EPOCH_MAX_S = 4102444799; // 2099-12-31T23:59:59Z
const UTC8_MS = 8 * 3600 * 1000;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function judgeDate(y: number, mo: number, d: number): string {
  if (y < 1900 || y > 2099) return 'year';
  return isRealDate(y, mo, d) ? '' : 'date';
}

/** Parse the time tail; returns the normalized `HH:MM:SS[.f][zone]` or a reason code prefixed by `!`. */
function parseTime(tail: string): string {
  const t = TIME.exec(tail);
  if (t === null) return '!shape';
  const h = Number(t[1]);
  const mi = Number(t[2]);
  const se = t[3] === undefined ? 0 : Number(t[3]);
  if (h > 23 || mi > 59 || se > 59) return '!time';
  const frac = t[4] === undefined ? '' : `.${t[4]}`;
  const zone = t[5] === undefined ? '' : t[5].length === 5 ? `${t[5].slice(0, 3)}:${t[5].slice(3)}` : t[5];
  return `${pad2(h)}:${pad2(mi)}:${pad2(se)}${frac}${zone}`;
}

function finish(y: number, mo: number, d: number, tail: string, pattern: string): Verdict {
  const date = `${y}-${pad2(mo)}-${pad2(d)}`;
  let time = '';
  if (tail !== '') {
    time = parseTime(tail);
    if (time === '!shape') return nomatch();
  }
  const bad = judgeDate(y, mo, d);
  if (bad !== '') return invalid(date, bad, pattern);
  if (time === '!time') return invalid(date, 'time', pattern);
  return valid(time === '' ? date : `${date} ${time}`, time === '' ? pattern : `${pattern}_time`);
}

function epoch(value: string): Verdict {
  const ms = value.length === 13 ? Number(value) : Number(value) * 1000;
  if (ms < EPOCH_MIN_S * 1000 || ms > EPOCH_MAX_S * 1000 + 999) return nomatch();
  const iso = new Date(ms + UTC8_MS).toISOString(); // shifted to UTC+8; pure arithmetic, no clock
  return valid(
    `${iso.slice(0, 10)} ${iso.slice(11, 19)}`,
    value.length === 13 ? 'epoch_ms' : 'epoch_s',
    undefined,
    'epoch_utc8',
  );
}

const d = (v: string, i: number): number => v.charCodeAt(i) - 48;
/** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, ASCII digits only. */
const CANONICAL = /^[0-9]{4}-[0-9]{2}-[0-9]{2}(?: [0-9]{2}:[0-9]{2}:[0-9]{2})?$/;

/**
 * The canonical forms `YYYY-MM-DD` and `YYYY-MM-DD HH:MM:SS` (what most dumps hold) when valid, checked by
 * character codes; anything else (including invalid canonical values) returns null and takes the full path.
 */
function canonicalValid(v: string): Verdict | null {
  const n = v.length;
  if ((n !== 10 && n !== 19) || !CANONICAL.test(v)) return null;
  const y = d(v, 0) * 1000 + d(v, 1) * 100 + d(v, 2) * 10 + d(v, 3);
  const mo = d(v, 5) * 10 + d(v, 6);
  const day = d(v, 8) * 10 + d(v, 9);
  if (y < 1900 || y > 2099 || !isRealDate(y, mo, day)) return null;
  if (n === 10) return valid(v, 'ymd');
  const h = d(v, 11) * 10 + d(v, 12);
  const mi = d(v, 14) * 10 + d(v, 15);
  const se = d(v, 17) * 10 + d(v, 18);
  if (h > 23 || mi > 59 || se > 59) return null;
  return valid(v, 'ymd_time');
}

function match(value: string, ctx: RecognizeContext): Verdict {
  const n = value.length;
  if (n < 8 || n > 40) return nomatch();
  const fast = canonicalValid(value);
  if (fast !== null) return fast;
  const c0 = value.charCodeAt(0);
  if (c0 < 0x30 || c0 > 0x39) return nomatch();
  if (allDigits(value)) {
    if (ctx.viaHeader === true && (n === 10 || n === 13)) return epoch(value);
    const c = DATE_COMPACT.exec(value);
    if (c === null) return nomatch();
    const tail = c[4] === undefined ? '' : `${c[4]}:${c[5]}${c[6] === undefined ? '' : `:${c[6]}`}`;
    const v = finish(Number(c[1]), Number(c[2]), Number(c[3]), tail, 'ymd_compact');
    // A digit run that is not a real date is just a number unless the header says date.
    return v.status === 'invalid' && ctx.viaHeader !== true ? nomatch('date') : v;
  }
  const sep = DATE_SEP.exec(value);
  if (sep !== null) {
    const rest = value.slice(sep[0].length);
    if (rest !== '' && rest[0] !== 'T' && rest[0] !== ' ') return nomatch();
    return finish(Number(sep[1]), Number(sep[3]), Number(sep[4]), rest.slice(1), 'ymd');
  }
  const cn = DATE_CN.exec(value);
  if (cn !== null) {
    let rest = value.slice(cn[0].length);
    if (rest[0] === ' ') rest = rest.slice(1);
    return finish(Number(cn[1]), Number(cn[2]), Number(cn[3]), rest, 'ymd_cn');
  }
  const compact = COMPACT_TIME.exec(value);
  if (compact !== null) {
    const d = compact[1]!;
    return finish(
      Number(d.slice(0, 4)),
      Number(d.slice(4, 6)),
      Number(d.slice(6, 8)),
      compact[2]!,
      'ymd_compact',
    );
  }
  return nomatch();
}

export const DATETIME: PatternRecognizer = {
  id: 'intl.datetime',
  type: 'datetime',
  version: '1.0.0',
  reference: 'ISO 8601 / GB/T 7408-2005 dates and times; Gregorian calendar; Unix epoch (POSIX time)',
  headerWords: [
    '时间',
    '日期',
    '生日',
    '出生日期',
    '出生年月日',
    '入住时间',
    '退房时间',
    '定位时间',
    '下单时间',
    '创建时间',
    '时间戳',
    'rq',
    'csrq',
    'date',
    'time',
    'datetime',
    'timestamp',
    'birthday',
    'birthdate',
    'dob',
    'createdat',
    'updatedat',
  ],
  headerExclude: ['时长', '时间段', 'duration', '次数'],
  contextRequired: false,
  patterns: {
    dateSep: DATE_SEP,
    dateCn: DATE_CN,
    dateCompact: DATE_COMPACT,
    compactTime: COMPACT_TIME,
    time: TIME,
  },
  match,
};
