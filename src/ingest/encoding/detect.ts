/**
 * @module ingest/encoding/detect
 * Decides the text encoding of an evidence item from a byte sample, with a confidence and the evidence used.
 * Order (forensic-practice.md §5, stack-facts.md §3): byte-order mark → UTF-16 without BOM (NUL pattern) →
 * binary check → strict UTF-8 → GB18030 vs Big5 (statistical, chardet) with strict-decode checks.
 * GBK is decoded with the `gb18030` label: Node 20's `gbk` decoder is ICU's and mis-decodes 4-byte sequences.
 */
import chardet from 'chardet';

export type EncodingLabel = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'big5' | 'utf-16le' | 'utf-16be';

export interface EncodingGuess {
  readonly encoding: EncodingLabel;
  /** 0–1. 1 = certain (BOM, or strict UTF-8 with non-ASCII content). */
  readonly confidence: number;
  /** Bytes of byte-order mark to skip. */
  readonly bomLength: number;
  /** Human-readable reason for the decision. */
  readonly evidence: string;
}

export class BinaryContentError extends Error {
  readonly offset: number;
  constructor(offset: number, detail: string) {
    super(`binary content, not text (${detail} at byte ${offset})`);
    this.name = 'BinaryContentError';
    this.offset = offset;
  }
}

/** The WHATWG decoder label for each encoding (what `TextDecoder` is given). */
export const DECODER_LABEL: Readonly<Record<EncodingLabel, string>> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  gb18030: 'gb18030',
  big5: 'big5',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** Length of the longest prefix of `b` that does not end inside a UTF-8 multi-byte sequence. */
