/**
 * @module ingest/archives/gzip
 * Streaming gunzip of a file with node's zlib: concatenated gzip members are read as one stream (as gzip does),
 * zero padding after the last member is accepted and reported, anything else after it is an error. Errors say
 * how far the compressed input was read and how many bytes had come out.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { formatBytes } from './limits.js';
import { ArchiveError } from './types.js';

/** The CRC-32 or length in a gzip trailer does not match the data: every byte that came out is unverified. */
export class GzipTrailerMismatch extends ArchiveError {}

export interface GunzipEnd {
  /** Bytes of the file the gzip members occupy. */
  readonly consumed: number;
  /** Zero bytes after the last member. */
  readonly paddingBytes: number;
  readonly expanded: number;
}

export interface GunzipOptions {
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
  /** Called once after the whole stream was read and checked. */
  readonly onEnd?: (end: GunzipEnd) => void;
}

async function trailingNonZero(
  absPath: string,
  from: number,
): Promise<{ bytes: number; firstNonZero: number }> {
  let off = from;
  let first = -1;
  let bytes = 0;
  for await (const c of createReadStream(absPath, {
    start: from,
    highWaterMark: 1 << 16,
  }) as AsyncIterable<Buffer>) {
    if (first < 0) {
      const i = c.findIndex((b) => b !== 0);
      if (i >= 0) first = off + i;
    }
    off += c.length;
    bytes += c.length;
  }
  return { bytes, firstNonZero: first };
}

/** The decompressed bytes of a gzip file. Throws `ArchiveError` on damage, truncation or an expansion bomb. */
export async function* gunzipFile(absPath: string, opts: GunzipOptions): AsyncGenerator<Buffer> {
  const size = (await stat(absPath)).size;
  let fed = 0;
  let expanded = 0;
  const input = createReadStream(absPath, { highWaterMark: 1 << 16 });
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      fed += chunk.length;
      cb(null, chunk);
    },
  });
  const gunzip = createGunzip();
  const out = pipeline(input, counter, gunzip, () => {});
  try {
    for await (const chunk of out as AsyncIterable<Buffer>) {
      expanded += chunk.length;
      if (expanded > opts.ratioFloorBytes && expanded > opts.maxRatio * Math.max(fed, 1))
        throw new ArchiveError(
          `gzip expansion ratio over ${opts.maxRatio}:1 (${expanded} bytes out of at most ${fed} compressed bytes, past the first ${formatBytes(opts.ratioFloorBytes)}): refused as a compression bomb`,
          `compressed byte ${fed} of ${size}`,
        );
      yield chunk;
    }
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'Z_BUF_ERROR')
      throw new ArchiveError(
        size === 0
          ? 'empty file: not a gzip stream'
          : `truncated gzip: the file ends inside the compressed stream, after ${expanded} bytes of output`,
        `end of file at byte ${size}`,
      );
    if (err.code === 'Z_DATA_ERROR') {
      const after = expanded > 0 && err.message === 'incorrect header check';
      const meaning =
        err.message === 'incorrect data check'
          ? ' (the CRC-32 stored in the gzip trailer does not match the data: the data is damaged)'
          : err.message === 'incorrect length check'
            ? ' (the length stored in the gzip trailer does not match the data)'
            : '';
      throw new (meaning ? GzipTrailerMismatch : ArchiveError)(
        after
          ? `data after the end of the gzip stream is neither another gzip member nor zero padding (${err.message})`
          : `gzip data error: ${err.message}${meaning}, after ${expanded} bytes of output`,
        `compressed input read up to byte ${fed} of ${size}`,
      );
    }
    throw new ArchiveError(
      `gzip read error: ${err.message}`,
      `compressed input read up to byte ${fed} of ${size}`,
    );
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  const consumed = gunzip.bytesWritten;
  let paddingBytes = 0;
  if (consumed < size) {
    const t = await trailingNonZero(absPath, consumed);
    if (t.firstNonZero >= 0)
      throw new ArchiveError(
        `${t.bytes} bytes after the end of the gzip stream are not zero padding: data hidden after the stream, or a damaged file`,
        `gzip stream ends at byte ${consumed}; first non-zero byte after it at ${t.firstNonZero}`,
      );
    paddingBytes = t.bytes;
  }
  opts.onEnd?.({ consumed, paddingBytes, expanded });
}
