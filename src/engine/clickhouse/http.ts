/**
 * @module engine/clickhouse/http
 * A small client for ClickHouse's HTTP interface (node:http/https, no dependency). It does what this engine needs
 * and what 18.16 understands: statements in the POST body, settings as URL parameters, results as JSONCompact
 * (64-bit integers arrive as strings and are read exactly with BigInt), and INSERT … FORMAT TabSeparated with a
 * streamed body under backpressure. `@clickhouse/client` 1.23 was considered: its query parameters do not work on
 * 18.16 and a raw TSV insert needs a stream anyway, so it would add a dependency without removing any code here.
 */
import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { ForensicError } from '../../core/errors.js';
import type { ClickHouseServer } from './config.js';

export type Settings = Readonly<Record<string, string | number>>;

export interface JsonCompactResult {
  readonly meta: readonly { readonly name: string; readonly type: string }[];
  readonly data: readonly (readonly unknown[])[];
}

/** Longest error text kept from a server answer (they can repeat the whole query). */
const MAX_ERROR_CHARS = 2000;

export class ClickHouseHttp {
  readonly server: ClickHouseServer;
  readonly #agent: http.Agent;
  readonly #transport: typeof http | typeof https;
  #queries = 0;

  constructor(server: ClickHouseServer) {
    this.server = server;
    const secure = server.origin.startsWith('https:');
    this.#transport = secure ? https : http;
    this.#agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  }

  #url(settings: Settings, extra: Record<string, string>): URL {
    const u = new URL(this.server.origin);
    for (const [k, v] of Object.entries(settings)) u.searchParams.set(k, String(v));
    for (const [k, v] of Object.entries(extra)) u.searchParams.set(k, v);
    return u;
  }

  /**
   * One request. `body` is the SQL text (or, for inserts, the SQL is in the URL and `body` streams the data).
   * Resolves with the response text on HTTP 200; rejects with the server's message otherwise.
   */
  async #request(what: string, url: URL, body: string | AsyncIterable<Buffer>): Promise<string> {
    const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
    if (this.server.authorization) headers['Authorization'] = this.server.authorization;
    const req = this.#transport.request(url, { method: 'POST', agent: this.#agent, headers });
    const response = new Promise<string>((resolve, reject) => {
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 200) resolve(text);
          else reject(new Error(`HTTP ${res.statusCode}: ${text.trim().slice(0, MAX_ERROR_CHARS)}`));
        });
      });
      // A server that refuses an insert answers and closes while we upload; give its answer (which says why)
      // a moment to arrive before the socket error wins.
      req.on('error', (e) => setTimeout(() => reject(e), 200));
    });
    response.catch(() => {}); // observed below; never an unhandled rejection
    const wrap = (err: unknown): ForensicError =>
      err instanceof ForensicError
        ? err
        : new ForensicError('ENGINE', `ClickHouse ${this.server.label}: ${what} failed: ${errorText(err)}`, {
            cause: err,
          });
    try {
      if (typeof body === 'string') {
        req.end(body);
      } else {
        for await (const chunk of body) {
          if (!req.write(chunk)) await Promise.race([once(req, 'drain'), response]);
        }
        req.end();
      }
    } catch (e) {
      req.destroy();
      // Our own refusal (a bad staging row) is the reason; otherwise the server's answer, if it gave one.
      if (e instanceof ForensicError) throw e;
      throw wrap(
        await response.then(
          () => e,
          (r: unknown) => r,
        ),
      );
    }
    try {
      return await response;
    } catch (e) {
      throw wrap(e);
    }
  }

  /** A statement without result (DDL). */
  async command(what: string, sql: string, settings: Settings = {}): Promise<void> {
    await this.#request(what, this.#url(settings, { query_id: this.#queryId() }), sql);
  }

  /**
   * A SELECT; the result is read whole (this engine only fetches small aggregates). `wait_end_of_query` makes the
   * server buffer the result, so an error during execution is an HTTP error, not a truncated body.
   */
  async query(what: string, sql: string, settings: Settings = {}): Promise<JsonCompactResult> {
    const text = await this.#request(
      what,
      this.#url(settings, { wait_end_of_query: '1', query_id: this.#queryId() }),
      `${sql}\nFORMAT JSONCompact`,
    );
    try {
      const parsed = JSON.parse(text) as JsonCompactResult;
      if (!Array.isArray(parsed.data) || !Array.isArray(parsed.meta)) throw new Error('no data/meta');
      return parsed;
    } catch (e) {
      throw new ForensicError(
        'ENGINE',
        `ClickHouse ${this.server.label}: ${what}: unreadable answer (${(e as Error).message})`,
        { cause: e },
      );
    }
  }

  /** `INSERT INTO … FORMAT TabSeparated` with the data streamed from `rows`. */
  async insert(
    what: string,
    insertSql: string,
    rows: AsyncIterable<Buffer>,
    settings: Settings = {},
  ): Promise<void> {
    await this.#request(what, this.#url(settings, { query: insertSql, query_id: this.#queryId() }), rows);
  }

  #queryId(): string {
    this.#queries++;
    return `xinjian-${process.pid}-${Date.now().toString(36)}-${this.#queries}`;
  }

  close(): void {
    this.#agent.destroy();
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** An unsigned/signed 64-bit count from JSONCompact (a string) or a smaller integer (a number), exactly. */
export function bigCount(v: unknown): bigint {
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  throw new ForensicError('ENGINE', `ClickHouse returned a non-integer count: ${JSON.stringify(v)}`);
}

/** A count as a JavaScript number; refuses values above 2^53 rather than rounding them. */
export function safeNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new ForensicError('ENGINE', `count ${v} exceeds the exact range of a JavaScript number`);
  }
  return Number(v);
}

/** A 32- or 64-bit integer from JSONCompact, exactly (refusing values beyond 2^53). */
export function intValue(v: unknown): number {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  return safeNumber(bigCount(v));
}

/** A String column value from JSONCompact. */
export function stringValue(v: unknown): string {
  if (typeof v !== 'string') {
    throw new ForensicError('ENGINE', `ClickHouse returned ${JSON.stringify(v)} for a string`);
  }
  return v;
}
