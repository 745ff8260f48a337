/**
 * @module detect/validators/digits
 * Character-level helpers for number-shaped identifiers (counting-rules.md §2 "Numbers: drop spaces, `-` and
 * `.` separators inside phone/ID/card numbers"). Everything works on char codes: an 18-digit ID must never pass
 * through a JS number (2^53 ≈ 9.007e15 < 10^17).
 */

const C0 = 48;
const C9 = 57;

/** True for the char code of an ASCII digit `0`–`9`. */
export function isDigitCode(code: number): boolean {
  return code >= C0 && code <= C9;
}

/**
 * True when `s[start, end)` is non-empty and only ASCII digits.
 * @example allDigits('13800138000') // true
 */
export function allDigits(s: string, start = 0, end = s.length): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < C0 || c > C9) return false;
  }
  return true;
}

/** Separator char codes dropped inside numbers: space, `-`, `.` (counting-rules.md §2). */
function isSeparatorCode(code: number): boolean {
  return code === 0x20 || code === 0x2d || code === 0x2e;
}

/** Characters a separator must sit between to count as "inside a number": digits, letters, mask symbols. */
function isNumberBodyCode(code: number): boolean {
  return (
    (code >= C0 && code <= C9) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 0x2a || // *
    code === 0xd7 || // ×
    code === 0xff0a // ＊
  );
}

/**
 * Drop runs of separators (space, `-`, `.`) that sit between two number-body characters (digits, letters,
 * mask symbols). Leading and trailing separators are kept, so `-5` or `138.` keep their shape and fail later.
 * Returns the input itself (no allocation) when there is nothing to drop.
 * @example stripSeparators('138-0013 8000') // '13800138000'
 */
export function stripSeparators(s: string): string {
  const n = s.length;
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (isSeparatorCode(s.charCodeAt(i))) {
      first = i;
      break;
    }
  }
  if (first < 0) return s;
  let out = '';
  let segStart = 0;
  let i = first;
  while (i < n) {
    if (!isSeparatorCode(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isSeparatorCode(s.charCodeAt(j))) j++;
    const inside =
      i > 0 && j < n && isNumberBodyCode(s.charCodeAt(i - 1)) && isNumberBodyCode(s.charCodeAt(j));
    if (inside) {
      out += s.slice(segStart, i);
      segStart = j;
    }
    i = j;
  }
  return segStart === 0 ? s : out + s.slice(segStart);
}

/**
 * Spreadsheet scientific notation of a whole number, e.g. `1.10101E+17` (Excel shows numbers of 12+ digits
 * this way, and keeps only 15 significant digits: counting-rules.md §2 "truncated").
 * Returns the decimal exponent, or -1 when `s` is not of that shape.
 * @example scientificExponent('4.40301e+17') // 17
 */
export function scientificExponent(s: string): number {
  const m = SCIENTIFIC.exec(s);
  if (m === null) return -1;
  return Number(m[1]);
}
/**
 * Cheap pre-test for `scientificExponent`: a digit followed by `.`, `E` or `e`. Lets hot paths skip the regex.
 * @example mayBeScientific('1.10101E+17') // true
 */
export function mayBeScientific(s: string): boolean {
  if (s.length < 3) return false;
  const c0 = s.charCodeAt(0);
  const c1 = s.charCodeAt(1);
  return (
    c0 >= 49 &&
    c0 <= C9 &&
    (c1 === 0x2e || c1 === 0x45 || c1 === 0x65) &&
    (s.includes('E') || s.includes('e'))
  );
}
/** `d[.ddd]E[+]nn` — mantissa of one leading digit 1–9, as Excel and LibreOffice print it. */
const SCIENTIFIC = /^[1-9](?:\.[0-9]{1,15})?[eE]\+?([0-9]{1,2})$/;

/**
 * True when a digit string longer than 15 digits ends in zeros from the 16th digit on: the mark of a
 * spreadsheet that stored the value as a double and kept 15 significant digits (Excel specification limit).
 * @example looksPrecisionTruncated('110105194912310000') // true
 */
export function looksPrecisionTruncated(digits: string): boolean {
  const n = digits.length;
  if (n <= 15) return false;
  for (let i = 15; i < n; i++) if (digits.charCodeAt(i) !== C0) return false;
  return true;
}

/**
 * Undo the two ways people force a number to stay text in a spreadsheet: a leading apostrophe (`'1101…`) and
 * the formula form `="1101…"` (written by CSV exporters meant for Excel). Returns the input itself otherwise.
 * @example unwrapSpreadsheetText('="11010519491231002X"') // '11010519491231002X'
 */
export function unwrapSpreadsheetText(s: string): string {
  const n = s.length;
  const c0 = s.charCodeAt(0);
  if (c0 === 0x27 && n > 1) return s.slice(1);
  if (c0 === 0x3d && n > 3 && s.charCodeAt(1) === 0x22 && s.charCodeAt(n - 1) === 0x22) return s.slice(2, -1);
  return s;
}
