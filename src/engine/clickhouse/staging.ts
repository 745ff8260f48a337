/**
 * @module engine/clickhouse/staging
 * Turns staging files (engine.ts `STAGING_COLUMNS`: raw tab-separated text, no quoting, no escapes) into
 * ClickHouse `TabSeparated` input that ClickHouse reads as exactly the values DuckDB's `read_csv` reads.
 *
 * ClickHouse's TabSeparated *un-escapes* backslash sequences (`\t`, `\\`, `\x41`, `\N` = NULL …) while the staging
 * format is raw: keys hold literal backslashes (`escapeKeyPart` writes `\x09` as four characters). So every
 * backslash is doubled here, so a field of exactly `\N` arrives as that text (not NULL), as DuckDB reads it too.
 * What DuckDB would read differently or not at all is refused with the file and line, never passed on: a carriage
 * return (DuckDB rejects it), integers that are not plain `-?digits` in range, a wrong number of fields, and
 * invalid UTF-8. Like DuckDB, blank lines are skipped, a missing final newline is fine and a UTF-8 BOM at the start
 * of a file is ignored.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { ForensicError } from '../../core/errors.js';
import { STAGING_COLUMNS } from '../engine.js';

const ROW = /^(-?\d{1,10})\t(-?\d{1,10})\t(-?\d{1,19})\t[^\t]*\t[^\t]*\t[^\t]*$/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

export interface StagingCounter {
  rows: number;
}

function refuse(file: string, line: number, why: string): never {
  throw new ForensicError('ENGINE', `staging file ${basename(file)}, line ${line}: ${why}`, {
    details: { file, line },
  });
}

function inInt64(s: string): boolean {
  if (s.length < 18) return true;
  const v = BigInt(s);
  return v >= INT64_MIN && v <= INT64_MAX;
}

/** Validates one non-blank staging line; throws with the reason when DuckDB would read it differently. */
export function checkStagingLine(text: string, file: string, lineNo: number): void {
  const m = ROW.exec(text);
  if (!m) {
    const fields = text.split('\t');
    if (fields.length !== STAGING_COLUMNS.length) {
      refuse(file, lineNo, `${fields.length} fields, expected ${STAGING_COLUMNS.length}`);
    }
    const bad = fields.slice(0, 3).findIndex((f, i) => !(i < 2 ? /^-?\d{1,10}$/ : /^-?\d{1,19}$/).test(f));
    refuse(file, lineNo, `${STAGING_COLUMNS[Math.max(0, bad)]![0]} is not a plain integer in range`);
  }
  const h = Number(m[1]);
  const it = Number(m[2]);
  if (h < INT32_MIN || h > INT32_MAX) refuse(file, lineNo, 'holder is outside INTEGER range');
  if (it < INT32_MIN || it > INT32_MAX) refuse(file, lineNo, 'item is outside INTEGER range');
  if (!inInt64(m[3]!)) refuse(file, lineNo, 'line is outside BIGINT range');
}

/**
 * Yields ClickHouse TabSeparated bytes for the staging files, in order, and counts the rows in `counter`.
 * Memory stays at about one read chunk.
 */
export async function* stagingAsClickHouseTsv(
  files: readonly string[],
  counter: StagingCounter,
): AsyncGenerator<Buffer> {
  for (const file of files) {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    let carry = '';
    let lineNo = 0;
    const convert = (text: string, final: boolean): Buffer | null => {
      const out: string[] = [];
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0 && !final) break;
        const end = nl < 0 ? text.length : nl;
        const line = text.slice(start, end);
        lineNo++;
        if (line.length > 0) {
          if (line.includes('\r')) refuse(file, lineNo, 'carriage return (staging lines end with \\n only)');
          checkStagingLine(line, file, lineNo);
          out.push(line);
        }
        if (nl < 0) {
          start = text.length;
          break;
        }
        start = nl + 1;
      }
      carry = text.slice(start);
      if (out.length === 0) return null;
      counter.rows += out.length;
      out.push('');
      return Buffer.from(out.join('\n').replaceAll('\\', '\\\\'), 'utf8');
    };
    const stream = createReadStream(file, { highWaterMark: 1 << 20 });
    // Read errors (a missing file…) must name the file, not surface as a broken upload.
    const chunks = (async function* () {
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
      } catch (e) {
        throw new ForensicError(
          'ENGINE',
          `staging file ${basename(file)}: cannot be read: ${(e as Error).message}`,
          {
            cause: e,
            details: { file },
          },
        );
      }
    })();
    try {
      for await (const chunk of chunks) {
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch (e) {
          refuse(file, lineNo + 1, `invalid UTF-8 (${(e as Error).message})`);
        }
        const buf = convert(carry + text, false);
        if (buf) yield buf;
      }
      let rest: string;
      try {
        rest = decoder.decode();
      } catch (e) {
        refuse(file, lineNo + 1, `invalid UTF-8 at the end (${(e as Error).message})`);
      }
      const buf = convert(carry + rest, true);
      if (buf) yield buf;
    } finally {
      stream.destroy();
    }
  }
}
