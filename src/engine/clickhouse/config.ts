/**
 * @module engine/clickhouse/config
 * The cluster description given on the command line (`--clickhouse-url`) or in `XINJIAN_CLICKHOUSE_URL`:
 * one HTTP URL per shard, comma-separated, in any order, e.g.
 *   `http://127.0.0.1:18123,http://127.0.0.1:18124?cluster=xinjian&max_memory_usage=8000000000`
 * Options may follow any URL as query parameters (they are merged; the same option twice with different values is
 * an error). Credentials, if any, go in the URL (`http://user:pass@host:8123`) and are sent as HTTP Basic auth.
 * Pure: parsing and validation only, no I/O.
 */

import { byteSize } from '../../core/bytes.js';
import { ConfigError } from '../../core/errors.js';

/** One shard's HTTP endpoint. `label` (host:port) is safe to print: it never holds credentials. */
export interface ClickHouseServer {
  readonly origin: string;
  readonly label: string;
  readonly authorization: string | null;
}

/** ClickHouse settings this engine sends with every query (all integers, bytes where sizes). */
export interface ClickHouseQuerySettings {
  /** Per query and per server; a query that needs more fails instead of swapping. */
  readonly max_memory_usage: number;
  /** GROUP BY state beyond this spills to `tmp_path` (external aggregation). 0 disables spilling. */
  readonly max_bytes_before_external_group_by: number;
  /** ORDER BY beyond this spills to `tmp_path` (external sort). 0 disables spilling. */
  readonly max_bytes_before_external_sort: number;
  /** 0 = the server's default (its core count). */
  readonly max_threads: number;
  /**
   * Rows per block when the upload is parsed (ClickHouse's default 1048576). An insert block must fit in
   * max_memory_usage a few times over; lower it for very long keys or a small memory limit.
   */
  readonly max_insert_block_size: number;
}

export interface ClickHouseConfig {
  readonly servers: readonly ClickHouseServer[];
  /** `remote_servers` cluster whose shards are exactly these servers; null = find it in `system.clusters`. */
  readonly cluster: string | null;
  /** Database to create for this analysis; null = a fresh unique name. It must not exist yet. */
  readonly database: string | null;
  /** Keep the database after `close()` (for inspection); default: drop it. */
  readonly keep: boolean;
  readonly settings: ClickHouseQuerySettings;
}

const OPTION_NAMES = [
  'cluster',
  'database',
  'keep',
  'max_memory_usage',
  'max_bytes_before_external_group_by',
  'max_bytes_before_external_sort',
  'max_threads',
  'max_insert_block_size',
] as const;
type OptionName = (typeof OPTION_NAMES)[number];

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** `2GB` → 2000000000 (decimal units as DuckDB reads them; `GiB` for binary). */
export function parseByteSize(s: string): number {
  const size = byteSize(s);
  if (size === null) throw new ConfigError(`memory size '${s}' is not a size such as 2GB or 512MiB`);
  const n = Math.floor(size);
  if (!Number.isSafeInteger(n) || n <= 0) throw new ConfigError(`memory size '${s}' is out of range`);
  return n;
}

/** Default settings from the engine-neutral memory limit: spill GROUP BY / ORDER BY at half of it. */
export function defaultSettings(memoryLimit: string): ClickHouseQuerySettings {
  const max = parseByteSize(memoryLimit);
  const half = Math.floor(max / 2);
  return {
    max_memory_usage: max,
    max_bytes_before_external_group_by: half,
    max_bytes_before_external_sort: half,
    max_threads: 0,
    max_insert_block_size: 1_048_576,
  };
}

function parseServer(raw: string): { server: ClickHouseServer; params: URLSearchParams } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(`ClickHouse URL '${raw.replace(/\/\/[^@/]*@/, '//…@')}' is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new ConfigError(
      `ClickHouse URL must be http:// or https:// (the HTTP interface), got ${u.protocol}`,
    );
  }
  if (u.pathname !== '/' && u.pathname !== '') {
    throw new ConfigError(`ClickHouse URL ${u.host} must not have a path (got ${u.pathname})`);
  }
  if (u.hash !== '') throw new ConfigError(`ClickHouse URL ${u.host} must not have a #fragment`);
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  const authorization =
    user !== '' || pass !== '' ? `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` : null;
  const port = u.port !== '' ? u.port : u.protocol === 'https:' ? '443' : '80';
  return {
    server: { origin: `${u.protocol}//${u.hostname}:${port}`, label: `${u.hostname}:${port}`, authorization },
    params: u.searchParams,
  };
}

function intOption(name: string, v: string): number {
  if (!/^\d{1,16}$/.test(v) || !Number.isSafeInteger(Number(v))) {
    throw new ConfigError(`ClickHouse option ${name} must be a whole number of bytes/threads, got '${v}'`);
  }
  return Number(v);
}

/**
 * Parses a cluster description. `memoryLimit` (the engine-neutral `--memory-limit`) gives the default memory
 * settings; explicit options in the URL override them.
 */
export function parseClickHouseUrl(description: string, memoryLimit = '2GB'): ClickHouseConfig {
  const parts = description
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (parts.length === 0)
    throw new ConfigError('ClickHouse URL is empty: give one http://host:port per shard');
  const options = new Map<OptionName, string>();
  const servers: ClickHouseServer[] = [];
  for (const part of parts) {
    const { server, params } = parseServer(part);
    if (servers.some((s) => s.origin === server.origin)) {
      throw new ConfigError(`ClickHouse server ${server.label} is listed twice`);
    }
    servers.push(server);
    for (const [k, v] of params) {
      if (!(OPTION_NAMES as readonly string[]).includes(k)) {
        throw new ConfigError(`unknown ClickHouse option '${k}' (known: ${OPTION_NAMES.join(', ')})`);
      }
      const prev = options.get(k as OptionName);
      if (prev !== undefined && prev !== v) {
        throw new ConfigError(`ClickHouse option ${k} is given twice with different values`);
      }
      options.set(k as OptionName, v);
    }
  }
  const cluster = options.get('cluster') ?? null;
  if (cluster !== null && !IDENT.test(cluster))
    throw new ConfigError(`cluster name '${cluster}' is not valid`);
  const database = options.get('database') ?? null;
  if (database !== null && !IDENT.test(database)) {
    throw new ConfigError(`database name '${database}' must be letters, digits and _ (max 63)`);
  }
  const keepRaw = options.get('keep') ?? '0';
  if (!['0', '1', 'true', 'false'].includes(keepRaw))
    throw new ConfigError(`keep must be 0 or 1, got '${keepRaw}'`);
  const base = defaultSettings(memoryLimit);
  const setting = (name: keyof ClickHouseQuerySettings): number => {
    const v = options.get(name);
    return v === undefined ? base[name] : intOption(name, v);
  };
  return {
    servers,
    cluster,
    database,
    keep: keepRaw === '1' || keepRaw === 'true',
    settings: {
      max_memory_usage: setting('max_memory_usage'),
      max_bytes_before_external_group_by: setting('max_bytes_before_external_group_by'),
      max_bytes_before_external_sort: setting('max_bytes_before_external_sort'),
      max_threads: setting('max_threads'),
      max_insert_block_size: setting('max_insert_block_size'),
    },
  };
}
