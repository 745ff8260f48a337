/**
 * @module detect/recognizers/lib/scan
 * Free-text scanning shared by the recognizers that implement `scan`: candidates come from global regexes
 * (which carry their own digit lookarounds), every candidate is judged by the recognizer's `match`, and
 * overlapping candidates are resolved leftmost-longest. `String.prototype.matchAll` copies the regex, so the
 * module-level regex's lastIndex is never touched (no shared state).
 */
import type { RecognizeContext, Span, Verdict } from '../../recognizer.js';

/**
 * Scan `text` (already normalised with `normalizeText`; offsets refer to it) with global `regexes`, judge each
 * candidate with `match`, drop nomatch verdicts and overlaps.
 */
export function scanWith(
  text: string,
  regexes: readonly RegExp[],
  ctx: RecognizeContext,
  match: (value: string, ctx: RecognizeContext) => Verdict,
): Span[] {
  const found: Span[] = [];
  for (const re of regexes) {
    if (!re.global) throw new TypeError(`scan regex must be global: ${re}`);
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const value = m[0];
      if (value.length === 0) continue;
      const verdict = match(value, ctx);
      if (verdict.status !== 'nomatch') found.push({ start, end: start + value.length, verdict });
    }
  }
  if (found.length < 2) return found;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  let lastEnd = -1;
  for (const s of found) {
    if (s.start >= lastEnd) {
      out.push(s);
      lastEnd = s.end;
    }
  }
  return out;
}
