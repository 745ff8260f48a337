/**
 * @module ingest/archives/byte-reader
 * Pull-style reading of exact byte counts from a stream of chunks, keeping the absolute position (for tar
 * headers, 7z member splitting and error messages).
 */

export class ByteReader {
  readonly #it: AsyncIterator<Buffer>;
  #buf: Buffer = Buffer.alloc(0);
  #done = false;
  /** Bytes consumed so far (the offset of the next byte `read` returns). */
  position = 0;

  constructor(source: AsyncIterable<Buffer>) {
    this.#it = source[Symbol.asyncIterator]();
  }

  async #fill(): Promise<boolean> {
    if (this.#done) return false;
    const r = await this.#it.next();
    if (r.done) {
      this.#done = true;
      return false;
    }
    const chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk]);
    return true;
  }

  /** Up to `n` bytes: fewer only at the end of the stream. */
  async read(n: number): Promise<Buffer> {
    while (this.#buf.length < n) if (!(await this.#fill())) break;
    const take = Math.min(n, this.#buf.length);
    const out = this.#buf.subarray(0, take);
    this.#buf = this.#buf.subarray(take);
    this.position += take;
    return out;
  }

  /**
   * Streams the next `n` bytes in chunks as they arrive; stops early only at the end of the stream (the caller
   * compares what it got with `n`).
   */
  async *take(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.#buf.length === 0 && !(await this.#fill())) return;
      const k = Math.min(left, this.#buf.length);
      const out = this.#buf.subarray(0, k);
      this.#buf = this.#buf.subarray(k);
      this.position += k;
      left -= k;
      yield out;
    }
  }

  /** Skips up to `n` bytes; returns how many were skipped (fewer only at the end of the stream). */
  async skip(n: number): Promise<number> {
    let skipped = 0;
    for await (const c of this.take(n)) skipped += c.length;
    return skipped;
  }

  /** Reads to the end, calling `each` per chunk; returns the byte count. */
  async drain(each: (chunk: Buffer) => void): Promise<number> {
    let n = 0;
    for (;;) {
      if (this.#buf.length === 0 && !(await this.#fill())) return n;
      each(this.#buf);
      n += this.#buf.length;
      this.position += this.#buf.length;
      this.#buf = Buffer.alloc(0);
    }
  }

  /** Stops the underlying stream (when the caller gives up early). */
  async close(): Promise<void> {
    if (!this.#done) {
      this.#done = true;
      await this.#it.return?.();
    }
  }
}
