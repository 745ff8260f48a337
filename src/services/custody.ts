/**
 * @module services/custody
 * Append-only custody log (JSON Lines). Every entry carries the SHA-256 of the previous entry's line, so editing,
 * removing or reordering any entry breaks the chain (`verifyCustodyChain`). Entries record the tool and engine
 * versions, the runtime, the user, the machine, the time and the parameters of each operation (最高检《电子证据鉴定程序
 * 规则》: software names and versions, methods, results must be logged). A kill during an append can leave an
 * incomplete last line: the next `open` keeps those bytes and appends a `recovered` entry recording their hash.
 */
import { createHash, randomUUID } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { arch, hostname, platform, userInfo } from 'node:os';
import { ForensicError } from '../core/errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js';

export const GENESIS = '0'.repeat(64);

export interface CustodyEntry {
  readonly seq: number;
  readonly time: string;
  readonly user: string;
  /** The machine (equipment) the operation ran on. */
  readonly host?: string;
  /** One id per opening of the log (one run of a command), to group its entries. */
  readonly run?: string;
  readonly tool: string;
  /** The runtime executing the tool (`node v20.20.2 linux x64`). */
  readonly runtime?: string;
  readonly engine: string | null;
  readonly action: string;
  readonly item?: string;
  readonly sha256?: string;
  readonly bytes?: number;
  readonly details?: Record<string, unknown>;
  readonly prev: string;
}

/** The action of the entry that records an interrupted write (see `verifyCustodyChain`). */
export const RECOVERED = 'recovered';

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
}

function currentHost(): string {
  try {
    return hostname();
  } catch {
    return 'unknown';
  }
}

export interface ChainCheck {
  readonly ok: boolean;
  /** Complete entries with an intact chain (up to the first defect). */
  readonly entries: number;
  /** SHA-256 of the last intact entry's line (GENESIS when none). */
  readonly lastHash: string;
  /** 1-based line of the first defect, when not ok. */
  readonly brokenAt?: number;
  readonly reason?: string;
  /** Interrupted writes that were recorded by a `recovered` entry. */
  readonly recoveries: number;
  /**
   * Set when the only defect is an incomplete end of the log (a write interrupted by a crash or kill) that no
   * `recovered` entry records yet: `CustodyLog.open` records it and goes on.
   */
  readonly partialTail?: { readonly line: number; readonly bytes: number; readonly sha256: string };
  /** The last entry is complete but lacks its final newline (the write stopped just before it). */
  readonly unterminated?: boolean;
}

function parseEntry(line: Uint8Array): CustodyEntry | null {
  try {
    const v = JSON.parse(Buffer.from(line).toString('utf8')) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as CustodyEntry) : null;
  } catch {
    return null;
  }
}

/**
 * Checks the hash chain of a custody log: every entry's `prev` is the SHA-256 of the previous entry's line, its
 * `seq` one more. One defect is accepted, because a kill can cut the last write of a run short: bytes that are not
 * valid JSON (the incomplete write, kept as it is), followed immediately by a `recovered` entry whose details hold
 * `partial_sha256` and `partial_bytes` of exactly those bytes (up to the newline before the recovered entry) and
 * whose `prev` and `seq` continue from the last complete entry. Anything else — a non-JSON line without such an
 * entry, a `recovered` entry with nothing before it to record, a hash that does not match — breaks the chain.
 * Works on the log's bytes (a cut can fall inside a multi-byte character).
 */
