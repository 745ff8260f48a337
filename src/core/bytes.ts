/**
 * @module core/bytes
 * Memory sizes as engines and users write them: `2GB` = 2·10^9 bytes (decimal, as DuckDB reads them), `512MiB` =
 * 512·2^20 (binary), a bare number = bytes.
 */

const BYTE_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** The size in bytes (possibly fractional), or null when `size` is not of that form or not finite. */
export function byteSize(size: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)?\s*$/i.exec(size);
  if (!m) return null;
  const n = Number(m[1]) * BYTE_UNITS[(m[2] ?? 'b').toLowerCase()]!;
  return Number.isFinite(n) ? n : null;
}
