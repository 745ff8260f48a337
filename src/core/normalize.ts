/**
 * @module core/normalize
 * Text normalisation applied to every value before any comparison (counting-rules.md §2):
 * Unicode NFKC, trim, collapse inner white space.
 */

const WS = /\s+/gu;

/** NFKC + trim + collapse inner white space to one ASCII space. */
export function normalizeText(value: string): string {
  // Fast path: printable ASCII without spaces and CJK Unified Ideographs (U+4E00–U+9FFF) are unchanged by NFKC,
  // trimming and collapsing; such values (identifiers, names) are returned as they are.
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) continue;
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
