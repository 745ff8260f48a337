/**
 * @module demo/sink
 * Streaming, encoding file writer: lines are collected into chunks of about 256 K UTF-16 code units, each chunk
 * is encoded to the target encoding and written; nothing larger than one chunk is ever held in memory.
 * Chunks end at line ends, so no character is ever split between two chunks.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { encodeGb18030 } from './gb18030.js';

export type DemoEncoding = 'gb18030' | 'utf-8' | 'utf-8-bom' | 'utf-16le';

const CHUNK_CHARS = 1 << 18;

function encode(text: string, encoding: DemoEncoding): Buffer {
  switch (encoding) {
    case 'gb18030':
      return encodeGb18030(text);
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    default:
      return Buffer.from(text, 'utf8');
  }
}

function bom(encoding: DemoEncoding): Buffer {
  if (encoding === 'utf-8-bom') return Buffer.from([0xef, 0xbb, 0xbf]);
  if (encoding === 'utf-16le') return Buffer.from([0xff, 0xfe]);
  return Buffer.alloc(0);
}

export class EncodedSink {
  private readonly fh: FileHandle;
  private readonly encoding: DemoEncoding;
  private parts: string[] = [];
  private chars = 0;
  private bytes = 0;

  private constructor(fh: FileHandle, encoding: DemoEncoding) {
    this.fh = fh;
    this.encoding = encoding;
  }

  static async open(path: string, encoding: DemoEncoding): Promise<EncodedSink> {
    const sink = new EncodedSink(await open(path, 'w'), encoding);
    const mark = bom(encoding);
    if (mark.length > 0) await sink.writeBytes(mark);
    return sink;
  }

  /** Queues text (whole lines with their line ends). Call `flushIfFull()` after each record. */
  push(text: string): void {
    this.parts.push(text);
    this.chars += text.length;
  }

  get full(): boolean {
    return this.chars >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    await this.writeBytes(encode(text, this.encoding));
  }

  /** Flushes and closes; returns the file size in bytes. */
  async close(): Promise<number> {
    try {
      await this.flush();
    } finally {
      await this.fh.close();
    }
    return this.bytes;
  }

  private async writeBytes(buf: Buffer): Promise<void> {
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await this.fh.write(buf, off, buf.length - off);
      off += bytesWritten;
    }
    this.bytes += buf.length;
  }
}
