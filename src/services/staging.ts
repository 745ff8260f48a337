/**
 * @module services/staging
 * Buffered writer for staging files (one TSV row per valid record). Rows are encoded as UTF-8 straight into a
 * byte buffer piece by piece (no row strings are built), which is flushed in large chunks with backpressure.
 */

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

const BUFFER_BYTES = 1 << 20;
/** Flush when less than this is free: a piece larger than what is left is written by the slow path. */
const FLUSH_MARGIN = 64 * 1024;
/** Pieces longer than this are encoded natively (a call costs more than a short loop). */
const LONG_PIECE = 24;

export class StagingWriter {
  readonly path: string;
  readonly #stream: WriteStream;
  #buf = Buffer.allocUnsafe(BUFFER_BYTES);
  #off = 0;
  rows = 0;

  constructor(path: string) {
    this.path = path;
    this.#stream = createWriteStream(path, { flags: 'w' });
  }

  /** Appends a piece of the current row; `endRow()` finishes it. */
  put(s: string): void {
    const n = s.length;
    if (this.#off + n * 3 > this.#buf.length) {
      this.#spill(s);
      return;
    }
    const buf = this.#buf;
    if (n > LONG_PIECE) {
      this.#off += buf.write(s, this.#off, 'utf8');
      return;
    }
    let o = this.#off;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) buf[o++] = c;
      else if (c < 0x800) {
        buf[o++] = 0xc0 | (c >> 6);
        buf[o++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const lo = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
          i++;
          buf[o++] = 0xf0 | (c >> 18);
          buf[o++] = 0x80 | ((c >> 12) & 0x3f);
          buf[o++] = 0x80 | ((c >> 6) & 0x3f);
          buf[o++] = 0x80 | (c & 0x3f);
        } else {
          // A lone surrogate is written as U+FFFD, as Buffer and TextEncoder do.
          buf[o++] = 0xef;
          buf[o++] = 0xbf;
          buf[o++] = 0xbd;
        }
      } else {
        buf[o++] = 0xe0 | (c >> 12);
        buf[o++] = 0x80 | ((c >> 6) & 0x3f);
        buf[o++] = 0x80 | (c & 0x3f);
      }
    }
    this.#off = o;
  }

  /** Appends a non-negative integer. */
  putInt(n: number): void {
    this.put(String(n));
  }

  /** Appends a whole row, newline included. */
  putRow(row: string): void {
    if (this.#off + row.length * 3 > this.#buf.length) this.#spill(row);
    else this.#off += this.#buf.write(row, this.#off, 'utf8');
    this.rows++;
  }

  endRow(): void {
    this.put('\n');
    this.rows++;
  }

  /** A piece too large for the free space: flush what is buffered later; encode this one on its own. */
  #spill(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    if (this.#off + bytes.length <= this.#buf.length) {
      bytes.copy(this.#buf, this.#off);
      this.#off += bytes.length;
      return;
    }
    const grown = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#off + bytes.length));
    this.#buf.copy(grown, 0, 0, this.#off);
    bytes.copy(grown, this.#off);
    this.#buf = grown;
    this.#off += bytes.length;
  }

  get full(): boolean {
    return this.#off >= this.#buf.length - FLUSH_MARGIN;
  }

  async flush(): Promise<void> {
    if (this.#off === 0) return;
    const chunk = this.#buf.subarray(0, this.#off);
    // The stream keeps the chunk until written: hand it over and take a fresh buffer.
    this.#buf = Buffer.allocUnsafe(BUFFER_BYTES);
    this.#off = 0;
    if (!this.#stream.write(chunk)) await once(this.#stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.#stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
  }
}
