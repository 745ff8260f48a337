/**
 * @module detect/header-match
 * Header vocabulary matching (the rule stated on `Recognizer.headerWords` in recognizer.ts): after
 * `normalizeHeader`, a recognizer's word matches a header when it equals it, or — for words of 2+ Han
 * characters or 4+ ASCII letters — when the header contains it. A recognizer is dropped when its
 * `headerExclude` vetoes the header; exclusions are plain containment (any length), so `qq群` is vetoed by `群`.
 * Tables are built once at load.
 */
import type { FieldType } from '../core/field-types.js';
import { normalizeHeader } from '../core/normalize.js';
import { RECOGNIZERS } from './recognizers/index.js';

/** One vocabulary hit, for explanations ("表头 联系电话 contains 电话"). */
export interface HeaderMatch {
  readonly type: FieldType;
  /** The normalised vocabulary word that matched. */
  readonly word: string;
  /** True when the word equals the whole normalised header. */
  readonly exact: boolean;
}

interface Entry {
  readonly type: FieldType;
  readonly words: readonly { readonly word: string; readonly containable: boolean }[];
  readonly exclude: readonly string[];
  readonly order: number;
}

const HAN = /\p{Script=Han}/gu;
const ASCII_LETTER = /[A-Za-z]/g;

/** True when a normalised word may match by containment: 2+ Han characters or 4+ ASCII letters. */
export function isContainableWord(word: string): boolean {
  return (word.match(HAN)?.length ?? 0) >= 2 || (word.match(ASCII_LETTER)?.length ?? 0) >= 4;
}

const ENTRIES: readonly Entry[] = RECOGNIZERS.map((r, order) => ({
  type: r.type,
  order,
  words: [...new Set(r.headerWords.map(normalizeHeader))]
    .filter((w) => w.length > 0)
    .map((word) => ({ word, containable: isContainableWord(word) })),
  exclude: [...new Set((r.headerExclude ?? []).map(normalizeHeader))].filter((w) => w.length > 0),
}));

/**
 * Every field type whose vocabulary matches `header`, best first: exact matches before containment, then
 * longer words first, then recognizer (FieldType) order. One entry per type.
 * @example headerMatches('联系电话') // [{ type: 'mobile', word: '联系电话', exact: true }, { type: 'landline', … }]
 */
export function headerMatches(header: string): HeaderMatch[] {
  const h = normalizeHeader(header);
  if (h.length === 0) return [];
  const found: (HeaderMatch & { order: number })[] = [];
  for (const e of ENTRIES) {
    let best: { word: string; exact: boolean } | null = null;
    for (const { word, containable } of e.words) {
      const exact = word === h;
      if (!exact && !(containable && h.includes(word))) continue;
      if (
        best === null ||
        (exact && !best.exact) ||
        (exact === best.exact && word.length > best.word.length)
      ) {
        best = { word, exact };
      }
    }
    if (best === null) continue;
    // An exact match is never vetoed (the whole header is the word); a contained word is.
    if (!best.exact && e.exclude.some((x) => h.includes(x))) continue;
    found.push({ type: e.type, word: best.word, exact: best.exact, order: e.order });
  }
  found.sort(
    (a, b) => Number(b.exact) - Number(a.exact) || b.word.length - a.word.length || a.order - b.order,
  );
  return found.map(({ type, word, exact }) => ({ type, word, exact }));
}

/**
 * The field types a header suggests, best first (see `headerMatches`); [] when none.
 * Values decide between several (e.g. 电话 → mobile and landline).
 * @example headerTypes('身份证号') // ['resident_id']
 */
export function headerTypes(header: string): FieldType[] {
  return headerMatches(header).map((m) => m.type);
}
