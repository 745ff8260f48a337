/**
 * @module ingest/readers/xlsx/cells
 * Cell values of spreadsheets as the text a court should see (shared by the XLSX and XLS readers).
 *
 * Numbers: a spreadsheet number is an IEEE double, and Excel keeps 15 significant digits. An integer below 10^15
 * is exact and is written as its digits. An integer of 16 or more digits has lost digits already (an 18-digit
 * resident ID typed into a number cell becomes `110101199003077000`): it is written the way Excel's General
 * format shows it, `1.10101E+17`, so that the recognizers flag it `truncated` and nobody mistakes it for an exact
 * value. Other numbers are written with at most 15 significant digits (`0.30000000000000004` → `0.3`).
 * Dates (number cells with a date format) become ISO strings: `2020-03-01`, `2020-03-01T08:30:00`, `08:30:00`.
 */

/** Excel's General display of a number that is too long to show exactly: `1.10101E+17`. */
export function excelScientific(x: number): string {
  const [m, e] = x.toExponential(5).split('e') as [string, string];
  const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
  const exp = Number(e);
  const sign = exp < 0 ? '-' : '+';
  return `${mant}E${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Significant digits of an integer literal (sign and leading zeros dropped). */
function integerDigits(raw: string): number {
  let i = raw[0] === '-' || raw[0] === '+' ? 1 : 0;
  while (i < raw.length - 1 && raw[i] === '0') i++;
  return raw.length - i;
}

/**
 * Text of a numeric cell from its stored form (XML text of an XLSX `<v>`, or a JS number from XLS).
 * @example formatNumber('110101199003077000') // '1.10101E+17'
 * @example formatNumber('13800138000') // '13800138000'
 */
export function formatNumber(raw: string | number): string {
  if (typeof raw === 'string') {
    const s = raw.trim();
    if (/^[+-]?\d+$/.test(s)) {
      if (integerDigits(s) <= 15) return String(Number(s) === 0 ? 0 : BigInt(s));
      return excelScientific(Number(s));
    }
    const x = Number(s);
    if (s === '' || !Number.isFinite(x)) return s;
    return formatNumber(x);
  }
  const x = raw;
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) {
    if (Math.abs(x) < 1e15) return String(x === 0 ? 0 : x);
    return excelScientific(x);
  }
  if (Math.abs(x) >= 1e15) return excelScientific(x);
  const p = x.toPrecision(15);
  if (p.includes('e')) {
    const [m, e] = p.split('e') as [string, string];
    return `${m.replace(/\.?0+$/, '')}E${Number(e) < 0 ? '-' : '+'}${String(Math.abs(Number(e))).padStart(2, '0')}`;
  }
  return p.includes('.') ? p.replace(/\.?0+$/, '') : p;
}

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30, plus the CJK-locale ids 27–36, 50–58). */
const BUILTIN_DATE_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** True when a format code shows a date or time. */
export function isDateFormatCode(code: string): boolean {
  const cleaned = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:\$|[A-Za-z]{3,}|=|<|>)[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  if (/^general$/i.test(cleaned.trim())) return false;
  // Only the first section (positive numbers) decides.
  const first = cleaned.split(';')[0] ?? '';
  return /[yYdDhHsS]|(^|[^0#?.,])[mM]/.test(first) && !/^[#0?.,%E+\-\s]*$/.test(first);
}

export function isDateFormat(numFmtId: number, custom: ReadonlyMap<number, string>): boolean {
  const code = custom.get(numFmtId);
  if (code !== undefined) return isDateFormatCode(code);
  return BUILTIN_DATE_IDS.has(numFmtId);
}

/** ISO text of an Excel date serial (1900 system with its leap-year bug, or the 1904 system). */
export function serialToIso(serial: number, date1904: boolean): string {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2958465.99999) return formatNumber(serial);
  let days = Math.floor(serial);
  let ms = Math.round((serial - days) * 86400) * 1000;
  if (ms >= 86400000) {
    days += 1;
    ms -= 86400000;
  }
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  if (!date1904 && days < 60) days += 1;
  const d = new Date(base + days * 86400000 + ms);
  const iso = d.toISOString();
  const time = iso.slice(11, 19);
  if (serial < 1 && days <= 1 && ms > 0 && !date1904) return time;
  return ms === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)}T${time}`;
}

/** ISO text of a JS Date that holds a spreadsheet date (UTC fields). */
export function dateToIso(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)}T${iso.slice(11, 19)}`;
}