export function verifyCustodyChain(text: string | Uint8Array): ChainCheck {
  const buf =
    typeof text === 'string'
      ? Buffer.from(text, 'utf8')
      : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  let prev = GENESIS;
  let seq = 0;
  let recoveries = 0;
  /** Byte offset and line number where the current run of non-JSON lines began. */
  let damage: { offset: number; line: number } | null = null;
  let lineNo = 0;
  let start = 0;
  let unterminated = false;
  const broken = (line: number, reason: string): ChainCheck => ({
    ok: false,
    entries: seq,
    lastHash: prev,
    brokenAt: line,
    reason,
    recoveries,
  });
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    const end = nl < 0 ? buf.length : nl;
    const line = buf.subarray(start, end);
    lineNo++;
    const entry = parseEntry(line);
    if (entry === null) {
      damage ??= { offset: start, line: lineNo };
      if (nl < 0) break;
      start = nl + 1;
      continue;
    }
    if (damage !== null) {
      const partial = buf.subarray(damage.offset, start - 1);
      const d = entry.details ?? {};
      if (
        entry.action !== RECOVERED ||
        d['partial_sha256'] !== sha256(partial) ||
        d['partial_bytes'] !== partial.length
      )
        return broken(
          damage.line,
          'not a valid entry (and no recovered entry records these bytes as an interrupted write)',
        );
      recoveries++;
      damage = null;
    } else if (entry.action === RECOVERED) {
      return broken(lineNo, 'a recovered entry without the interrupted write it records (removed?)');
    }
    if (entry.prev !== prev) return broken(lineNo, 'previous-entry hash does not match');
    if (entry.seq !== seq + 1) return broken(lineNo, `sequence number ${entry.seq}, expected ${seq + 1}`);
    prev = sha256(line);
    seq++;
    if (nl < 0) {
      // A complete entry whose newline was not written (the write stopped just before it).
      unterminated = true;
      break;
    }
    start = nl + 1;
  }
  if (damage !== null) {
    let partial = buf.subarray(damage.offset);
    if (partial.length > 0 && partial[partial.length - 1] === 0x0a)
      partial = partial.subarray(0, partial.length - 1);
    return {
      ...broken(
        damage.line,
        'the log ends in an incomplete entry (an interrupted write), not yet recorded as recovered',
      ),
      partialTail: { line: damage.line, bytes: partial.length, sha256: sha256(partial) },
    };
  }
  return { ok: true, entries: seq, lastHash: prev, recoveries, ...(unterminated ? { unterminated } : {}) };
}

/** Reads a custody log: its complete entries (in order) and the chain check. A missing log has no entries. */
export async function readCustodyLog(path: string): Promise<{ entries: CustodyEntry[]; check: ChainCheck }> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    buf = Buffer.alloc(0);
  }
  const entries: CustodyEntry[] = [];
  for (const line of buf.toString('utf8').split('\n')) {
    const e = line.length > 0 ? parseEntry(Buffer.from(line, 'utf8')) : null;
    if (e) entries.push(e);
  }
  return { entries, check: verifyCustodyChain(buf) };
}

export class CustodyLog {
  readonly path: string;
  readonly run: string;
  #prev: string;
  #seq: number;
  #engine: string | null = null;
  #queue: Promise<void> = Promise.resolve();
  /** Written before the next entry (a newline the interrupted write did not get to). */
  #pending = '';

  private constructor(path: string, prev: string, seq: number) {
    this.path = path;
    this.#prev = prev;
    this.#seq = seq;
    this.run = randomUUID();
  }

  /**
   * Opens (or creates) a log. An existing log must have an intact chain, or nothing is appended to it — except
   * for an incomplete last entry left by an interrupted write: its bytes are kept, and a `recovered` entry is
   * appended that records their SHA-256 and length and continues the chain from the last complete entry.
   */
  static async open(path: string): Promise<CustodyLog> {
    let buf = Buffer.alloc(0);
    try {
      buf = await readFile(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const check = verifyCustodyChain(buf);
    if (!check.ok && !check.partialTail) {
      throw new ForensicError(
        'INTEGRITY',
        `custody log ${path} is broken at line ${check.brokenAt} (${check.reason}); refusing to append to it`,
      );
    }
    const log = new CustodyLog(path, check.lastHash, check.entries);
    if (check.unterminated) log.#pending = '\n';
    if (check.partialTail) {
      if (buf[buf.length - 1] !== 0x0a) log.#pending = '\n';
      await log.append(RECOVERED, {
        details: {
          partial_line: check.partialTail.line,
          partial_bytes: check.partialTail.bytes,
          partial_sha256: check.partialTail.sha256,
          note: 'the log ended in an incomplete entry (a run was stopped while writing it); those bytes are kept unchanged above this entry, which continues the chain from the last complete entry',
        },
      });
    }
    return log;
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
        host: currentHost(),
        run: this.run,
        tool: `${TOOL_NAME} ${TOOL_VERSION}`,
        runtime: `node ${process.version} ${platform()} ${arch()}`,
        engine: this.#engine,
        action,
        ...fields,
        prev: this.#prev,
      };
      const line = JSON.stringify(entry);
      // One write per entry: a kill can only cut the end of the log, which the next open records as recovered.
      await appendFile(this.path, `${this.#pending}${line}\n`, { encoding: 'utf8', flag: 'a' });
      this.#pending = '';
      this.#prev = sha256(line);
      this.#seq = entry.seq;
    };
    this.#queue = this.#queue.then(run);
    return this.#queue;
  }
}
