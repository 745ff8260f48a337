/**
 * @module detect/validators/calendar
 * Real-calendar checks for dates inside identifiers and date fields (GB/T 7408 / ISO 8601 dates,
 * proleptic Gregorian calendar: leap year = divisible by 4, except centuries not divisible by 400).
 * Dates are compared as integers `yyyymmdd`, parsed from char codes (no Date objects, no clock).
 */

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Gregorian leap-year rule. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`; 0 for a month out of range. */
export function daysInMonth(year: number, month: number): number {
  if (month < 1 || month > 12) return 0;
  return month === 2 && isLeapYear(year) ? 29 : DAYS[month]!;
}

/**
 * True for a real calendar date (year 1–9999).
 * @example isRealDate(2000, 2, 29) // true; isRealDate(1900, 2, 29) // false
 */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999) return false;
  return day >= 1 && day <= daysInMonth(year, month);
}

/** The integer key `yyyymmdd` used for comparisons. */
export function dateKey(year: number, month: number, day: number): number {
  return year * 10000 + month * 100 + day;
}

/** Real-date test on a `yyyymmdd` key. */
export function isRealDateKey(key: number): boolean {
  return isRealDate(Math.floor(key / 10000), Math.floor(key / 100) % 100, key % 100);
}

/**
 * Read `len` ASCII digits of `s` from `offset` as a non-negative integer; -1 when any is not a digit.
 * Only for short runs (dates): never call it on a whole identifier.
 */
export function readDigits(s: string, offset: number, len: number): number {
  if (offset < 0 || offset + len > s.length || len > 9) return -1;
  let v = 0;
  for (let i = offset; i < offset + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * The `yyyymmdd` key of 8 digits at `offset` when they form a real date, else -1.
 * @example realDateKeyAt('11010519491231002X', 6) // 19491231
 */
export function realDateKeyAt(s: string, offset: number): number {
  const key = readDigits(s, offset, 8);
  return key >= 0 && isRealDateKey(key) ? key : -1;
}

let lastIso = '';
let lastIsoKey = -1;
/**
 * Parse an ISO `YYYY-MM-DD` date (the form of `RecognizeContext.analysisDate`) to its key.
 * Throws RangeError for anything else: a bad analysis date is a programming error, never data.
 * Memoises the last input (pure function, one slot) because it is called once per value.
 */
export function isoDateKey(iso: string): number {
  if (iso === lastIso) return lastIsoKey;
  if (iso.length !== 10 || iso.charCodeAt(4) !== 0x2d || iso.charCodeAt(7) !== 0x2d) {
    throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  }
  const y = readDigits(iso, 0, 4);
  const m = readDigits(iso, 5, 2);
  const d = readDigits(iso, 8, 2);
  if (y < 0 || m < 0 || d < 0 || !isRealDate(y, m, d)) {
    throw new RangeError(`not a real calendar date: ${JSON.stringify(iso)}`);
  }
  lastIso = iso;
  lastIsoKey = dateKey(y, m, d);
  return lastIsoKey;
}
