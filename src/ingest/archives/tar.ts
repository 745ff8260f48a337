/**
 * @module ingest/archives/tar
 * A streaming tar reader (POSIX ustar, pax extended headers, GNU long names and base-256 sizes, old v7 headers).
 * Written here rather than taken from a package so that every error names the exact byte where the archive
 * went wrong. Every header checksum is verified; data after the end-of-archive marker must be zero padding.
 */
import { ByteReader } from './byte-reader.js';
import { decodeSingleName, decodeUtf8Strict, hex, isAscii } from './names.js';
import {
  ArchiveError,
  type ArchiveVisitor,
  type MemberHeader,
  type MemberType,
  memberPosition,
  type NameEncoding,
} from './types.js';

const BLOCK = 512;
/** GNU long names / pax headers larger than this are refused (a real path is far shorter). */
const MAX_META_BYTES = 1024 * 1024;

export interface TarResult {
  readonly members: number;
  /** Offset of the end-of-archive marker. */
  readonly endOffset: number;
  /** Zero bytes after the marker (record padding). */
  readonly paddingBytes: number;
}

function isZero(b: Buffer): boolean {
  for (const x of b) if (x !== 0) return false;
  return true;
}

function cString(b: Buffer): Buffer {
  const nul = b.indexOf(0);
  return nul < 0 ? b : b.subarray(0, nul);
}

/** Numeric header field: octal text (space/NUL terminated) or GNU base-256; null when malformed. */
export function parseNumeric(field: Buffer): number | null {
  if (field.length > 0 && (field[0]! & 0x80) !== 0) {
    if (field[0] === 0xff) return null; // negative
    let v = BigInt(field[0]! & 0x7f);
    for (let i = 1; i < field.length; i++) v = (v << 8n) | BigInt(field[i]!);
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : null;
  }
  const text = field
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .replace(/^[ ]+/, '');
  const end = text.indexOf('\0');
  const digits = end >= 0 ? text.slice(0, end) : text;
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) return null;
  const n = Number.parseInt(digits, 8);
  return Number.isSafeInteger(n) ? n : null;
}

