/**
 * @module engine/clickhouse/engine
 * The cluster counting engine: the same figures as DuckDB (engine.case.test.ts proves it on every run with a
 * cluster), computed on ClickHouse shards. The only module family that talks to ClickHouse.
 *
 * Layout per analysis (a fresh database, dropped on close unless `keep`):
 * - on every shard, two MergeTree tables: `records_local (holder, item, line, category, exact_key)` and
 *   `subjects_local (holder, item, category, subject_key)`;
 * - on the first server given (the initiator), a Distributed table over each, and a Null table `staging` whose two
 *   materialized views split every staged row into both. One HTTP upload feeds both; ClickHouse routes each half.
 *
 * Routing, and why the counts are exact: a distinct count can be summed over shards only if equal keys never sit
 * on two shards. `subjects` is routed by `cityHash64(subject_key)`: all rows of a subject land on one shard, so each
 * shard counts its own subjects and the sum is the distinct count. `records` is routed by `cityHash64` of the exact
 * key (which holds no category): equal exact keys land on one shard whatever their category, so records sum
 * exactly too, under any remapping of categories (`remap`).
 * The design in the issue routed everything by the subject key, reasoning that equal exact keys have equal subject
 * keys. That holds almost always but not by construction: record.ts chooses the subject identifier by validity,
 * and validity of names, addresses and landlines depends on whether the column was typed by its header
 * (`ctx.viaHeader`), so the same exact key can carry `person_name+address:…` in one item and
 * `person_name+landline:…` in another. Routed by subject, such a record would sit on two shards and be counted
 * twice. Two routings cost one more copy of the small columns (holder, item, category), not of the keys.
 *
 * Counting: `count()` over a `GROUP BY …, key` subquery on each shard, summed here as BigInt. Not `uniq*` (those
 * estimate), and not `uniqExact` either: for String arguments uniqExact keeps 128-bit SipHash values, not the
 * strings (AggregateFunctionUniq.h: "For rows, we put the SipHash values (128 bits) into the hash table"), so it is
 * exact only up to a hash collision, and its state for one (holder, category) cannot be spilled to disk. GROUP BY
 * compares the full key bytes and spills (`max_bytes_before_external_group_by`), which 18.16 supports; ORDER BY
 * spills too (`max_bytes_before_external_sort`). What 18.16 cannot spill: a single aggregate state (uniqExact,
 * groupArray), JOIN hash tables, SELECT DISTINCT — none of which this engine uses.
 */
import { randomBytes } from 'node:crypto';
import { ForensicError } from '../../core/errors.js';
import type { CategoryTally, CountingEngine, DuplicateGroup, EngineSettings } from '../engine.js';
import { pickCluster } from './cluster.js';
import { type ClickHouseConfig, type ClickHouseQuerySettings, parseClickHouseUrl } from './config.js';
import {
  chIdent,
  compareBytes,
  distinctCountSql,
  occurrencesSql,
  remappedCategory,
  topDuplicatesSql,
} from './dialect.js';
import {
  bigCount,
  ClickHouseHttp,
  intValue,
  type JsonCompactResult,
  type Settings,
  safeNumber,
  stringValue,
} from './http.js';
import { type StagingCounter, stagingAsClickHouseTsv } from './staging.js';

export interface ClickHouseEngineSettings extends EngineSettings {
  /** Cluster description (config.ts) or an already parsed config. */
  readonly clickhouse: string | ClickHouseConfig;
}

interface Shard {
  readonly http: ClickHouseHttp;
  /** `shard_num` in the cluster definition. */
  readonly num: number;
}

function settingsOf(s: ClickHouseQuerySettings): Settings {
  const out: Record<string, number> = {
    max_memory_usage: s.max_memory_usage,
    max_bytes_before_external_group_by: s.max_bytes_before_external_group_by,
    max_bytes_before_external_sort: s.max_bytes_before_external_sort,
  };
  if (s.max_threads > 0) out['max_threads'] = s.max_threads;
  return out;
}

