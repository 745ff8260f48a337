/**
 * @module ingest/readers/xlsx/zip
 * A small read-only ZIP reader for workbooks from seized, possibly hostile sources: it reads the central directory
 * (a truncated file has none → a clear error), refuses encrypted or unknown-method entries, and inflates one entry
 * at a time as a stream with hard limits (inflated bytes, ratio to compressed bytes, declared size, CRC-32), so that
 * a zip bomb fails with an error instead of filling memory or disk.
 */
import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { crc32, createInflateRaw } from 'node:zlib';

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc: number;
  readonly localOffset: number;
}

export interface ZipLimits {
  /** Largest inflated size of one entry. */
  readonly maxEntryBytes: number;
  /** Largest inflated/compressed ratio once an entry passes `ratioFloorBytes`. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
  readonly maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 8 * 1024 ** 3,
  maxRatio: 250,
  ratioFloorBytes: 64 * 1024 ** 2,
  maxEntries: 20000,
};

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;
const Z64_LOCATOR = 0x07064b50;
const Z64_EOCD = 0x06064b50;

async function readAt(fh: FileHandle, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.alloc(len);
  let got = 0;
  while (got < len) {
    const r = await fh.read(buf, got, len - got, pos + got);
    if (r.bytesRead === 0) break;
    got += r.bytesRead;
  }
  if (got < len) throw new ZipError(`unexpected end of file at byte ${pos + got} (truncated?)`);
  return buf;
}

/** Reads the central directory of a ZIP file. */
export async function readZipDirectory(
  path: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ZipEntry[]> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    if (size < 22) throw new ZipError(`${size} bytes is too short for a ZIP file (truncated?)`);
    const tailLen = Math.min(size, 22 + 65535 + 20);
    const tail = await readAt(fh, size - tailLen, tailLen);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0)
      throw new ZipError('no ZIP end-of-central-directory record: the file is truncated or not a ZIP');
    let count = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const loc = at - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== Z64_LOCATOR) throw new ZipError('broken ZIP64 end record');
      const z64At = Number(tail.readBigUInt64LE(loc + 8));
      const z = await readAt(fh, z64At, 56);
      if (z.readUInt32LE(0) !== Z64_EOCD) throw new ZipError('broken ZIP64 end record');
      count = Number(z.readBigUInt64LE(32));
      cdSize = Number(z.readBigUInt64LE(40));
      cdOffset = Number(z.readBigUInt64LE(48));
    }
    if (count > limits.maxEntries)
      throw new ZipError(`${count} ZIP entries: more than the limit of ${limits.maxEntries}`);
    if (cdOffset + cdSize > size)
      throw new ZipError('the ZIP central directory lies beyond the end of the file (truncated?)');
    if (cdSize > 64 * 1024 ** 2) throw new ZipError('the ZIP central directory is implausibly large');
    const cd = await readAt(fh, cdOffset, cdSize);
    const out: ZipEntry[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CEN)
        throw new ZipError(`damaged ZIP central directory (entry ${n + 1})`);
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const crc = cd.readUInt32LE(p + 16);
      let compressedSize = cd.readUInt32LE(p + 20);
      let usize = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      let localOffset = cd.readUInt32LE(p + 42);
      if (p + 46 + nameLen + extraLen > cd.length)
        throw new ZipError(`damaged ZIP central directory (entry ${n + 1})`);
      const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
      // ZIP64 extra field.
      let e = p + 46 + nameLen;
      const eEnd = e + extraLen;
      while (e + 4 <= eEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 1) {
          let q = e + 4;
          if (usize === 0xffffffff && q + 8 <= e + 4 + len) {
            usize = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
            compressedSize = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) localOffset = Number(cd.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      if (flags & 1) throw new ZipError(`entry ${name} is encrypted (password-protected workbook)`);
      out.push({ name, method, compressedSize, size: usize, crc, localOffset });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return out;
  } finally {
    await fh.close();
  }
}

/** Streams the inflated bytes of one entry, enforcing the limits. */
export async function* readZipEntry(
  path: string,
  entry: ZipEntry,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): AsyncGenerator<Buffer> {
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipError(`entry ${entry.name} uses compression method ${entry.method}, which is not supported`);
  }
  if (entry.size > limits.maxEntryBytes) {
    throw new ZipError(
      `entry ${entry.name} declares ${entry.size} bytes: more than the limit of ${limits.maxEntryBytes}`,
    );
  }
  const fh = await open(path, 'r');
  let dataStart: number;
  try {
    const loc = await readAt(fh, entry.localOffset, 30);
    if (loc.readUInt32LE(0) !== LOC) throw new ZipError(`entry ${entry.name}: damaged local header`);
    dataStart = entry.localOffset + 30 + loc.readUInt16LE(26) + loc.readUInt16LE(28);
    const size = (await fh.stat()).size;
    if (dataStart + entry.compressedSize > size) {
      throw new ZipError(`entry ${entry.name} runs past the end of the file (truncated?)`);
    }
  } finally {
    await fh.close();
  }
  if (entry.compressedSize === 0) {
    if (entry.size !== 0)
      throw new ZipError(`entry ${entry.name}: no data where ${entry.size} bytes are declared`);
    return;
  }
  const raw = createReadStream(path, { start: dataStart, end: dataStart + entry.compressedSize - 1 });
  const source: AsyncIterable<Buffer> = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  let total = 0;
  let crc = 0;
  try {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > entry.size) {
        throw new ZipError(`entry ${entry.name} inflates past its declared size of ${entry.size} bytes`);
      }
      if (total > limits.maxEntryBytes)
        throw new ZipError(`entry ${entry.name} inflates past ${limits.maxEntryBytes} bytes`);
      if (total > limits.ratioFloorBytes && total > limits.maxRatio * entry.compressedSize) {
        throw new ZipError(
          `entry ${entry.name} inflates more than ${limits.maxRatio} times its compressed size (zip bomb?)`,
        );
      }
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw new ZipError(`entry ${entry.name}: ${(e as Error).message}`);
  } finally {
    raw.destroy();
    if (source !== raw) (source as unknown as { destroy(): void }).destroy();
  }
  if (total !== entry.size)
    throw new ZipError(`entry ${entry.name}: ${total} bytes where ${entry.size} are declared (truncated?)`);
  if (crc >>> 0 !== entry.crc >>> 0)
    throw new ZipError(`entry ${entry.name}: CRC-32 mismatch (damaged file)`);
}

/** Reads a whole (small) entry as text, with a size cap. */
export async function readZipText(path: string, entry: ZipEntry, maxBytes: number): Promise<string> {
  if (entry.size > maxBytes)
    throw new ZipError(`entry ${entry.name} is ${entry.size} bytes: more than ${maxBytes}`);
  const parts: Buffer[] = [];
  for await (const c of readZipEntry(path, entry)) parts.push(c);
  return Buffer.concat(parts).toString('utf8');
}
