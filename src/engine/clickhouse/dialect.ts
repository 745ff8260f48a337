/**
 * @module engine/clickhouse/dialect
 * SQL fragments for ClickHouse, written for the oldest server we support (Debian's 18.16) and current ones alike.
 * ClickHouse 18.16 has no server-side query parameters (`param_x` arrived later), so values are inlined — always
 * through these functions, never by string concatenation of raw values. Pure.
 */
import { ForensicError } from '../../core/errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A ClickHouse string literal. Backslash and quote are escaped; every control character (and DEL) becomes `\xHH`,
 * which every ClickHouse version decodes to that byte; other characters go through as UTF-8. Round-trips any
 * JavaScript string without lone surrogates (checked by the engine tests against a live server).
 */
export function chString(s: string): string {
  if (LONE_SURROGATE.test(s)) {
    throw new ForensicError('INTERNAL', 'refusing to inline a string with a lone surrogate into SQL');
  }
  return `'${s.replace(/[\u0000-\u001f\u007f\\']/g, (c) =>
    c === '\\' ? '\\\\' : c === "'" ? "\\'" : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  )}'`;
}

/** An integer literal; anything but a safe integer is refused (no floats, NaN, or exponent forms reach SQL). */
export function chInt(n: number): string {
  if (!Number.isSafeInteger(n))
    throw new ForensicError('INTERNAL', `refusing to inline non-integer ${String(n)}`);
  return String(n);
}

/** A quoted identifier; only plain names are used by this engine. */
export function chIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ForensicError('INTERNAL', `bad identifier '${name}'`);
  return `\`${name}\``;
}

/**
 * The exact key without its `<category>` prefix: from the first U+001F on, or the whole key when it has none —
 * what DuckDB's `substr(k, strpos(k, chr(31)))` gives (DuckDB's substr from 0 is the whole string; ClickHouse's
 * `substring(k, 0)` would be empty, hence the `if`). Positions are bytes here and characters in DuckDB: both point
 * at the same U+001F, so the suffix is the same string.
 */
export function strippedKey(col: string): string {
  return `if(position(${col}, '\\x1f') = 0, ${col}, substring(${col}, position(${col}, '\\x1f')))`;
}

/** The category column with the given items reassigned (contested readings), as `multiIf(item = n, 'cat', …)`. */
export function remappedCategory(remap: ReadonlyMap<number, string> | undefined): string {
  if (!remap || remap.size === 0) return 'category';
  const arms = [...remap.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([item, cat]) => `item = ${chInt(item)}, ${chString(cat)}`);
  return `multiIf(${arms.join(', ')}, category)`;
}