interface Acc {
  valid: bigint;
  distinct: bigint;
}

/** Sums per-shard (holder?, category) → (valid, distinct) rows. */
function sumByGroup(
  results: readonly JsonCompactResult[],
  withHolder: boolean,
): Map<string, Acc & { holder: number | null; category: string }> {
  const out = new Map<string, Acc & { holder: number | null; category: string }>();
  for (const r of results) {
    for (const row of r.data) {
      const holder = withHolder ? intValue(row[0]) : null;
      const o = withHolder ? 1 : 0;
      const category = stringValue(row[o]);
      const key = `${holder ?? ''}\u0000${category}`;
      const acc = out.get(key) ?? { holder, category, valid: 0n, distinct: 0n };
      acc.valid += bigCount(row[o + 1]);
      acc.distinct += bigCount(row[o + 2]);
      out.set(key, acc);
    }
  }
  return out;
}

export class ClickHouseEngine implements CountingEngine {
  readonly name = 'clickhouse';
  readonly #shards: readonly Shard[];
  readonly #initiator: ClickHouseHttp;
  readonly #cluster: string;
  readonly #db: string;
  readonly #keep: boolean;
  readonly #settings: Settings;
  readonly #insertBlockRows: number;
  readonly #uploadBytes: number;
  readonly #version: string;
  #state: 'empty' | 'loaded' | 'failed' | 'closed' = 'empty';

