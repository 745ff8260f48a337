/**
 * @module detect/validators/gb11643
 * GB 11643-1999 公民身份号码 check character: ISO 7064:1983 MOD 11-2 over the first 17 digits, weights
 * 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 (= 2^(18−i) mod 11), S mod 11 → "10X98765432" (legal-reference.md §5.1).
 * 15-digit first-generation numbers are upgraded by inserting "19" before the YYMMDD birth date and appending
 * the check character (110105491231002 → 11010519491231002X).
 * Strings and char codes only: an 18-digit number does not fit a JS number exactly.
 */

/** Weights of positions 1..17 (GB 11643-1999 §7.2). */
export const GB11643_WEIGHTS: readonly number[] = Object.freeze([
  7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
]);

/** Check character indexed by S mod 11. */
export const GB11643_CHECK_CHARS = '10X98765432';

/**
 * The check character for a 17-digit body (first 17 characters of `s` are read); '' when they are not digits.
 * @example gb11643CheckChar('11010519491231002') // 'X'
 */
export function gb11643CheckChar(s: string): string {
  if (s.length < 17) return '';
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return '';
    sum += d * GB11643_WEIGHTS[i]!;
  }
  return GB11643_CHECK_CHARS[sum % 11]!;
}

/**
 * True when `id` is 17 digits + the correct check character (`X` or `x` accepted for 10).
 * Checks only the check character: province and birth date are separate validators.
 * @example isGb11643CheckValid('11010519491231002X') // true
 */
export function isGb11643CheckValid(id: string): boolean {
  if (id.length !== 18) return false;
  const expected = gb11643CheckChar(id);
  if (expected === '') return false;
  const last = id.charCodeAt(17);
  return last === expected.charCodeAt(0) || (expected === 'X' && last === 0x78);
}

/**
 * Upgrade a 15-digit first-generation number to 18 digits: insert "19" before the birth date, append the check
 * character. Returns '' when the input is not 15 ASCII digits. Does not validate province or date.
 * @example upgrade15To18('110105491231002') // '11010519491231002X'
 */
export function upgrade15To18(id15: string): string {
  if (id15.length !== 15) return '';
  for (let i = 0; i < 15; i++) {
    const d = id15.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return '';
  }
  const body = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return body + gb11643CheckChar(body);
}
