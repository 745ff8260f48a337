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

/** The category column with the given items reassigned (contested readings), as `multiIf(item = n, 'cat', …)`. */
export function remappedCategory(remap: ReadonlyMap<number, string> | undefined): string {
  if (!remap || remap.size === 0) return 'category';
  const arms = [...remap.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([item, cat]) => `item = ${chInt(item)}, ${chString(cat)}`);
  return `multiIf(${arms.join(', ')}, category)`;
}

/**
 * The order of DuckDB's (and ClickHouse's) VARCHAR/String comparison: UTF-8 bytes. JavaScript's `<` compares UTF-16
 * code units, which orders U+E000–U+FFFF after the characters above U+FFFF — the opposite of UTF-8.
 */
export function compareBytes(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Per (holder, category) — or per category for the case when `withHolder` is false — the valid rows and the number
 * of distinct `keyExpr` values of one shard's local table: `count()` over a `GROUP BY …, key` subquery. GROUP BY
 * compares the whole key and spills to disk under `max_bytes_before_external_group_by`.
 */
export function distinctCountSql(
  table: string,
  catExpr: string,
  keyExpr: string,
  withHolder: boolean,
): string {
  const h = withHolder ? 'holder, ' : '';
  return (
    `SELECT ${h}cat, sum(n) AS valid, count() AS distinct_keys FROM (SELECT ${h}${catExpr} AS cat, ${keyExpr} AS k, ` +
    `count() AS n FROM ${table} GROUP BY ${h}cat, k) GROUP BY ${h}cat`
  );
}

/** One shard's largest exact-duplicate groups, in DuckDB's order (count desc, min item, min line), ties by key. */
export function topDuplicatesSql(table: string, limit: number): string {
  return (
    `SELECT holder, category, exact_key, count() AS n, min(item) AS mi, min(line) AS ml FROM ${table} ` +
    'GROUP BY holder, category, exact_key HAVING count() > 1 ' +
    `ORDER BY n DESC, mi, ml, holder, category, exact_key LIMIT ${chInt(limit)}`
  );
}

/** The first `perGroup` (item, line) occurrences of each given group, in item/line order. */
export function occurrencesSql(
  table: string,
  groups: readonly { holder: number; category: string; exactKey: string }[],
  perGroup: number,
): string {
  const tuples = groups.map((g) => `(${chInt(g.holder)}, ${chString(g.category)}, ${chString(g.exactKey)})`);
  return (
    `SELECT holder, category, exact_key, item, line FROM ${table} ` +
    `WHERE (holder, category, exact_key) IN (${tuples.join(', ')}) ` +
    `ORDER BY holder, category, exact_key, item, line LIMIT ${chInt(perGroup)} BY holder, category, exact_key`
  );
}
