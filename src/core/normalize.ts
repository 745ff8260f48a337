/**
 * @module core/normalize
 * Text normalisation applied to every value before any comparison (counting-rules.md §2):
 * Unicode NFKC, trim, collapse inner white space.
 */

const WS = /\s+/gu;

/**
 * Values unchanged by NFKC, trimming and collapsing: printable ASCII and CJK Unified Ideographs (U+4E00–U+9FFF),
 * with single ASCII spaces only between such characters (`2020-01-02 13:04:05`). One native scan (measured faster
 * than a character loop in JavaScript).
 */
const ALREADY_NORMAL = /^(?:[\x21-\x7e\u4e00-\u9fff]+(?: [\x21-\x7e\u4e00-\u9fff]+)*)?$/;

/** NFKC + trim + collapse inner white space to one ASCII space. */
export function normalizeText(value: string): string {
  // Fast path: identifiers and names are returned as they are.
  return ALREADY_NORMAL.test(value) ? value : slowNormalize(value);
}

function slowNormalize(value: string): string {
  const nfkc = /^[\x20-\x7e]*$/.test(value) ? value : value.normalize('NFKC');
  return nfkc.replace(WS, ' ').trim();
}

/** Header normalisation for vocabulary look-ups: NFKC, lower case, no white space or decoration. */
export function normalizeHeader(header: string): string {
  return normalizeText(header)
    .toLowerCase()
    .replace(/[\s*:：()（）[\]【】<>《》"'`_\-./\\]/gu, '');
}
