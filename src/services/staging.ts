/**
 * @module services/staging
 * Buffered writer for staging files (one TSV row per valid record). Each row is one string, encoded as UTF-8 into
 * a byte buffer (measured faster than encoding it piece by piece), which is flushed in large chunks with
 * backpressure.
 */

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

const BUFFER_BYTES = 1 << 20;
/** Flush when less than this is free: a row larger than what is left is written by the slow path. */
const FLUSH_MARGIN = 64 * 1024;

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

  /** Appends a whole row, its newline included. */
  putRow(row: string): void {
    // A UTF-16 unit takes at most 3 UTF-8 bytes (a surrogate pair, 2 units, takes 4).
    if (this.#off + row.length * 3 > this.#buf.length) this.#spill(row);
    else this.#off += this.#buf.write(row, this.#off, 'utf8');
    this.rows++;
  }

  /** A row too large for the free space: encoded on its own, the buffer grown when it does not fit. */
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
