/**
 * @module ingest/readers/sql/text-stream
 * Streams a text file as decoded chunks (never as whole lines: one SQL statement or one minified JSON array may be
 * a single line of gigabytes), and tells where each line starts in bytes, so that a later pass can seek to a line.
 * Shared by the SQL-dump and JSON readers.
 *
 * Line numbering is that of `encoding/lines.ts`: lines end at LF (a CR before it is ordinary text to the parsers,
 * which treat it as white space); text after the last LF is one more line.
 * A LF byte is never part of a multi-byte character in UTF-8, GB18030 or Big5, and WHATWG decoders give an ASCII
 * byte back after an invalid sequence, so the n-th '\n' in the decoded text is the n-th LF byte (UTF-16: the n-th
 * aligned 0x000A unit).
 */
import { createReadStream } from 'node:fs';
import { DECODER_LABEL, type EncodingGuess } from '../../encoding/detect.js';

export interface TextChunk {
  readonly text: string;
  /** Absolute byte offsets of the line starts that follow each line feed found in this chunk's bytes, in order. */
  readonly lineStarts: readonly number[];
}

export interface TextStreamOptions {
  /** Byte offset to start at (a line start); defaults to just after the byte-order mark. */
  readonly start?: number;
  /** Collect `lineStarts` (costs a scan of the bytes). */
  readonly trackLines?: boolean;
  readonly chunkBytes?: number;
}

/** Yields decoded text chunks of a file from a line start. */
export async function* readTextChunks(
  path: string,
  guess: EncodingGuess,
  opts: TextStreamOptions = {},
): AsyncGenerator<TextChunk> {
  const start = opts.start ?? guess.bomLength;
  const decoder = new TextDecoder(DECODER_LABEL[guess.encoding], { fatal: false, ignoreBOM: true });
  const stream = createReadStream(path, { flags: 'r', start, highWaterMark: opts.chunkBytes ?? 1 << 20 });
  const utf16 = guess.encoding === 'utf-16le' ? 1 : guess.encoding === 'utf-16be' ? 2 : 0;
  const track = opts.trackLines ?? false;
  let offset = start;
  // UTF-16: the first byte of a unit split across two chunks.
  let pendingByte = -1;
  const none: number[] = [];
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let lineStarts: number[] = none;
      if (track) {
        lineStarts = [];
        if (utf16 === 0) {
          let i = chunk.indexOf(10);
          while (i !== -1) {
            lineStarts.push(offset + i + 1);
            i = chunk.indexOf(10, i + 1);
          }
        } else {
          // Units start at even distances from `start` (the BOM and every line start are unit-aligned).
          let i = 0;
          if (pendingByte >= 0 && chunk.length > 0) {
            const lo = utf16 === 1 ? pendingByte : chunk[0]!;
            const hi = utf16 === 1 ? chunk[0]! : pendingByte;
            if (lo === 10 && hi === 0) lineStarts.push(offset + 1);
            i = 1;
            pendingByte = -1;
          }
          for (; i + 1 < chunk.length; i += 2) {
            const lo = utf16 === 1 ? chunk[i]! : chunk[i + 1]!;
            const hi = utf16 === 1 ? chunk[i + 1]! : chunk[i]!;
            if (lo === 10 && hi === 0) lineStarts.push(offset + i + 2);
          }
          if (i < chunk.length) pendingByte = chunk[i]!;
        }
      }
      offset += chunk.length;
      const text = decoder.decode(chunk, { stream: true });
      yield { text, lineStarts };
    }
    const tail = decoder.decode();
    if (tail.length > 0) yield { text: tail, lineStarts: none };
  } finally {
    stream.destroy();
  }
}

/**
 * Follows line numbers and line-start byte offsets through text that a parser has consumed.
 * `consume(text, from, to)` must be called on consecutive ranges of the decoded stream.
 */
export class LineTracker {
  /** Current (1-based) line number. */
  line: number;
  /** Byte offset where the current line starts (only when line starts are fed). */
  lineStart: number;
  private starts: number[] = [];
  private head = 0;

  constructor(line = 1, lineStart = 0) {
    this.line = line;
    this.lineStart = lineStart;
  }

  feedLineStarts(starts: readonly number[]): void {
    if (starts.length === 0) return;
    if (this.head > 4096 && this.head * 2 > this.starts.length) {
      this.starts = this.starts.slice(this.head);
      this.head = 0;
    }
    for (const s of starts) this.starts.push(s);
  }

  /** Called for every line feed crossed; advances the line and its start offset. */
  newline(): void {
    this.line++;
    if (this.head < this.starts.length) this.lineStart = this.starts[this.head++]!;
  }
}
