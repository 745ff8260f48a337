/**
 * @module engine/duckdb/distinct-lines
 * A baseline for the benchmark (src/bench): DuckDB's own `count(DISTINCT line)` over text files, each read whole
 * lines as one VARCHAR column by DuckDB's native CSV reader (no quoting, no escapes, no header, a delimiter that
 * never occurs). Nothing of xinjian's counting is involved.
 *
 * DuckDB's reader decodes UTF-8, UTF-16 and Latin-1 only, and its Latin-1 decoder refuses the bytes 0x80–0x9F.
 * The caller picks per file an encoding under which the file decodes line for line (a GB18030 file without such
 * bytes reads byte for byte as Latin-1) and the file's line end: with `\n` DuckDB also splits at every `\r`, with
 * `\r\n` it drops the `\r` before each `\n` (the distinct count is then that of the lines without it).
 */
import { DuckDBInstance, version as duckdbVersion } from '@duckdb/node-api';
import { sqlString } from './engine.js';

export interface LineFile {
  readonly path: string;
  readonly encoding: 'utf-8' | 'utf-16' | 'latin-1';
  readonly newline: '\n' | '\r\n';
}

export interface DistinctLinesOptions {
  /** DuckDB `memory_limit`, e.g. `2GB`; the distinct aggregate spills to `tempDir` beyond it. */
  readonly memoryLimit: string;
  readonly threads: number;
  readonly tempDir: string;
}

export interface DistinctLines {
  /** Lines read (an empty line counts). */
  readonly lines: number;
  readonly distinct: number;
  /** e.g. `duckdb v1.5.5`. */
  readonly engine: string;
}

/** The SQL of the count (one `read_csv` per file, so that each has its own encoding and line end). */
export function distinctLinesSql(files: readonly LineFile[]): string {
  if (files.length === 0) throw new Error('distinctLinesSql: no files');
  const reads = files.map(
    (f) =>
      `SELECT line FROM read_csv(${sqlString(f.path)}, columns = {'line': 'VARCHAR'}, delim = chr(1), ` +
      `quote = '', escape = '', header = false, auto_detect = false, encoding = ${sqlString(f.encoding)}, ` +
      `new_line = ${sqlString(f.newline === '\n' ? '\\n' : '\\r\\n')}, force_not_null = ['line'])`,
  );
  return `SELECT count(*) AS lines, count(DISTINCT line) AS distinct_lines FROM (${reads.join(' UNION ALL ')})`;
}

/** Counts the lines and the distinct lines of `files` with an in-memory DuckDB. */
export async function countDistinctLines(
  files: readonly LineFile[],
  opts: DistinctLinesOptions,
): Promise<DistinctLines> {
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: opts.memoryLimit,
    threads: String(opts.threads),
    temp_directory: opts.tempDir,
    preserve_insertion_order: 'false',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll(distinctLinesSql(files));
    const row = reader.getRowObjectsJS()[0];
    if (!row) throw new Error('DuckDB returned no row');
    return {
      lines: Number(row['lines']),
      distinct: Number(row['distinct_lines']),
      engine: `duckdb ${duckdbVersion()}`,
    };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** The DuckDB library version, e.g. `duckdb v1.5.5`. */
export function duckdbEngineVersion(): string {
  return `duckdb ${duckdbVersion()}`;
}
