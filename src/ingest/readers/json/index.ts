/**
 * @module ingest/readers/json
 * JSON and NDJSON reader modules (see reader.ts for the record and line accounting).
 */
import { IngestError } from '../../../core/errors.js';
import {
  BinaryContentError,
  DECODER_LABEL,
  detectEncoding,
  type EncodingGuess,
} from '../../encoding/detect.js';
import type { Probe, ReaderModule } from '../../source.js';
import { openJson, openNdjson } from './reader.js';

function decodeHead(probe: Probe): { encoding: EncodingGuess; head: string } {
  let encoding: EncodingGuess;
  try {
    encoding = detectEncoding(probe.head, probe.complete);
  } catch (e) {
    if (e instanceof BinaryContentError) {
      throw new IngestError(`${probe.path}: ${e.message}; not read as JSON`, {
        details: { offset: e.offset },
      });
    }
    throw e;
  }
  const head = new TextDecoder(DECODER_LABEL[encoding.encoding]).decode(
    probe.head.subarray(encoding.bomLength),
  );
  return { encoding, head };
}

function headText(probe: Probe): string {
  const b = Buffer.from(probe.head.subarray(0, 8192));
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  return b.toString('utf8').replace(/^\uFEFF/, '');
}

/** Two or more lines that each hold one complete JSON object. */
function looksNdjson(text: string): boolean {
  const lines = text
    .split('\n')
    .slice(0, 5)
    .map((l) => l.trim());
  const full = lines.slice(0, -1).filter((l) => l.length > 0);
  if (full.length < 2) return false;
  return full.every((l) => {
    if (!l.startsWith('{') || !l.endsWith('}')) return false;
    try {
      JSON.parse(l);
      return true;
    } catch {
      return false;
    }
  });
}

export const ndjsonReader: ReaderModule = {
  id: 'ndjson',
  sniff(probe) {
    const p = probe.path.toLowerCase();
    if (p.endsWith('.ndjson') || p.endsWith('.jsonl')) return 0.9;
    if (p.endsWith('.json')) return looksNdjson(headText(probe)) ? 0.91 : 0;
    return looksNdjson(headText(probe)) ? 0.55 : 0;
  },
  async open(absPath, probe) {
    const { encoding } = decodeHead(probe);
    return [await openNdjson(absPath, probe.path, encoding)];
  },
};

export const jsonReader: ReaderModule = {
  id: 'json',
  sniff(probe) {
    if (probe.path.toLowerCase().endsWith('.json')) return 0.9;
    const t = headText(probe).trimStart();
    return /^\[\s*(?:[{["\]]|$)/.test(t) || /^\{\s*"/.test(t) ? 0.5 : 0;
  },
  async open(absPath, probe) {
    const { encoding, head } = decodeHead(probe);
    return openJson(absPath, probe.path, encoding, head);
  },
};
