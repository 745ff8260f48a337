/**
 * @module ingest/archives/fixtures
 * Minimal zip and tar writers for tests: they build well-formed archives and, on request, the hostile and damaged
 * ones a seized folder can hold (traversal names, links, devices, wrong CRCs, false sizes, GBK names).
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipMemberSpec {
  /** A string is written as UTF-8; a Buffer as the raw stored bytes (e.g. GBK). */
  readonly name: string | Buffer;
  readonly data?: Buffer | string;
  /** 0 stored, 8 deflate (default). */
  readonly method?: 0 | 8;
  /** Set the 0x800 (UTF-8) flag; default: when the name is a non-ASCII string. */
  readonly utf8Flag?: boolean;
  /** Unix mode with file type bits (0o120777 symlink, 0o020644 char device …); written with "made by Unix". */
  readonly unixMode?: number;
  /** Stored CRC-32 instead of the real one. */
  readonly crc?: number;
  /** Declared uncompressed size instead of the real one. */
  readonly declaredSize?: number;
  /** Sets the encryption flag (bit 0). */
  readonly encrypted?: boolean;
  /** Compression method written in the headers instead of `method` (the data stays as compressed by `method`). */
  readonly methodField?: number;
  readonly extra?: Buffer;
}

function nameBytes(n: string | Buffer): Buffer {
  return typeof n === 'string' ? Buffer.from(n, 'utf8') : n;
}

/** A zip file with the given members (no zip64, no data descriptors). */
export function buildZip(members: readonly ZipMemberSpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const data =
      m.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(m.data) ? m.data : Buffer.from(m.data, 'utf8');
    const method = m.method ?? 8;
    const stored = method === 8 ? deflateRawSync(data) : data;
    const name = nameBytes(m.name);
    const extra = m.extra ?? Buffer.alloc(0);
    const utf8 = m.utf8Flag ?? (typeof m.name === 'string' && /[^\x00-\x7f]/.test(m.name));
    const flags = (utf8 ? 0x800 : 0) | (m.encrypted ? 1 : 0);
    const crc = m.crc ?? crc32(data);
    const size = m.declaredSize ?? data.length;
    const methodField = m.methodField ?? method;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(methodField, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    locals.push(local, name, extra, stored);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(m.unixMode !== undefined ? (3 << 8) | 20 : 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(methodField, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(m.unixMode !== undefined ? (m.unixMode << 16) >>> 0 : 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, extra);
    offset += 30 + name.length + extra.length + stored.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export interface TarMemberSpec {
  /** Names over 100 bytes get a pax `path` record. */
  readonly name: string | Buffer;
  readonly data?: Buffer | string;
  /** Type flag: '0' file (default), '1' hard link, '2' symlink, '3' char device, '5' dir, '6' fifo … */
  readonly type?: string;
  readonly linkname?: string;
  /** Size written in the header instead of the real one. */
  readonly size?: number;
  /** Corrupt the header checksum. */
  readonly badChecksum?: boolean;
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

function tarHeader(name: Buffer, size: number, type: string, linkname: string, badChecksum = false): Buffer {
  const h = Buffer.alloc(512);
  name.copy(h, 0, 0, Math.min(100, name.length));
  h.write(octal(0o644, 8), 100, 'latin1');
  h.write(octal(0, 8), 108, 'latin1');
  h.write(octal(0, 8), 116, 'latin1');
  h.write(octal(size, 12), 124, 'latin1');
  h.write(octal(0o14000000000, 12), 136, 'latin1');
  h.write(type, 156, 'latin1');
  Buffer.from(linkname, 'utf8').copy(h, 157, 0, 100);
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  if (badChecksum) h[148] = '7'.charCodeAt(0);
  return h;
}

function pad(b: Buffer): Buffer {
  const rest = b.length % 512;
  return rest === 0 ? b : Buffer.concat([b, Buffer.alloc(512 - rest)]);
}

/** A ustar archive; `end: false` leaves out the end-of-archive marker. */
export function buildTar(members: readonly TarMemberSpec[], opts: { readonly end?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const m of members) {
    const data =
      m.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(m.data) ? m.data : Buffer.from(m.data, 'utf8');
    const name = nameBytes(m.name);
    if (name.length > 100) {
      const rec = (k: string, v: Buffer) => {
        const body = Buffer.concat([Buffer.from(` ${k}=`), v, Buffer.from('\n')]);
        let len = body.length + 1;
        while (String(len).length + body.length !== len) len = String(len).length + body.length;
        return Buffer.concat([Buffer.from(String(len)), body]);
      };
      const pax = rec('path', name);
      parts.push(tarHeader(Buffer.from('PaxHeader'), pax.length, 'x', ''), pad(pax));
    }
    parts.push(tarHeader(name, m.size ?? data.length, m.type ?? '0', m.linkname ?? '', m.badChecksum));
    if (data.length > 0) parts.push(pad(data));
  }
  if (opts.end !== false) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