function checksumOk(h: Buffer): boolean {
  const stored = parseNumeric(h.subarray(148, 156));
  if (stored === null) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : h[i]!;
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/** Parses pax records (`<len> <key>=<value>\n`); null when malformed. */
export function parsePax(data: Buffer): Map<string, Buffer> | null {
  const out = new Map<string, Buffer>();
  let pos = 0;
  let guard = 0;
  while (pos < data.length) {
    if (++guard > 100_000) return null;
    if (data[pos] === 0) break; // trailing NUL padding
    const sp = data.indexOf(0x20, pos);
    if (sp < 0) return null;
    const lenText = data.subarray(pos, sp).toString('latin1');
    if (!/^\d{1,9}$/.test(lenText)) return null;
    const len = Number(lenText);
    if (len <= sp - pos + 1 || pos + len > data.length || data[pos + len - 1] !== 0x0a) return null;
    const rec = data.subarray(sp + 1, pos + len - 1);
    const eq = rec.indexOf(0x3d);
    if (eq <= 0) return null;
    out.set(rec.subarray(0, eq).toString('utf8'), rec.subarray(eq + 1));
    pos += len;
  }
  return out;
}

function typeOf(flag: string, name: string): { type: MemberType; unreadable: string | null } | 'skip' {
  switch (flag) {
    case '0':
    case '\0':
    case '7':
      return { type: name.endsWith('/') && flag === '\0' ? 'dir' : 'file', unreadable: null };
    case '1':
      return { type: 'hardlink', unreadable: null };
    case '2':
      return { type: 'symlink', unreadable: null };
    case '3':
      return { type: 'char-device', unreadable: null };
    case '4':
      return { type: 'block-device', unreadable: null };
    case '5':
    case 'D':
      return { type: 'dir', unreadable: null };
    case '6':
      return { type: 'fifo', unreadable: null };
    case 'V':
      return 'skip'; // a volume label: no data
    case 'S':
      return { type: 'other', unreadable: 'GNU sparse file member: not supported' };
    case 'M':
      return { type: 'other', unreadable: 'GNU multi-volume continuation member: not supported' };
    default:
      return {
        type: 'other',
        unreadable: `unknown tar entry type '${flag.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`,
      };
  }
}

/**
 * Walks a tar stream, handing each member to the visitor. Throws an `ArchiveError` (after the members before the
 * damage were handed over) on a bad header, a truncation or non-zero data after the end-of-archive marker.
 */
export async function readTar(source: AsyncIterable<Buffer>, visitor: ArchiveVisitor): Promise<TarResult> {
  const r = new ByteReader(source);
  let index = 0;
  let longName: Buffer | null = null;
  let longLink: Buffer | null = null;
  let pax: Map<string, Buffer> | null = null;
  try {
    for (;;) {
      const at = r.position;
      const h = await r.read(BLOCK);
      if (h.length === 0)
        throw new ArchiveError(
          'the tar ends without its end-of-archive marker (two zero blocks): it is probably truncated',
          `end of data at byte ${at}, after ${index} member(s)`,
        );
      if (h.length < BLOCK)
        throw new ArchiveError(
          `truncated tar: the data ends ${h.length} bytes into a 512-byte header`,
          `header at byte ${at}, after ${index} member(s)`,
        );
      if (isZero(h)) {
        let nonZero = 0;
        let firstNonZero = -1;
        const base = r.position;
        let off = 0;
        const padding = await r.drain((c) => {
          for (let i = 0; i < c.length; i++) {
            if (c[i] !== 0) {
              if (firstNonZero < 0) firstNonZero = base + off + i;
              nonZero++;
            }
          }
          off += c.length;
        });
        if (nonZero > 0)
          throw new ArchiveError(
            `${padding} bytes after the end-of-archive marker are not zero padding (${nonZero} non-zero bytes, the first at byte ${firstNonZero}): data hidden after the archive, or a damaged archive`,
            `end-of-archive marker at byte ${at}`,
          );
        return { members: index, endOffset: at, paddingBytes: padding };
      }
      if (!checksumOk(h))
        throw new ArchiveError(
          'invalid tar header checksum: the archive is damaged here (or is not a tar)',
          `header at byte ${at}, after ${index} member(s)`,
        );
      const headerSize = parseNumeric(h.subarray(124, 136));
      if (headerSize === null)
        throw new ArchiveError('invalid size field in tar header', `header at byte ${at}`);
      const flag = String.fromCharCode(h[156]!);
      const padded = (n: number) => Math.ceil(n / BLOCK) * BLOCK;
      if (flag === 'L' || flag === 'K' || flag === 'x' || flag === 'g') {
        if (headerSize > MAX_META_BYTES)
          throw new ArchiveError(
            `tar metadata header of ${headerSize} bytes (type '${flag}') exceeds ${MAX_META_BYTES}`,
            `header at byte ${at}`,
          );
        const data = await r.read(headerSize);
        const pad = padded(headerSize) - headerSize;
        if (data.length < headerSize || (await r.skip(pad)) < pad)
          throw new ArchiveError(
            'truncated tar: the data ends inside a metadata header',
            `header at byte ${at}`,
          );
        if (flag === 'L') longName = cString(data);
        else if (flag === 'K') longLink = cString(data);
        else {
          const parsed = parsePax(data);
          if (parsed === null)
            throw new ArchiveError('malformed pax extended header', `header at byte ${at}`);
          if (flag === 'x') pax = parsed; // global ('g') headers carry defaults we do not need
        }
        continue;
      }
      const magic = h.subarray(257, 263).toString('latin1');
      const posixUstar = magic === 'ustar\0';
      let rawName = cString(h.subarray(0, 100));
      if (posixUstar) {
        const prefix = cString(h.subarray(345, 500));
        if (prefix.length > 0) rawName = Buffer.concat([prefix, Buffer.from('/'), rawName]);
      }
      if (longName) rawName = longName;
      let name: string;
      let nameEncoding: NameEncoding;
      let rawNameHex: string | null = null;
      const paxPath = pax?.get('path');
      if (paxPath !== undefined) {
        const u = decodeUtf8Strict(paxPath);
        const d =
          u !== null ? { name: u, encoding: 'utf-8 (pax header)' as const } : decodeSingleName(paxPath);
        name = d.name;
        nameEncoding = d.encoding;
        if (!isAscii(paxPath)) rawNameHex = hex(paxPath);
      } else {
        const d = decodeSingleName(rawName);
        name = d.name;
        nameEncoding = d.encoding;
        if (!isAscii(rawName)) rawNameHex = hex(rawName);
      }
      const rawLink = pax?.get('linkpath') ?? longLink ?? cString(h.subarray(157, 257));
      let size = headerSize;
      const paxSize = pax?.get('size');
      if (paxSize !== undefined) {
        const t = paxSize.toString('latin1');
        if (!/^\d{1,16}$/.test(t) || !Number.isSafeInteger(Number(t)))
          throw new ArchiveError(`invalid pax size '${t}'`, `header at byte ${at}`);
        size = Number(t);
      }
      longName = null;
      longLink = null;
      pax = null;
      const dataStart = r.position;
      const toSkip = padded(size);
      const kind = typeOf(flag, name);
      if (kind === 'skip') {
        if ((await r.skip(toSkip)) < toSkip)
          throw new ArchiveError(
            'truncated tar: the data ends inside a volume label',
            `header at byte ${at}`,
          );
        continue;
      }
      const header: MemberHeader = {
        index,
        name,
        nameEncoding,
        rawNameHex,
        type: kind.type,
        linkTarget: rawLink.length > 0 ? decodeSingleName(rawLink).name : null,
        size,
        compressedSize: null,
        offset: at,
        unreadable: kind.unreadable,
      };
      let consumed = 0;
      let opened = false;
      const open = (): AsyncIterable<Buffer> => {
        if (opened) throw new Error('member data opened twice');
        opened = true;
        return (async function* () {
          for await (const c of r.take(size)) {
            consumed += c.length;
            yield c;
          }
          if (consumed < size)
            throw new ArchiveError(
              `truncated tar: member data ends after ${consumed} of ${size} bytes`,
              `${memberPosition(header)}, data from byte ${dataStart}, end of data at byte ${dataStart + consumed}`,
            );
        })();
      };
      await visitor.member(header, open);
      const rest = toSkip - consumed;
      if ((await r.skip(rest)) < rest)
        throw new ArchiveError(
          'truncated tar: the data ends inside a member',
          `${memberPosition(header)}, end of data at byte ${r.position}`,
        );
      index++;
    }
  } finally {
    await r.close();
  }
}
