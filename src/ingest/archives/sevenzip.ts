/**
 * @module ingest/archives/sevenzip
 * 7z archives through the 7-Zip program (Debian package `7zip`: `7zz`; `7z` from p7zip is tried next), run as a
 * child process that never writes a file: the listing (`l -slt`) gives every member's name, type, size and
 * CRC-32, then `x -so` streams the members' bytes, in the listing's order, through a pipe. We split that stream by
 * the listed sizes and check each member's CRC-32 ourselves, so a damaged archive can only produce members
 * whose bytes are refused, never wrong bytes, and a member name can never become a path 7-Zip writes to.
 */
import { spawn } from 'node:child_process';
import { crc32 } from 'node:zlib';
import { ByteReader } from './byte-reader.js';
import { formatBytes } from './limits.js';
import {
  ArchiveError,
  type ArchiveVisitor,
  type MemberHeader,
  type MemberType,
  memberPosition,
  StopArchive,
} from './types.js';

const PROGRAMS = ['7zz', '7z'] as const;
/** Options for every run: 7z format only, UTF-8 console, no progress, no prompts (an empty password). */
const COMMON = ['-t7z', '-sccUTF-8', '-bd', '-y', '-p'];
const LISTING_LIMIT = 256 * 1024 * 1024;

let found: { program: string; version: string } | null | undefined;

function run(
  program: string,
  args: string[],
  maxOut: number,
): Promise<{ code: number | null; out: Buffer; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    child.on('error', reject);
    child.stdout.on('data', (c: Buffer) => {
      outBytes += c.length;
      if (outBytes > maxOut) child.kill('SIGKILL');
      else out.push(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      if (err.length < 65536) err += c.toString('utf8');
    });
    child.on('close', (code) => resolve({ code, out: Buffer.concat(out), err }));
  });
}

/** The 7-Zip program and its version line, or null when none is installed. */
export async function sevenZip(): Promise<{ program: string; version: string } | null> {
  if (found !== undefined) return found;
  for (const p of PROGRAMS) {
    try {
      const r = await run(p, ['i'], 1 << 20);
      const line = r.out
        .toString('utf8')
        .split('\n')
        .map((l) => l.trim())
        .find((l) => /^(p?7-Zip)/.test(l));
      found = { program: p, version: line ?? p };
      return found;
    } catch {
      // not installed: try the next name
    }
  }
  found = null;
  return found;
}

export interface SevenZipMember {
  readonly path: string;
  readonly size: number;
  readonly attributes: string;
  readonly crc: number | null;
  readonly encrypted: boolean;
  readonly method: string;
}

/** Parses `7z l -slt` output; null when it does not have the expected shape. */
export function parseListing(
  text: string,
): { members: SevenZipMember[]; archive: Record<string, string> } | null {
  const sep = text.indexOf('\n----------\n');
  if (sep < 0) return null;
  const head = text.slice(0, sep);
  const archive: Record<string, string> = {};
  const headBlock = head.slice(head.lastIndexOf('\n--\n') + 4);
  for (const line of headBlock.split('\n')) {
    const m = /^([A-Za-z ]+) = (.*)$/.exec(line);
    if (m) archive[m[1]!] = m[2]!;
  }
  const members: SevenZipMember[] = [];
  const blocks = text
    .slice(sep + 12)
    .split(/\n\n+/)
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  for (const block of blocks) {
    const f: Record<string, string> = {};
    for (const line of block.split('\n')) {
      const m = /^([A-Za-z ]+?) = ?(.*)$/.exec(line);
      if (!m) return null; // a line that is not `Key = value`: a name with a newline, or unexpected output
      if (m[1]! in f) return null;
      f[m[1]!] = m[2]!;
    }
    if (f['Path'] === undefined || f['Size'] === undefined || f['Attributes'] === undefined) return null;
    const size = f['Size'] === '' ? 0 : Number(f['Size']);
    if (!Number.isSafeInteger(size) || size < 0) return null;
    const crcText = f['CRC'] ?? '';
    if (crcText !== '' && !/^[0-9A-F]{8}$/i.test(crcText)) return null;
    members.push({
      path: f['Path'],
      size,
      attributes: f['Attributes'],
      crc: crcText === '' ? null : Number.parseInt(crcText, 16),
      encrypted: f['Encrypted'] === '+',
      method: f['Method'] ?? '',
    });
  }
  return { members, archive };
}

/** Member type from the listing's attributes (`D` for folders; the Unix mode string after a space). */
export function typeOfAttributes(attributes: string): MemberType {
  const [win, unix] = attributes.split(' ');
  const u = unix?.[0];
  if (u === 'l') return 'symlink';
  if (u === 'd' || (win ?? '').includes('D')) return 'dir';
  if (u === 'c') return 'char-device';
  if (u === 'b') return 'block-device';
  if (u === 'p') return 'fifo';
  if (u === 's') return 'other';
  return 'file';
}

function lastError(err: string): string {
  const lines = err
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return lines.length === 0 ? 'no message' : lines.slice(-3).join(' / ');
}

export interface SevenZipOptions {
  readonly maxMembers: number;
  readonly idleMs: number;
  /** Called with the listing before any member is read; may throw `StopArchive` (declared sizes over a limit). */
  readonly onListing?: (total: number, members: number) => void;
}

