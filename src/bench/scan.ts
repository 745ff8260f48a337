/**
 * @module bench/scan
 * One pass over an evidence file before the timed runs: its size, its `\n` bytes (what `wc -l` counts), its line
 * ends counted in code units of its encoding (bytes, or UTF-16 units), and whether DuckDB's Latin-1 decoder would
 * refuse it. The baselines are checked against these figures, and the pass warms the page cache for all tools.
 */
import { createReadStream } from 'node:fs';
import type { DemoEncoding } from '../demo/sink.js';
import type { LineFile } from '../engine/duckdb/distinct-lines.js';

export interface FileScan {
  readonly bytes: number;
  /** Bytes 0x0A anywhere (in UTF-16 also inside characters such as U+4E0A): `wc -l`. */
  readonly lfBytes: number;
  /** Line feeds, carriage returns and CR LF pairs as code units of the file's encoding. */
  readonly lf: number;
  readonly cr: number;
  readonly crlf: number;
  /** The last code unit is a line feed (or the file is empty). */
  readonly endsWithLf: boolean;
  /** Holds a byte 0x80–0x9F, which DuckDB's Latin-1 decoder refuses. */
  readonly c1: boolean;
}

/** Scan state over a stream of chunks; `unit` is 1 (bytes) or 2 (UTF-16LE units, the BOM already skipped). */
export class Scanner {
  private bytes = 0;
  private lfBytes = 0;
  private lf = 0;
  private cr = 0;
  private crlf = 0;
  private c1 = false;
  /** The last complete code unit seen, -1 before the first. */
  private last = -1;
  /** The first byte of a UTF-16 unit split across chunks, -1 when none. */
  private pending = -1;

  constructor(private readonly unit: 1 | 2) {}

  /** Bytes that belong to the file but not to its text (a byte order mark). */
  addBytes(n: number): void {
    this.bytes += n;
  }

  push(b: Buffer): void {
    if (b.length === 0) return;
    this.bytes += b.length;
    let lfBytes = 0;
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lfBytes++;
    this.lfBytes += lfBytes;
    if (this.unit === 1) this.pushBytes(b, lfBytes);
    else this.pushUtf16(b);
  }

  private pushBytes(b: Buffer, lfBytes: number): void {
    if (!this.c1 && /[\x80-\x9f]/u.test(b.toString('latin1'))) this.c1 = true;
    this.lf += lfBytes;
    if (this.last === 13 && b[0] === 10) this.crlf++;
    for (let i = b.indexOf(13); i !== -1; i = b.indexOf(13, i + 1)) {
      this.cr++;
      if (b[i + 1] === 10) this.crlf++;
    }
    this.last = b[b.length - 1]!;
  }

  private pushUtf16(b: Buffer): void {
    let i = 0;
    let last = this.last;
    const take = (u: number): void => {
      if (u === 10) {
        this.lf++;
        if (last === 13) this.crlf++;
      } else if (u === 13) this.cr++;
      last = u;
    };
    if (this.pending !== -1) {
      take(this.pending | (b[0]! << 8));
      this.pending = -1;
      i = 1;
    }
    for (; i + 1 < b.length; i += 2) take(b[i]! | (b[i + 1]! << 8));
    if (i < b.length) this.pending = b[i]!;
    this.last = last;
  }

  result(): FileScan {
    return {
      bytes: this.bytes,
      lfBytes: this.lfBytes,
      lf: this.lf,
      cr: this.cr,
      crlf: this.crlf,
      endsWithLf: this.last === -1 || this.last === 10,
      c1: this.c1,
    };
  }
}

const BOM_BYTES: Readonly<Record<DemoEncoding, number>> = {
  'utf-8': 0,
  'utf-8-bom': 3,
  gb18030: 0,
  'utf-16le': 2,
};

export async function scanFile(path: string, encoding: DemoEncoding): Promise<FileScan> {
  const s = new Scanner(encoding === 'utf-16le' ? 2 : 1);
  const bom = BOM_BYTES[encoding];
  let skipped = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (skipped < bom) {
      // The BOM is not a code unit of the text; it still counts towards the bytes.
      const n = Math.min(bom - skipped, chunk.length);
      skipped += n;
      s.addBytes(n);
      s.push(chunk.subarray(n));
    } else s.push(chunk);
  }
  return s.result();
}

/**
 * How DuckDB's reader has to read a file so that its lines are the file's lines: the encoding (GB18030 as
 * Latin-1, byte for byte) and the line end. A string says why no setting reads it line for line.
 */
export function duckdbReading(path: string, encoding: DemoEncoding, scan: FileScan): LineFile | string {
  const enc = encoding === 'utf-16le' ? 'utf-16' : encoding === 'gb18030' ? 'latin-1' : 'utf-8';
  if (enc === 'latin-1' && scan.c1) return `${path}: bytes 0x80–0x9F, which DuckDB's Latin-1 decoder refuses`;
  if (scan.cr === 0) return { path, encoding: enc, newline: '\n' };
  if (scan.cr === scan.crlf && scan.crlf === scan.lf) return { path, encoding: enc, newline: '\r\n' };
  return `${path}: mixed line ends (${scan.lf} LF, ${scan.cr} CR, ${scan.crlf} CR LF); DuckDB would split at every CR`;
}

/** The lines DuckDB reads from a file read as `duckdbReading` says (an unterminated last line counts). */
export function expectedLines(scan: FileScan): number {
  return scan.lf + (scan.endsWithLf ? 0 : 1);
}