function utf8CompletePrefix(b: Uint8Array): number {
  let i = b.length - 1;
  let back = 0;
  while (i >= 0 && back < 4 && (b[i]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return b.length;
  const lead = b[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > back + 1 ? i : b.length;
}

function strictDecodes(label: string, bytes: Uint8Array): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Counts NUL bytes at even and odd offsets in the first 8 KiB. */
function nulPattern(b: Uint8Array): { even: number; odd: number; pairs: number; firstNul: number } {
  const n = Math.min(b.length, 8192) & ~1;
  let even = 0;
  let odd = 0;
  let firstNul = -1;
  for (let i = 0; i < n; i++) {
    if (b[i] === 0) {
      if (firstNul < 0) firstNul = i;
      if (i & 1) odd++;
      else even++;
    }
  }
  if (firstNul < 0) firstNul = b.indexOf(0);
  return { even, odd, pairs: n / 2, firstNul };
}

function hasNonAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return true;
  return false;
}

/** Share of control bytes other than TAB/LF/CR/FF/ESC in a sample: high values mean binary. */
function controlShare(b: Uint8Array): { share: number; first: number } {
  const n = Math.min(b.length, 65536);
  let c = 0;
  let first = -1;
  for (let i = 0; i < n; i++) {
    const x = b[i]!;
    if (x < 0x20 && x !== 9 && x !== 10 && x !== 13 && x !== 12 && x !== 27) {
      c++;
      if (first < 0) first = i;
    }
  }
  return { share: n === 0 ? 0 : c / n, first };
}

/**
 * Guess the encoding of a file from its first bytes.
 * @param sample the first bytes of the file (64 KiB is plenty)
 * @param complete true when the sample is the whole file (no cut multi-byte sequence at its end)
 * @throws BinaryContentError when the sample is not text in any supported encoding
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): EncodingGuess {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf-8-bom', confidence: 1, bomLength: 3, evidence: 'UTF-8 byte-order mark EF BB BF' };
  }
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) {
    return { encoding: 'utf-16le', confidence: 1, bomLength: 2, evidence: 'UTF-16LE byte-order mark FF FE' };
  }
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) {
    return { encoding: 'utf-16be', confidence: 1, bomLength: 2, evidence: 'UTF-16BE byte-order mark FE FF' };
  }
  const nul = nulPattern(sample);
  if (nul.pairs >= 8) {
    // ASCII-range text in UTF-16 has a NUL in every other byte; CJK text has fewer, but line ends and digits still do.
    if (
      nul.odd / nul.pairs > 0.2 &&
      nul.even / nul.pairs < 0.02 &&
      strictDecodes('utf-16le', sample.subarray(0, nul.pairs * 2))
    ) {
      return {
        encoding: 'utf-16le',
        confidence: Math.min(0.95, 0.5 + nul.odd / nul.pairs),
        bomLength: 0,
        evidence: `no BOM; NUL in ${nul.odd} of ${nul.pairs} odd byte positions, ${nul.even} even`,
      };
    }
    if (
      nul.even / nul.pairs > 0.2 &&
      nul.odd / nul.pairs < 0.02 &&
      strictDecodes('utf-16be', sample.subarray(0, nul.pairs * 2))
    ) {
      return {
        encoding: 'utf-16be',
        confidence: Math.min(0.95, 0.5 + nul.even / nul.pairs),
        bomLength: 0,
        evidence: `no BOM; NUL in ${nul.even} of ${nul.pairs} even byte positions, ${nul.odd} odd`,
      };
    }
  }
  if (nul.firstNul >= 0) throw new BinaryContentError(nul.firstNul, 'NUL byte');
  const ctl = controlShare(sample);
  if (ctl.share > 0.05)
    throw new BinaryContentError(ctl.first, `${(ctl.share * 100).toFixed(1)} % control bytes`);

  const utf8Part = complete ? sample : sample.subarray(0, utf8CompletePrefix(sample));
  if (strictDecodes('utf-8', utf8Part)) {
    return hasNonAscii(sample)
      ? {
          encoding: 'utf-8',
          confidence: 1,
          bomLength: 0,
          evidence: 'strict UTF-8 decode of the sample succeeded, non-ASCII text present',
        }
      : {
          encoding: 'utf-8',
          confidence: 0.9,
          bomLength: 0,
          evidence: 'ASCII only (valid as UTF-8, GB18030 and Big5 alike)',
        };
  }
  const tally = utf8Tally(utf8Part);
  if (tally.valid > 0 && tally.valid >= 2 * tally.invalid) {
    return {
      encoding: 'utf-8',
      confidence: 0.8,
      bomLength: 0,
      evidence: `UTF-8 with ${tally.invalid} invalid byte(s) among ${tally.valid} valid multi-byte sequences in the sample (reported per line)`,
    };
  }
  return guessLegacyCjk(sample, complete);
}

/** Counts well-formed UTF-8 multi-byte sequences and bytes that cannot start or continue one. */
function utf8Tally(b: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  while (i < b.length) {
    const x = b[i]!;
    if (x < 0x80) {
      i++;
      continue;
    }
    const need = x >= 0xc2 && x <= 0xdf ? 1 : x >= 0xe0 && x <= 0xef ? 2 : x >= 0xf0 && x <= 0xf4 ? 3 : -1;
    let ok = need > 0 && i + need < b.length + 0;
    for (let k = 1; ok && k <= need; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

function guessLegacyCjk(sample: Uint8Array, complete: boolean): EncodingGuess {
  // A cut at the end of the sample may split a double-byte character: drop the last 4 bytes for strict checks.
  const body = complete ? sample : sample.subarray(0, Math.max(0, sample.length - 4));
  const gbOk = strictDecodes('gb18030', body);
  const big5Ok = strictDecodes('big5', body);
  let gbConf = 0;
  let big5Conf = 0;
  for (const m of chardet.analyse(sample)) {
    const name = m.name.toUpperCase();
    if ((name === 'GB18030' || name === 'GBK' || name === 'GB2312') && m.confidence > gbConf)
      gbConf = m.confidence;
    if (name === 'BIG5' && m.confidence > big5Conf) big5Conf = m.confidence;
  }
  if (big5Ok && (!gbOk || big5Conf > gbConf)) {
    return {
      encoding: 'big5',
      confidence: Math.max(0.5, Math.min(0.99, big5Conf / 100)),
      bomLength: 0,
      evidence: `not UTF-8; strict Big5 decode ${big5Ok ? 'succeeded' : 'failed'}, GB18030 ${gbOk ? 'succeeded' : 'failed'}; statistical score Big5 ${big5Conf} vs GB18030 ${gbConf}`,
    };
  }
  return {
    encoding: 'gb18030',
    confidence: gbOk ? Math.max(0.6, Math.min(0.99, gbConf / 100)) : 0.3,
    bomLength: 0,
    evidence: gbOk
      ? `not UTF-8; strict GB18030 decode succeeded; statistical score GB18030 ${gbConf} vs Big5 ${big5Conf}`
      : 'not UTF-8, and not cleanly GB18030 either: decoded as GB18030 with replacement characters (see line warnings)',
  };
}