  private constructor(
    shards: readonly Shard[],
    cluster: string,
    db: string,
    config: ClickHouseConfig,
    version: string,
  ) {
    this.#shards = shards;
    this.#initiator = shards[0]!.http;
    this.#cluster = cluster;
    this.#db = db;
    this.#keep = config.keep;
    this.#settings = Object.freeze(settingsOf(config.settings));
    this.#insertBlockRows = config.settings.max_insert_block_size;
    // A sixteenth of the memory limit per INSERT request, between 1 and 128 MiB of staging text (measured on 18.16:
    // an INSERT through the two views peaks at about 8× its text).
    this.#uploadBytes = Math.min(
      128 * 2 ** 20,
      Math.max(2 ** 20, Math.floor(config.settings.max_memory_usage / 16)),
    );
    this.#version = version;
  }

  /**
   * Connects to every shard, finds (or checks) the cluster whose shards are exactly these servers, and creates this
   * analysis's database on each. The first URL given is the initiator (it receives the upload).
   */
  static async create(settings: ClickHouseEngineSettings): Promise<ClickHouseEngine> {
    const config =
      typeof settings.clickhouse === 'string'
        ? parseClickHouseUrl(settings.clickhouse, settings.memoryLimit)
        : settings.clickhouse;
    const clients = config.servers.map((s) => new ClickHouseHttp(s));
    const created: ClickHouseHttp[] = [];
    const db = config.database ?? `xinjian_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    try {
      const versions = await Promise.all(
        clients.map(async (c) =>
          stringValue((await c.query('version check', 'SELECT version()')).data[0]?.[0]),
        ),
      );
      const locals = await Promise.all(
        clients.map(
          async (c) =>
            (
              await c.query(
                'cluster discovery',
                'SELECT cluster, shard_num, replica_num FROM system.clusters WHERE is_local = 1',
              )
            ).data,
        ),
      );
      const layout = (
        await clients[0]!.query(
          'cluster discovery',
          'SELECT cluster, shard_num, count() AS replicas FROM system.clusters GROUP BY cluster, shard_num',
        )
      ).data;
      const { cluster, shardNums } = pickCluster(config, layout, locals);
      const shards = clients.map((http, i) => ({ http, num: shardNums[i]! }));
      for (const c of clients) {
        await c.command('create database', `CREATE DATABASE ${chIdent(db)}`);
        created.push(c);
      }
      const distinctVersions = [...new Set(versions)];
      const version = `clickhouse ${distinctVersions.join('/')} (${clients.length} shard${clients.length === 1 ? '' : 's'})`;
      return new ClickHouseEngine(shards, cluster, db, config, version);
    } catch (e) {
      await Promise.allSettled(
        created.map((c) => c.command('drop database', `DROP DATABASE IF EXISTS ${chIdent(db)}`)),
      );
      for (const c of clients) c.close();
      if (e instanceof ForensicError) throw e;
      throw new ForensicError('ENGINE', `ClickHouse could not start: ${(e as Error).message}`, { cause: e });
    }
  }

  /** The database this analysis uses (for `keep` runs and diagnostics). */
  get database(): string {
    return this.#db;
  }

  async version(): Promise<string> {
    return this.#version;
  }

  #t(name: string): string {
    return `${chIdent(this.#db)}.${chIdent(name)}`;
  }

  async #each<T>(fn: (s: Shard) => Promise<T>): Promise<T[]> {
    return Promise.all(this.#shards.map(fn));
  }

  async #recreateTables(): Promise<void> {
    const cols = {
      records: 'holder Int32, item Int32, line Int64, category String, exact_key String',
      subjects: 'holder Int32, item Int32, category String, subject_key String',
      staging: 'holder Int32, item Int32, line Int64, category String, exact_key String, subject_key String',
    };
    const init = this.#initiator;
    for (const t of ['staging_to_records', 'staging_to_subjects', 'staging', 'records', 'subjects']) {
      await init.command('drop table', `DROP TABLE IF EXISTS ${this.#t(t)}`);
    }
    await this.#each(async (s) => {
      for (const t of ['records_local', 'subjects_local']) {
        await s.http.command('drop table', `DROP TABLE IF EXISTS ${this.#t(t)}`);
      }
      // No sort key: inserts stay cheap and nothing here reads by key order.
      await s.http.command(
        'create table',
        `CREATE TABLE ${this.#t('records_local')} (${cols.records}) ENGINE = MergeTree ORDER BY tuple()`,
      );
      await s.http.command(
        'create table',
        `CREATE TABLE ${this.#t('subjects_local')} (${cols.subjects}) ENGINE = MergeTree ORDER BY tuple()`,
      );
    });
    const cluster = chIdent(this.#cluster);
    const db = chIdent(this.#db);
    await init.command(
      'create table',
      `CREATE TABLE ${this.#t('records')} (${cols.records}) ENGINE = Distributed(${cluster}, ${db}, ` +
        `${chIdent('records_local')}, cityHash64(exact_key))`,
    );
    await init.command(
      'create table',
      `CREATE TABLE ${this.#t('subjects')} (${cols.subjects}) ENGINE = Distributed(${cluster}, ${db}, ` +
        `${chIdent('subjects_local')}, cityHash64(subject_key))`,
    );
    await init.command('create table', `CREATE TABLE ${this.#t('staging')} (${cols.staging}) ENGINE = Null`);
    await init.command(
      'create view',
      `CREATE MATERIALIZED VIEW ${this.#t('staging_to_records')} TO ${this.#t('records')} AS ` +
        `SELECT holder, item, line, category, exact_key FROM ${this.#t('staging')}`,
    );
    await init.command(
      'create view',
      `CREATE MATERIALIZED VIEW ${this.#t('staging_to_subjects')} TO ${this.#t('subjects')} AS ` +
        `SELECT holder, item, category, subject_key FROM ${this.#t('staging')}`,
    );
  }

  async load(stagingFiles: readonly string[]): Promise<number> {
    this.#assertOpen();
    this.#state = 'failed';
    await this.#recreateTables();
    const counter: StagingCounter = { rows: 0 };
    // Several INSERTs of bounded size rather than one: ClickHouse 18.16 charges a long INSERT through materialized
    // views and synchronous Distributed writes with memory that grows with the whole upload (measured: 640 MB of
    // staging text failed under a 1 GB limit as one INSERT, even in 100 000-row blocks), so each request carries
    // at most `#uploadBytes`.
    const source = stagingAsClickHouseTsv(stagingFiles, counter)[Symbol.asyncIterator]();
    try {
      let next = await source.next();
      let part = 0;
      while (!next.done) {
        const limit = this.#uploadBytes;
        const body = async function* (): AsyncGenerator<Buffer> {
          let bytes = 0;
          while (!next.done && bytes < limit) {
            bytes += next.value.length;
            yield next.value;
            next = await source.next();
          }
        };
        part++;
        await this.#initiator.insert(
          `upload of the staging files (part ${part})`,
          `INSERT INTO ${this.#t('staging')} FORMAT TabSeparated`,
          body(),
          {
            ...this.#settings,
            // Synchronous routing: when the INSERT returns, every row is on its shard.
            insert_distributed_sync: 1,
            input_format_allow_errors_num: 0,
            max_insert_block_size: this.#insertBlockRows,
          },
        );
      }
    } finally {
      await source.return?.(undefined);
    }
    const perShard = await this.#each(async (s) => {
      const r = await s.http.query(
        'row count',
        `SELECT (SELECT count() FROM ${this.#t('records_local')}), (SELECT count() FROM ${this.#t('subjects_local')})`,
        this.#settings,
      );
      return [bigCount(r.data[0]?.[0]), bigCount(r.data[0]?.[1])] as const;
    });
    const records = perShard.reduce((a, [r]) => a + r, 0n);
    const subjects = perShard.reduce((a, [, s]) => a + s, 0n);
    const sent = BigInt(counter.rows);
    if (records !== sent || subjects !== sent) {
      throw new ForensicError(
        'ENGINE',
        `ClickHouse stored ${records} record rows and ${subjects} subject rows across the shards, but ${sent} were sent`,
      );
    }
    this.#state = 'loaded';
    return counter.rows;
  }

  async tallies(remap?: ReadonlyMap<number, string>): Promise<CategoryTally[]> {
    this.#assertLoaded();
    const cat = remappedCategory(remap);
    const records = this.#t('records_local');
    const subjects = this.#t('subjects_local');
    const sql = {
      recordsByHolder: distinctCountSql(records, cat, 'exact_key', true),
      recordsCase: distinctCountSql(records, cat, 'exact_key', false),
      subjectsByHolder: distinctCountSql(subjects, cat, 'subject_key', true),
      subjectsCase: distinctCountSql(subjects, cat, 'subject_key', false),
    };
    // Each shard runs its four aggregations one after another (bounded memory); shards run in parallel.
    const perShard = await this.#each(async (s) => {
      const out: Record<keyof typeof sql, JsonCompactResult> = {} as never;
      for (const k of Object.keys(sql) as (keyof typeof sql)[]) {
        out[k] = await s.http.query(`tally (${k})`, sql[k], this.#settings);
      }
      return out;
    });
    const combine = (
      recKey: keyof typeof sql,
      subjKey: keyof typeof sql,
      withHolder: boolean,
    ): CategoryTally[] => {
      const rec = sumByGroup(
        perShard.map((p) => p[recKey]),
        withHolder,
      );
      const sub = sumByGroup(
        perShard.map((p) => p[subjKey]),
        withHolder,
      );
      if (rec.size !== sub.size) {
        throw new ForensicError('ENGINE', 'ClickHouse: the record and subject copies have different groups');
      }
      const out: CategoryTally[] = [];
      for (const [k, r] of rec) {
        const s = sub.get(k);
        if (!s || s.valid !== r.valid) {
          throw new ForensicError(
            'ENGINE',
            `ClickHouse: the record and subject copies disagree on the valid count of ${r.category}`,
          );
        }
        out.push({
          holder: r.holder,
          category: r.category,
          valid: safeNumber(r.valid),
          records: safeNumber(r.distinct),
          subjects: safeNumber(s.distinct),
        });
      }
      return out.sort((a, b) => (a.holder ?? 0) - (b.holder ?? 0) || compareBytes(a.category, b.category));
    };
    return [
      ...combine('recordsByHolder', 'subjectsByHolder', true),
      ...combine('recordsCase', 'subjectsCase', false),
    ];
  }

  async duplicateGroups(limit: number, occurrencesPerGroup: number): Promise<DuplicateGroup[]> {
    this.#assertLoaded();
    const lim = Math.max(0, Math.floor(limit));
    const occ = Math.max(1, Math.floor(occurrencesPerGroup));
    if (!Number.isSafeInteger(lim) || !Number.isSafeInteger(occ)) {
      throw new ForensicError('INTERNAL', 'duplicateGroups: limit and occurrences must be whole numbers');
    }
    if (lim === 0) return [];
    const table = this.#t('records_local');
    // Every group lives on one shard (routing by key), so each shard's top `lim` contains its part of the global top.
    const tops = await this.#each(async (s) => {
      const r = await s.http.query('duplicate groups', topDuplicatesSql(table, lim), this.#settings);
      return r.data.map((row) => ({
        shard: s,
        holder: intValue(row[0]),
        category: stringValue(row[1]),
        key: stringValue(row[2]),
        n: safeNumber(bigCount(row[3])),
        mi: intValue(row[4]),
        ml: safeNumber(bigCount(row[5])),
      }));
    });
    // DuckDB orders by count desc, min(item), min(line); the rest only makes ties deterministic.
    const top = tops
      .flat()
      .sort(
        (a, b) =>
          b.n - a.n ||
          a.mi - b.mi ||
          a.ml - b.ml ||
          a.holder - b.holder ||
          compareBytes(a.category, b.category) ||
          compareBytes(a.key, b.key),
      )
      .slice(0, lim);
    const occurrences = new Map<(typeof top)[number], { item: number; line: number }[]>();
    await this.#each(async (s) => {
      const mine = top.filter((g) => g.shard === s);
      if (mine.length === 0) return;
      const sql = occurrencesSql(
        table,
        mine.map((g) => ({ holder: g.holder, category: g.category, exactKey: g.key })),
        occ,
      );
      // The keys are inlined (18.16 has no query parameters) and can be megabytes long: raise the parser's limit
      // (`max_query_size`, 256 KiB by default) to this query's size.
      const r = await s.http.query('duplicate occurrences', sql, {
        ...this.#settings,
        max_query_size: Math.max(262_144, Buffer.byteLength(sql, 'utf8') + 1024),
      });
      for (const row of r.data) {
        const g = mine.find(
          (x) =>
            x.holder === intValue(row[0]) &&
            x.category === stringValue(row[1]) &&
            x.key === stringValue(row[2]),
        );
        if (!g)
          throw new ForensicError('ENGINE', 'ClickHouse returned an occurrence of an unrequested group');
        const list = occurrences.get(g) ?? [];
        list.push({ item: intValue(row[3]), line: safeNumber(bigCount(row[4])) });
        occurrences.set(g, list);
      }
    });
    return top.map((g) => {
      const list = occurrences.get(g) ?? [];
      if (list.length !== Math.min(occ, g.n)) {
        throw new ForensicError(
          'ENGINE',
          `ClickHouse returned ${list.length} occurrences for a group of ${g.n}`,
        );
      }
      return { holder: g.holder, category: g.category, count: g.n, occurrences: list };
    });
  }

  #assertOpen(): void {
    if (this.#state === 'closed') throw new ForensicError('INTERNAL', 'the ClickHouse engine is closed');
  }

  #assertLoaded(): void {
    this.#assertOpen();
    if (this.#state !== 'loaded') {
      throw new ForensicError(
        'ENGINE',
        this.#state === 'failed' ? 'the last load failed; nothing to count' : 'nothing loaded yet',
      );
    }
  }

  /** Drops this analysis's database on every shard (unless `keep`), then closes the connections. */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    try {
      if (!this.#keep) {
        const results = await Promise.allSettled(
          this.#shards.map((s) =>
            s.http.command('drop database', `DROP DATABASE IF EXISTS ${chIdent(this.#db)}`),
          ),
        );
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
      }
    } finally {
      for (const s of this.#shards) s.http.close();
    }
  }
}
