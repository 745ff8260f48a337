/**
 * @module core/normalize
 * Text normalisation applied to every value before any comparison (counting-rules.md §2):
 * Unicode NFKC, trim, collapse inner white space.
 */

const WS = /\s+/gu;

/** NFKC + trim + collapse inner white space to one ASCII space. */
export function normalizeText(value: string): string {
  // Fast path: plain ASCII without runs of white space needs no NFKC.
  const nfkc = /^[\x20-\x7e]*$/.test(value) ? value : value.normalize('NFKC');
  return nfkc.replace(WS, ' ').trim();
}

/** Header normalisation for vocabulary look-ups: NFKC, lower case, no white space or decoration. */
export function normalizeHeader(header: string): string {
  return normalizeText(header)
    .toLowerCase()
    .replace(/[\s*:：()（）[\]【】<>《》"'`_\-./\\]/gu, '');
}
