/**
 * @module services/staging
 * Buffered writer for staging files (one TSV row per valid record), flushed in large chunks with backpressure.
 */

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

const FLUSH_CHARS = 1 << 20;

export class StagingWriter {
  readonly path: string;
  readonly #stream: WriteStream;
  #buf: string[] = [];
  #chars = 0;
  rows = 0;

  constructor(path: string) {
    this.path = path;
    this.#stream = createWriteStream(path, { flags: 'w', encoding: 'utf8' });
  }

  /** Adds one row; call `await flushIfFull()` regularly. */
  add(line: string): void {
    this.#buf.push(line);
    this.#chars += line.length;
    this.rows++;
  }

  get full(): boolean {
    return this.#chars >= FLUSH_CHARS;
  }

  async flush(): Promise<void> {
    if (this.#buf.length === 0) return;
    const text = this.#buf.join('');
    this.#buf = [];
    this.#chars = 0;
    if (!this.#stream.write(text)) await once(this.#stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.#stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
  }
}
