/**
 * @module ingest/readers/delimited
 * The delimited-text reader module: the fallback for any text file (CSV, TSV, TXT dumps).
 */
import { IngestError } from '../../../core/errors.js';
import { BinaryContentError, detectEncoding } from '../../encoding/detect.js';
import type { ReaderModule } from '../../source.js';
import { openDelimited } from './reader.js';

export const delimitedReader: ReaderModule = {
  id: 'delimited',
  // Any file may be text: a low, non-zero score so that format-specific readers win when they recognise a file.
  sniff: () => 0.1,
  async open(absPath, probe, hints, opts) {
    let encoding: ReturnType<typeof detectEncoding>;
    try {
      encoding = detectEncoding(probe.head, probe.complete);
    } catch (e) {
      if (e instanceof BinaryContentError) {
        throw new IngestError(`${probe.path}: ${e.message}; not read as a text dump`, {
          details: { offset: e.offset },
        });
      }
      throw e;
    }
    return [
      await openDelimited(absPath, probe.path, encoding, hints, {
        ...(opts.delimiter !== undefined ? { delimiter: opts.delimiter } : {}),
      }),
    ];
  },
};
