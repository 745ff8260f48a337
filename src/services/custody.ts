/**
 * @module services/custody
 * Append-only custody log (JSON Lines). Every entry carries the SHA-256 of the previous entry's line, so editing,
 * removing or reordering any entry breaks the chain (`verifyCustodyChain`). Entries record the tool and engine
 * versions, the user, the time and the parameters of each operation (最高检《电子证据鉴定程序规则》: software names
 * and versions, methods, results must be logged).
 */
import { createHash } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { ForensicError } from '../core/errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js';

export const GENESIS = '0'.repeat(64);

export interface CustodyEntry {
  readonly seq: number;
  readonly time: string;
  readonly user: string;
  readonly tool: string;
  readonly engine: string | null;
  readonly action: string;
  readonly item?: string;
  readonly sha256?: string;
  readonly bytes?: number;
  readonly details?: Record<string, unknown>;
  readonly prev: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
}

export interface ChainCheck {
  readonly ok: boolean;
  readonly entries: number;
  readonly lastHash: string;
  /** 1-based line of the first broken link, when not ok. */
  readonly brokenAt?: number;
  readonly reason?: string;
}

/** Checks the hash chain of a custody log's text. */
export function verifyCustodyChain(text: string): ChainCheck {
  let prev = GENESIS;
  const lines = text.split('\n').filter((l) => l.length > 0);
  for (let i = 0; i < lines.length; i++) {
    let entry: CustodyEntry;
    try {
      entry = JSON.parse(lines[i]!) as CustodyEntry;
    } catch {
      return { ok: false, entries: i, lastHash: prev, brokenAt: i + 1, reason: 'not valid JSON' };
    }
    if (entry.prev !== prev) {
      return {
        ok: false,
        entries: i,
        lastHash: prev,
        brokenAt: i + 1,
        reason: 'previous-entry hash does not match',
      };
    }
    if (entry.seq !== i + 1) {
      return {
        ok: false,
        entries: i,
        lastHash: prev,
        brokenAt: i + 1,
        reason: `sequence number ${entry.seq}, expected ${i + 1}`,
      };
    }
    prev = sha256(lines[i]!);
  }
  return { ok: true, entries: lines.length, lastHash: prev };
}

export class CustodyLog {
  readonly path: string;
  #prev: string;
  #seq: number;
  #engine: string | null = null;
  #queue: Promise<void> = Promise.resolve();

  private constructor(path: string, prev: string, seq: number) {
    this.path = path;
    this.#prev = prev;
    this.#seq = seq;
  }

  /** Opens (or creates) a log; an existing log must have an intact chain, or nothing is appended to it. */
  static async open(path: string): Promise<CustodyLog> {
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const check = verifyCustodyChain(text);
    if (!check.ok) {
      throw new ForensicError(
        'INTEGRITY',
        `custody log ${path} is broken at line ${check.brokenAt} (${check.reason}); refusing to append to it`,
      );
    }
    return new CustodyLog(path, check.lastHash, check.entries);
  }

  setEngine(engine: string): void {
    this.#engine = engine;
  }

  /** Appends one entry (serialised: concurrent calls keep their order). */
  append(
    action: string,
    fields: Omit<Partial<CustodyEntry>, 'seq' | 'prev' | 'time' | 'action'> = {},
  ): Promise<void> {
    const run = async () => {
      const entry: CustodyEntry = {
        seq: this.#seq + 1,
        time: new Date().toISOString(),
        user: currentUser(),
        tool: `${TOOL_NAME} ${TOOL_VERSION}`,
        engine: this.#engine,
        action,
        ...fields,
        prev: this.#prev,
      };
      const line = JSON.stringify(entry);
      await appendFile(this.path, `${line}\n`, { encoding: 'utf8', flag: 'a' });
      this.#prev = sha256(line);
      this.#seq = entry.seq;
    };
    this.#queue = this.#queue.then(run);
    return this.#queue;
  }
}
