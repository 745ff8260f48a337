/**
 * @module ingest/readers/sql
 * The SQL-dump reader module: `.sql` files, or text whose head shows dump statements.
 */
import { IngestError } from '../../../core/errors.js';
import { BinaryContentError, DECODER_LABEL, detectEncoding } from '../../encoding/detect.js';
import type { Probe, ReaderModule } from '../../source.js';
import { openSqlDump } from './reader.js';

const DUMP_HEAD =
  /^\s*(?:CREATE\s+TABLE|INSERT\s+(?:IGNORE\s+)?INTO|REPLACE\s+INTO|COPY\s+\S+.*\bFROM\s+stdin|--\s*(?:MySQL|MariaDB)\s+dump|--\s*PostgreSQL database dump|LOCK\s+TABLES|DROP\s+TABLE)/im;

function asciiHead(head: Uint8Array): string {
  return Buffer.from(head.subarray(0, 16384)).toString('latin1');
}

export const sqlReader: ReaderModule = {
  id: 'sql',
  sniff(probe: Probe) {
    const ext = probe.path.toLowerCase();
    if (ext.endsWith('.sql')) return 0.9;
    if (probe.head.subarray(0, 4096).includes(0)) {
      // UTF-16 text: look at it decoded.
      const u = Buffer.from(probe.head.subarray(0, 16384));
      const le = u[0] === 0xff && u[1] === 0xfe;
      if (le && DUMP_HEAD.test(u.subarray(2).toString('utf16le'))) return 0.6;
      return 0;
    }
    return DUMP_HEAD.test(asciiHead(probe.head)) ? 0.6 : 0;
  },
  async open(absPath, probe) {
    let encoding: ReturnType<typeof detectEncoding>;
    try {
      encoding = detectEncoding(probe.head, probe.complete);
    } catch (e) {
      if (e instanceof BinaryContentError) {
        throw new IngestError(`${probe.path}: ${e.message}; not read as an SQL dump`, {
          details: { offset: e.offset },
        });
      }
      throw e;
    }
    const head = new TextDecoder(DECODER_LABEL[encoding.encoding]).decode(
      probe.head.subarray(encoding.bomLength),
    );
    return openSqlDump(absPath, probe.path, encoding, head);
  },
};
