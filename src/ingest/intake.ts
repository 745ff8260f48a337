/**
 * @module ingest/intake
 * Finds the evidence items under an evidence root and hashes each one (SHA-256) before anything reads it.
 * Files are opened read-only; symbolic links are never followed (they are reported, not read).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export interface FoundEntry {
  /** Path relative to the evidence root with `/` separators. */
  readonly path: string;
  readonly absPath: string;
  readonly kind: 'file' | 'symlink' | 'other';
  readonly bytes: number;
}

/** Manifest file names at the evidence root: read as configuration, never counted as evidence. */
export const MANIFEST_NAMES = ['case.yaml', 'case.yml'] as const;

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** Code-point order, so that the item order does not depend on the locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lists every entry below `root` (depth-first), sorted by relative path. */
export async function walkEvidence(root: string): Promise<FoundEntry[]> {
  const out: FoundEntry[] = [];
  async function visit(dir: string): Promise<void> {
    const names = (await readdir(dir)).sort(comparePaths);
    for (const name of names) {
      const abs = join(dir, name);
      const st = await lstat(abs);
      const path = toPosix(relative(root, abs));
      if (st.isDirectory()) await visit(abs);
      else if (st.isSymbolicLink()) out.push({ path, absPath: abs, kind: 'symlink', bytes: 0 });
      else if (st.isFile()) {
        if (dir === root && (MANIFEST_NAMES as readonly string[]).includes(name)) continue;
        out.push({ path, absPath: abs, kind: 'file', bytes: st.size });
      } else out.push({ path, absPath: abs, kind: 'other', bytes: 0 });
    }
  }
  await visit(root);
  return out.sort((a, b) => comparePaths(a.path, b.path));
}

/**
 * SHA-256 of a file, streamed (read-only). `meter.bytes` follows the bytes hashed (for progress display); an
 * aborted `signal` stops the hashing with an error.
 */
/** A line start found while hashing: a place where a line-oriented file can be split for parallel reading. */
export interface LineSplit {
  /** Byte offset of the first byte of the line (just after a LF byte). */
  readonly offset: number;
  /** Its 1-based physical line number (LF bytes before it + 1). */
  readonly line: number;
}

/**
 * SHA-256 of a file, streamed. With `splitEvery`, the same pass also returns line starts about that many bytes
 * apart (the first line start at or after each target), counted on LF bytes; they are meaningful for encodings in
 * which a 0x0A byte is always a line feed (UTF-8, GB18030, Big5), and the caller decides whether to use them.
 */
export async function sha256File(
  absPath: string,
  opts: {
    readonly meter?: { bytes: number };
    readonly signal?: AbortSignal;
    readonly splitEvery?: number;
  } = {},
): Promise<{ sha256: string; bytes: number; splits: LineSplit[] }> {
  const h = createHash('sha256');
  let bytes = 0;
  const every = opts.splitEvery && opts.splitEvery > 0 ? opts.splitEvery : 0;
  const splits: LineSplit[] = [];
  let lines = 0;
  let target = every;
  const stream = createReadStream(absPath, { flags: 'r', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (opts.signal?.aborted) throw new Error(`hashing of ${absPath} stopped on request`);
      h.update(chunk);
      if (every > 0) {
        let i = chunk.indexOf(10);
        while (i !== -1) {
          lines++;
          const next = bytes + i + 1;
          if (next >= target) {
            splits.push({ offset: next, line: lines + 1 });
            target = next + every;
          }
          i = chunk.indexOf(10, i + 1);
        }
      }
      bytes += chunk.length;
      if (opts.meter) opts.meter.bytes = bytes;
    }
  } finally {
    stream.destroy();
  }
  // A split at the very end starts no line.
  while (splits.length > 0 && splits[splits.length - 1]!.offset >= bytes) splits.pop();
  return { sha256: h.digest('hex'), bytes, splits };
}

/** Reads the first `n` bytes of a file. */
export async function readPrefix(
  absPath: string,
  n: number,
): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const chunks: Buffer[] = [];
  let got = 0;
  const stream = createReadStream(absPath, {
    flags: 'r',
    start: 0,
    end: n,
    highWaterMark: Math.min(n + 1, 1 << 20),
  });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    got += chunk.length;
  }
  const all = Buffer.concat(chunks, got);
  // We asked for n+1 bytes: getting at most n means the whole file is in the sample.
  return { bytes: all.subarray(0, Math.min(n, all.length)), complete: all.length <= n };
}