/** Walks the members of a 7z archive. Throws an `ArchiveError` when the archive cannot be listed or read. */
export async function readSevenZip(
  absPath: string,
  visitor: ArchiveVisitor,
  opts: SevenZipOptions,
): Promise<{ members: number; program: string; version: string }> {
  const prog = await sevenZip();
  if (!prog)
    throw new ArchiveError(
      '7z archives need the 7-Zip program (7zz, Debian package 7zip), which is not installed: not expanded',
      'whole archive',
    );
  const listed = await run(prog.program, ['l', '-slt', ...COMMON, '--', absPath], LISTING_LIMIT);
  const parsed = parseListing(listed.out.toString('utf8').replace(/\r\n/g, '\n'));
  if (listed.code !== 0 || !parsed)
    throw new ArchiveError(
      `7-Zip cannot list the archive (truncated or damaged?): ${lastError(listed.err || listed.out.toString('utf8'))}`,
      'archive headers (a 7z archive keeps them at its end)',
    );
  const members = parsed.members;
  if (members.length > opts.maxMembers)
    throw new StopArchive(
      `the 7z archive lists ${members.length} members, more than the limit of ${opts.maxMembers}: not expanded`,
      'archive headers',
    );
  const total = members.reduce((s, m) => s + (typeOfAttributes(m.attributes) === 'dir' ? 0 : m.size), 0);
  opts.onListing?.(total, members.length);
  const headers: MemberHeader[] = members.map((m, index) => {
    const type = typeOfAttributes(m.attributes);
    return {
      index,
      name: m.path,
      nameEncoding: 'utf-16 (7z)',
      rawNameHex: null,
      type,
      linkTarget: null,
      size: m.size,
      compressedSize: null,
      offset: null,
      unreadable: m.encrypted
        ? 'encrypted member (password-protected): cannot be read without the password'
        : null,
    };
  });
  const child = spawn(prog.program, ['x', '-so', ...COMMON, '--', absPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
  });
  let err = '';
  child.stderr.on('data', (c: Buffer) => {
    if (err.length < 65536) err += c.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => resolve(code));
    child.on('error', () => resolve(null));
  });
  /** stderr is complete once the process has exited; bounded so that a hung process cannot hold us. */
  const stderrSettled = async () => {
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
    return err;
  };
  let idle: NodeJS.Timeout | null = null;
  let timedOut = false;
  const touch = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.idleMs);
  };
  touch();
  // Start reading at once: node throws away the unread output of a child process that has exited.
  const it = (child.stdout as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<Buffer>> | null = it.next();
  pending.catch(() => {});
  const stdout: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: () => ({
      async next() {
        const p = pending ?? it.next();
        pending = null;
        const res = await p;
        if (!res.done) touch();
        return res;
      },
      async return() {
        pending = null;
        await it.return?.();
        return { done: true as const, value: undefined };
      },
    }),
  };
  const r = new ByteReader(stdout);
  let failedFrom = -1;
  let memberErrors = 0;
  let finished = false;
  try {
    for (let i = 0; i < headers.length; i++) {
      const h = headers[i]!;
      const m = members[i]!;
      const inStream = h.type !== 'dir';
      if (failedFrom >= 0 && inStream && m.size > 0) {
        const why = timedOut
          ? `7-Zip wrote nothing for ${opts.idleMs / 1000} s and was stopped`
          : `7-Zip stopped before this member: ${lastError(err)}`;
        await visitor.member({ ...h, unreadable: `not extracted: ${why}` }, () => {
          throw new Error('unreadable member opened');
        });
        continue;
      }
      let consumed = 0;
      let opened = false;
      const open = (): AsyncIterable<Buffer> => {
        if (opened) throw new Error('member data opened twice');
        opened = true;
        return (async function* () {
          let crc = 0;
          for await (const c of r.take(m.size)) {
            consumed += c.length;
            crc = crc32(c, crc);
            yield c;
          }
          if (consumed < m.size) {
            failedFrom = i + 1;
            memberErrors++;
            throw new ArchiveError(
              `7-Zip stopped after ${consumed} of ${m.size} bytes of this member: ${timedOut ? 'no output for too long' : lastError(await stderrSettled())}`,
              `${memberPosition(h)}, byte ${consumed}`,
            );
          }
          if (m.crc !== null && crc >>> 0 !== m.crc) {
            memberErrors++;
            throw new ArchiveError(
              `CRC-32 mismatch: the member's bytes are damaged (listed ${m.crc.toString(16).padStart(8, '0')}, computed ${(crc >>> 0).toString(16).padStart(8, '0')})`,
              `${memberPosition(h)}, ${consumed} bytes`,
            );
          }
        })();
      };
      await visitor.member(h, open);
      if (inStream && consumed < m.size && failedFrom < 0) {
        const rest = m.size - consumed;
        if ((await r.skip(rest)) < rest) failedFrom = i + 1;
      }
    }
    if (failedFrom < 0) {
      const extra = await r.read(1);
      if (extra.length > 0)
        throw new ArchiveError(
          `7-Zip produced more bytes than the listing declares (${formatBytes(total)}): listing and data disagree`,
          `after member #${headers.length}`,
        );
      finished = true;
    }
  } finally {
    if (idle) clearTimeout(idle);
    if (!finished) child.kill('SIGKILL');
    await r.close().catch(() => {});
  }
  const code = await exited;
  if (failedFrom >= 0)
    throw new ArchiveError(
      `7-Zip stopped early (exit code ${code}): ${timedOut ? 'no output for too long' : lastError(err)}`,
      `from member #${failedFrom}`,
    );
  if (code !== 0 && memberErrors === 0)
    throw new ArchiveError(`7-Zip reported an error (exit code ${code}): ${lastError(err)}`, 'whole archive');
  return { members: headers.length, program: prog.program, version: prog.version };
}
