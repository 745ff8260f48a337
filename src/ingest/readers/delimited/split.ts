/**
 * @module ingest/readers/delimited/split
 * Splits one logical line into fields. Single-character delimiters follow RFC 4180 quoting (a field that starts
 * with `"` runs to the next unescaped `"`, `""` is a literal quote, delimiters and newlines inside are data);
 * multi-character delimiters such as `----` are split literally, as the dumps that use them have no quoting.
 */

export interface SplitResult {
  readonly fields: string[];
  /** True when the line ends inside a quoted field: the caller must append the next physical line. */
  readonly openQuote: boolean;
  /** True when text followed a closing quote before the delimiter (kept, but worth a warning). */
  readonly strayAfterQuote: boolean;
}

export function splitPlain(text: string, delimiter: string): string[] {
  return text.split(delimiter);
}

/** RFC 4180 split of `text` (which may contain `\n` from joined physical lines). */
export function splitQuoted(text: string, delimiter: string): SplitResult {
  const fields: string[] = [];
  const n = text.length;
  const dl = delimiter.length;
  let i = 0;
  let stray = false;
  for (;;) {
    if (i < n && text.charCodeAt(i) === 34 /* " */) {
      let buf = '';
      let j = i + 1;
      for (;;) {
        const k = text.indexOf('"', j);
        if (k === -1) return { fields, openQuote: true, strayAfterQuote: stray };
        buf += text.slice(j, k);
        if (text.charCodeAt(k + 1) === 34) {
          buf += '"';
          j = k + 2;
          continue;
        }
        i = k + 1;
        break;
      }
      const next = text.indexOf(delimiter, i);
      const rest = text.slice(i, next === -1 ? n : next);
      if (rest.length > 0) {
        stray = true;
        buf += rest;
      }
      fields.push(buf);
      if (next === -1) return { fields, openQuote: false, strayAfterQuote: stray };
      i = next + dl;
    } else {
      const next = text.indexOf(delimiter, i);
      fields.push(text.slice(i, next === -1 ? n : next));
      if (next === -1) return { fields, openQuote: false, strayAfterQuote: stray };
      i = next + dl;
    }
  }
}

/** Whether `delimiter` uses RFC 4180 quoting. */
export function usesQuoting(delimiter: string | null): boolean {
  return delimiter !== null && delimiter.length === 1;
}

/** Splits a complete line (no continuation) for sniffing and header checks. */
export function splitLine(text: string, delimiter: string | null): string[] {
  if (delimiter === null) return [text];
  return usesQuoting(delimiter) ? splitQuoted(text, delimiter).fields : splitPlain(text, delimiter);
}

/** True when the line is made only of repetitions of the delimiter (white space around ignored). */
export function delimiterOnly(text: string, delimiter: string): number {
  const t = delimiter.trim() === '' ? text : text.trim();
  if (t.length === 0 || t.length % delimiter.length !== 0) return 0;
  for (let i = 0; i < t.length; i += delimiter.length) {
    if (t.slice(i, i + delimiter.length) !== delimiter) return 0;
  }
  return t.length / delimiter.length;
}
