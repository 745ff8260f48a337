/**
 * @module core/normalize
 * Text normalisation applied to every value before any comparison (counting-rules.md §2):
 * Unicode NFKC, trim, collapse inner white space.
 */

const WS = /\s+/gu;

/** NFKC + trim + collapse inner white space to one ASCII space. */
export function normalizeText(value: string): string {
  // Fast path: printable ASCII and CJK Unified Ideographs (U+4E00–U+9FFF) are unchanged by NFKC, trimming and
  // collapsing; such values (identifiers, names) are returned as they are.
  // A single ASCII space between two such characters (`2020-01-02 13:04:05`) is kept as it is, too.
  const last = value.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = value.charCodeAt(i);
    if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) continue;
    if (
      c === 0x20 &&
      i > 0 &&
      i < last &&
      value.charCodeAt(i - 1) !== 0x20 &&
      value.charCodeAt(i + 1) !== 0x20
    ) {
      continue;
    }
    return slowNormalize(value);
  }
  return value;
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
