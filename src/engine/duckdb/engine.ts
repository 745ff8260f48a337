/**
 * @module engine/duckdb/engine
 * The embedded DuckDB counting engine — the only module that imports `@duckdb/node-api`.
 * Staging files are ingested by DuckDB's native `read_csv` (faster than the appender, stack-facts.md §2);
 * de-duplication uses COUNT(DISTINCT)/GROUP BY, which spill to `temp_directory` under `memory_limit`
 * (never a PRIMARY KEY/UNIQUE index, which is held in RAM: forensic-practice.md §0.10).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, version as duckdbVersion } from '@duckdb/node-api';
import { ForensicError } from '../../core/errors.js';
import {
  type CategoryTally,
  type CountingEngine,
  type DrawnUnit,
  type DuplicateGroup,
  type EngineSettings,
  type FrameStratum,
  type SampleQuota,
  type SamplingUnit,
  STAGING_COLUMNS,
} from '../engine.js';

/** Packs (item, line) into one BIGINT so that min() picks the smallest item, then line (lines < 2^40). */
const POS = 1099511627776;

/** SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

function num(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (v === null || v === undefined) return 0;
  return Number(v);
}

export class DuckDbEngine implements CountingEngine {
  readonly name = 'duckdb';
  readonly #instance: DuckDBInstance;
  readonly #conn: DuckDBConnection;

  private constructor(instance: DuckDBInstance, conn: DuckDBConnection) {
    this.#instance = instance;
    this.#conn = conn;
  }

  static async create(settings: EngineSettings): Promise<DuckDbEngine> {
    mkdirSync(settings.workDir, { recursive: true });
    const spill = join(settings.workDir, 'spill');
    mkdirSync(spill, { recursive: true });
    try {
      const instance = await DuckDBInstance.create(join(settings.workDir, 'counts.duckdb'), {
        memory_limit: settings.memoryLimit,
        temp_directory: spill,
        threads: String(settings.threads),
        preserve_insertion_order: 'false',
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
      });
      const conn = await instance.connect();
      return new DuckDbEngine(instance, conn);
    } catch (e) {
      throw new ForensicError(
        'ENGINE',
        `DuckDB could not start in ${settings.workDir}: ${(e as Error).message}`,
        {
          cause: e,
        },
      );
    }
  }

  async version(): Promise<string> {
    return `duckdb ${duckdbVersion()}`;
  }

  async #rows(sql: string): Promise<Record<string, unknown>[]> {
    try {
      const r = await this.#conn.runAndReadAll(sql);
      return r.getRowObjectsJS() as Record<string, unknown>[];
    } catch (e) {
      throw new ForensicError('ENGINE', `DuckDB query failed: ${(e as Error).message}`, { cause: e });
    }
  }

  async load(stagingFiles: readonly string[]): Promise<number> {
    const cols = STAGING_COLUMNS.map(([n, t]) => `${sqlString(n)}: ${sqlString(t)}`).join(', ');
    const ddl = STAGING_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ');
    await this.#rows('DROP TABLE IF EXISTS staged');
    if (stagingFiles.length === 0) {
      await this.#rows(`CREATE TABLE staged (${ddl})`);
      return 0;
    }
    const files = `[${stagingFiles.map(sqlString).join(', ')}]`;
    await this.#rows(
      `CREATE TABLE staged AS SELECT * FROM read_csv(${files}, delim = '\t', header = false, quote = '', escape = '', ` +
        `auto_detect = false, new_line = '\\n', columns = {${cols}}, nullstr = '\\N', strict_mode = true)`,
    );
    const [row] = await this.#rows('SELECT count(*) AS n FROM staged');
    return num(row?.['n']);
  }

  async tallies(remap?: ReadonlyMap<number, string>): Promise<CategoryTally[]> {
    let source = 'staged';
    if (remap && remap.size > 0) {
      const whens = [...remap.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([item, cat]) => `WHEN ${Math.floor(item)} THEN ${sqlString(cat)}`)
        .join(' ');
      // Keys start with `<category>\x1f`: compare them without it once categories are reassigned.
      source =
        `(SELECT holder, item, line, CASE item ${whens} ELSE category END AS category, ` +
        `substr(exact_key, strpos(exact_key, chr(31))) AS exact_key, subject_key FROM staged)`;
    }
    const per = await this.#rows(
      'SELECT holder, category, count(*) AS valid, count(DISTINCT exact_key) AS records, ' +
        `count(DISTINCT subject_key) AS subjects FROM ${source} GROUP BY holder, category ORDER BY holder, category`,
    );
    const all = await this.#rows(
      'SELECT category, count(*) AS valid, count(DISTINCT exact_key) AS records, ' +
        `count(DISTINCT subject_key) AS subjects FROM ${source} GROUP BY category ORDER BY category`,
    );
    const map = (r: Record<string, unknown>, holder: number | null): CategoryTally => ({
      holder,
      category: String(r['category']),
      valid: num(r['valid']),
      records: num(r['records']),
      subjects: num(r['subjects']),
    });
    return [...per.map((r) => map(r, num(r['holder']))), ...all.map((r) => map(r, null))];
  }

  async duplicateGroups(limit: number, occurrencesPerGroup: number): Promise<DuplicateGroup[]> {
    const rows = await this.#rows(
      `SELECT holder, category, count(*) AS n, ` +
        `list({'item': item, 'line': line} ORDER BY item, line)[1:${Math.max(1, occurrencesPerGroup)}] AS occ ` +
        `FROM staged GROUP BY holder, category, exact_key HAVING count(*) > 1 ` +
        `ORDER BY n DESC, min(item), min(line) LIMIT ${Math.max(0, Math.floor(limit))}`,
    );
    return rows.map((r) => ({
      holder: num(r['holder']),
      category: String(r['category']),
      count: num(r['n']),
      occurrences: ((r['occ'] as { item: unknown; line: unknown }[]) ?? []).map((o) => ({
        item: num(o.item),
        line: num(o.line),
      })),
    }));
  }

  /** Distinct units per holder/category with their representative position (see `samplingFrame`). */
  async #unitsSql(units: Readonly<Record<string, SamplingUnit>>): Promise<string> {
    const [t] = await this.#rows(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'staged'",
    );
    if (num(t?.['n']) === 0) {
      throw new ForensicError(
        'ENGINE',
        'no staged records are kept in this engine database (run analyze first)',
      );
    }
    const bySubject = Object.entries(units)
      .filter(([, u]) => u === 'subjects')
      .map(([c]) => sqlString(c))
      .sort();
    const key =
      bySubject.length > 0
        ? `CASE WHEN category IN (${bySubject.join(', ')}) THEN subject_key ELSE exact_key END`
        : 'exact_key';
    return (
      `SELECT holder, category, ukey, min(pos) AS pos FROM (SELECT holder, category, ${key} AS ukey, ` +
      `CAST(item AS BIGINT) * ${POS} + line AS pos FROM staged) WHERE ukey IS NOT NULL GROUP BY holder, category, ukey`
    );
  }

  async samplingFrame(units: Readonly<Record<string, SamplingUnit>>): Promise<FrameStratum[]> {
    const rows = await this.#rows(
      `SELECT holder, category, pos // ${POS} AS item, count(*) AS size FROM (${await this.#unitsSql(units)}) ` +
        'GROUP BY ALL ORDER BY holder, category, item',
    );
    return rows.map((r) => ({
      holder: num(r['holder']),
      category: String(r['category']),
      item: num(r['item']),
      size: num(r['size']),
    }));
  }

  async drawSample(
    seed: string,
    units: Readonly<Record<string, SamplingUnit>>,
    quotas: readonly SampleQuota[],
  ): Promise<DrawnUnit[]> {
    const wanted = quotas.filter((q) => q.n > 0);
    if (wanted.length === 0) return [];
    const values = wanted
      .map(
        (q) =>
          `(${Math.floor(q.holder)}, ${sqlString(q.category)}, ${Math.floor(q.item)}, ${Math.floor(q.n)})`,
      )
      .join(', ');
    const rows = await this.#rows(
      `WITH q(holder, category, item, n) AS (VALUES ${values}), ` +
        `u AS (SELECT holder, category, pos // ${POS} AS item, pos % ${POS} AS line, ukey, ` +
        `sha256(${sqlString(seed)} || chr(31) || ukey) AS order_key FROM (${await this.#unitsSql(units)})), ` +
        'r AS (SELECT u.holder, u.category, u.item, u.line, u.order_key, q.n, row_number() OVER ' +
        '(PARTITION BY u.holder, u.category, u.item ORDER BY u.order_key, u.ukey) AS rank ' +
        'FROM u JOIN q ON u.holder = q.holder AND u.category = q.category AND u.item = q.item) ' +
        'SELECT holder, category, item, line, rank, order_key FROM r WHERE rank <= n ' +
        'ORDER BY holder, category, item, rank',
    );
    return rows.map((r) => ({
      holder: num(r['holder']),
      category: String(r['category']),
      item: num(r['item']),
      line: num(r['line']),
      rank: num(r['rank']),
      order_key: String(r['order_key']),
    }));
  }

  async close(): Promise<void> {
    this.#conn.closeSync();
    this.#instance.closeSync();
  }
}
