/**
 * @module detect/validators/mask
 * Mask detection shared by every field type (counting-rules.md §2): a value containing `*`, `＊` or `×`, or a
 * run of two or more `x`/`X` inside a number, is masked. A single final `X` of an 18-character resident ID is
 * its GB 11643 check character, not a mask, and a run of x inside a word (`maxx2020`, `alexx`) is text.
 */

const STAR = 0x2a; // *
const FULL_STAR = 0xff0a; // ＊ (NFKC maps it to *, but raw input may reach here)
const TIMES = 0xd7; // ×
const SMALL_STAR = 0xfe61; // ﹡ (NFKC → *)

/** True for the char code of a mask symbol: `*`, `＊`, `﹡`, `×`. */
export function isMaskSymbol(code: number): boolean {
  return code === STAR || code === FULL_STAR || code === TIMES || code === SMALL_STAR;
}

/** True when `s` contains a mask symbol (`*`, `＊`, `﹡`, `×`). */
export function hasMaskSymbol(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isMaskSymbol(s.charCodeAt(i))) return true;
  return false;
}

function isX(code: number): boolean {
  return code === 0x78 || code === 0x58;
}
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
/** Characters that make the surrounding token a word rather than a number: letters other than x/X, `_`. */
function isWordCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 0x5f;
}
/** Characters a masked number token may consist of: digits, x/X, mask symbols, `-`, space. */
function isNumberTokenCode(code: number): boolean {
  return isDigit(code) || isX(code) || isMaskSymbol(code) || code === 0x2d || code === 0x20;
}

/**
 * True when `s` holds a run of ≥2 `x`/`X` inside a number: the maximal token around the run, made of digits,
 * x/X, mask symbols, `-` and spaces, contains a digit and is not glued to another letter or `_`.
 * @example hasMaskedDigitRun('138XXXX5678') // true
 * @example hasMaskedDigitRun('11010519491231002X') // false (single check character)
 * @example hasMaskedDigitRun('maxx2020') // false (a word)
 */
export function hasMaskedDigitRun(s: string): boolean {
  const n = s.length;
  let i = 0;
  while (i < n) {
    if (!isX(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && isX(s.charCodeAt(j))) j++;
    if (j - i >= 2) {
      let a = i;
      while (a > 0 && isNumberTokenCode(s.charCodeAt(a - 1))) a--;
      let b = j;
      while (b < n && isNumberTokenCode(s.charCodeAt(b))) b++;
      const glued = (a > 0 && isWordCode(s.charCodeAt(a - 1))) || (b < n && isWordCode(s.charCodeAt(b)));
      if (!glued) {
        for (let k = a; k < b; k++) if (isDigit(s.charCodeAt(k))) return true;
      }
    }
    i = j;
  }
  return false;
}

/**
 * The shared mask test: a mask symbol anywhere, or a run of ≥2 x/X inside a number.
 * @example hasMask('110101********123X') // true
 * @example hasMask('110101XXXXXXXX123X') // true
 * @example hasMask('11010519491231002X') // false
 */
export function hasMask(s: string): boolean {
  // Most values hold none of the characters either test looks for: one native scan rules them out.
  if (!MASK_CANDIDATE.test(s)) return false;
  return hasMaskSymbol(s) || hasMaskedDigitRun(s);
}

/** Every character `hasMaskSymbol` or `hasMaskedDigitRun` can start from: mask symbols and x/X. */
const MASK_CANDIDATE = /[*\uff0a\ufe61\u00d7xX]/;
