/**
 * @module detect/validators/luhn
 * Luhn (mod 10) check digit, ISO/IEC 7812-1 Annex B, used by payment card numbers (legal-reference.md §5.3).
 * Works on char codes of a digit string; never converts the number.
 */

/**
 * True when `digits` (ASCII digits only, length ≥ 2) passes the Luhn check.
 * @example luhnValid('79927398713') // true
 */
export function luhnValid(digits: string): boolean {
  const n = digits.length;
  if (n < 2) return false;
  let sum = 0;
  let double = false;
  for (let i = n - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * The Luhn check digit (0–9) to append to `body`; -1 when `body` is not digits.
 * @example luhnCheckDigit('7992739871') // 3
 */
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let d = body.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}
