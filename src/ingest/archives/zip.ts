/**
 * @module ingest/archives/zip
 * Zip members through yauzl (central directory, zip64, data descriptors, entry-size validation), with what yauzl
 * leaves to its caller: member names from the raw bytes (flag 0x800 → UTF-8; the Info-ZIP Unicode path field;
 * otherwise one choice per archive among UTF-8, GB18030 and CP437), member types from the Unix mode bits,
 * the CRC-32 check of every member's bytes, and refusal of encrypted, unsupported and overlapping members.
 */
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { chooseNameEncoding, decodeSingleName, decodeUtf8Strict, decodeWith, hex, isAscii } from './names.js';
import {
  ArchiveError,
  type ArchiveVisitor,
  type MemberHeader,
  type MemberType,
  memberPosition,
  type NameEncoding,
  StopArchive,
} from './types.js';

const METHOD_NAMES: Record<number, string> = {
  1: 'shrink',
  6: 'implode',
  9: 'deflate64',
  12: 'bzip2',
  14: 'LZMA',
  19: 'LZ77',
  93: 'zstd',
  95: 'xz',
  96: 'JPEG',
  97: 'WavPack',
  98: 'PPMd',
  99: 'AES',
};

export interface ZipResult {
  readonly members: number;
  /** The encoding chosen for names without flag 0x800. */
  readonly nameEncoding: 'utf-8' | 'gb18030' | 'cp437' | 'ascii';
}

function typeOf(e: yauzl.Entry, name: string): MemberType {
  const host = e.versionMadeBy >>> 8;
  if (host === 3 /* Unix */ || host === 19 /* OS X */) {
    const fmt = (e.externalFileAttributes >>> 16) & 0o170000;
    if (fmt === 0o120000) return 'symlink';
    if (fmt === 0o040000) return 'dir';
    if (fmt === 0o020000) return 'char-device';
    if (fmt === 0o060000) return 'block-device';
    if (fmt === 0o010000) return 'fifo';
    if (fmt === 0o140000) return 'other';
  }
  if (name.endsWith('/') || name.endsWith('\\')) return 'dir';
  if ((e.externalFileAttributes & 0x10) !== 0 && e.uncompressedSize === 0) return 'dir';
  return 'file';
}

/** The Info-ZIP Unicode Path extra field (0x7075), when its CRC matches the stored name. */
function unicodePath(e: yauzl.Entry): string | null {
  const f = e.extraFields.find((x) => x.id === 0x7075);
  if (!f || f.data.length < 5 || f.data[0] !== 1) return null;
  if (f.data.readUInt32LE(1) !== crc32(e.fileNameRaw)) return null;
  return decodeUtf8Strict(f.data.subarray(5));
}

function decodeName(
  e: yauzl.Entry,
  chosen: ZipResult['nameEncoding'],
): { name: string; encoding: NameEncoding } {
  const raw = e.fileNameRaw;
  if ((e.generalPurposeBitFlag & 0x800) !== 0) {
    const u = decodeUtf8Strict(raw);
    if (u !== null) return { name: u, encoding: isAscii(raw) ? 'ascii' : 'utf-8 (zip flag 0x800)' };
    return decodeSingleName(raw); // flag set but not UTF-8: say what was used instead
  }
  const up = unicodePath(e);
  if (up !== null) return { name: up, encoding: 'utf-8 (zip unicode path field)' };
  return decodeWith(raw, chosen);
}

async function listEntries(
  zip: yauzl.ZipFile,
  max: number,
): Promise<{ entries: yauzl.Entry[]; error: ArchiveError | null }> {
  const entries: yauzl.Entry[] = [];
  return new Promise((resolve) => {
    let settled = false;
    const done = (error: ArchiveError | null) => {
      if (settled) return;
      settled = true;
      zip.removeAllListeners('entry');
      zip.removeAllListeners('end');
      resolve({ entries, error });
    };
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      if (entries.length >= max) done(null);
      else zip.readEntry();
    });
    zip.on('end', () => done(null));
    zip.on('error', (err: Error) =>
      done(
        new ArchiveError(
          `damaged zip central directory: ${err.message}`,
          `central directory entry #${entries.length + 1}`,
        ),
      ),
    );
    zip.readEntry();
  });
}

async function readSymlinkTarget(zip: yauzl.ZipFile, e: yauzl.Entry): Promise<string | null> {
  if (e.uncompressedSize > 4096 || !e.canDecodeFileData()) return null;
  try {
    const chunks: Buffer[] = [];
    for await (const c of (await zip.openReadStreamPromise(e)) as AsyncIterable<Buffer>) chunks.push(c);
    return decodeSingleName(Buffer.concat(chunks)).name;
  } catch {
    return null;
  }
}

/**
 * Walks the members of a zip file in central-directory order. Throws an `ArchiveError` when the file is not a
 * readable zip (missing or damaged end-of-central-directory record, as in a truncated zip), after handing over
 * the members listed before a damaged central-directory entry.
 */
export async function readZip(
  absPath: string,
  visitor: ArchiveVisitor,
  opts: { readonly maxMembers: number },
): Promise<ZipResult> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(absPath, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
      autoClose: false,
      strictFileNames: false,
    });
  } catch (e) {
    throw new ArchiveError(
      `not a readable zip (truncated or damaged?): ${(e as Error).message}`,
      'end of central directory record (searched in the last 65,557 bytes of the file)',
    );
  }
  zip.on('error', () => {}); // errors are reported through the promises below
  try {
    if (zip.entryCount > opts.maxMembers)
      throw new StopArchive(
        `the zip declares ${zip.entryCount} members, more than the limit of ${opts.maxMembers}: not expanded`,
        'end of central directory record',
      );
    const { entries, error } = await listEntries(zip, opts.maxMembers + 1);
    const nameEncoding = chooseNameEncoding(
      entries
        .filter((e) => (e.generalPurposeBitFlag & 0x800) === 0 && unicodePath(e) === null)
        .map((e) => e.fileNameRaw),
    );
    // Overlapping member data is the construction of non-recursive zip bombs: refuse members that overlap.
    const overlap = new Map<number, number>();
    const byOffset = entries
      .map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.relativeOffsetOfLocalHeader - b.e.relativeOffsetOfLocalHeader);
    for (let k = 1; k < byOffset.length; k++) {
      const prev = byOffset[k - 1]!;
      const cur = byOffset[k]!;
      if (prev.e.relativeOffsetOfLocalHeader + 30 + prev.e.compressedSize > cur.e.relativeOffsetOfLocalHeader)
        overlap.set(cur.i, prev.i);
    }
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const { name, encoding } = decodeName(e, nameEncoding);
      const type = typeOf(e, name);
      let unreadable: string | null = null;
      if (e.isEncrypted())
        unreadable = 'encrypted member (password-protected): cannot be read without the password';
      else if (e.compressionMethod !== 0 && e.compressionMethod !== 8)
        unreadable = `compression method ${e.compressionMethod}${METHOD_NAMES[e.compressionMethod] ? ` (${METHOD_NAMES[e.compressionMethod]})` : ''} is not supported`;
      else if (overlap.has(i))
        unreadable = `member data overlaps member #${overlap.get(i)! + 1} (overlapping members are a zip-bomb construction)`;
      const header: MemberHeader = {
        index: i,
        name,
        nameEncoding: encoding,
        rawNameHex: isAscii(e.fileNameRaw) ? null : hex(e.fileNameRaw),
        type,
        linkTarget: type === 'symlink' ? await readSymlinkTarget(zip, e) : null,
        size: e.uncompressedSize,
        compressedSize: e.compressedSize,
        offset: e.relativeOffsetOfLocalHeader,
        unreadable,
      };
      let opened = false;
      const open = (): AsyncIterable<Buffer> => {
        if (opened) throw new Error('member data opened twice');
        opened = true;
        return (async function* () {
          let out = 0;
          let crc = 0;
          let stream: NodeJS.ReadableStream | null = null;
          try {
            stream = await zip.openReadStreamPromise(e);
            for await (const c of stream as AsyncIterable<Buffer>) {
              out += c.length;
              crc = crc32(c, crc);
              yield c;
            }
          } catch (err) {
            throw new ArchiveError(
              `zip member data error: ${(err as Error).message}`,
              `${memberPosition(header)}, after ${out} bytes of output`,
            );
          } finally {
            (stream as { destroy?: () => void } | null)?.destroy?.();
          }
          if (crc >>> 0 !== e.crc32 >>> 0)
            throw new ArchiveError(
              `CRC-32 mismatch: the member's bytes are damaged (stored ${e.crc32.toString(16).padStart(8, '0')}, computed ${(crc >>> 0).toString(16).padStart(8, '0')})`,
              `${memberPosition(header)}, ${out} bytes`,
            );
        })();
      };
      await visitor.member(header, open);
    }
    if (error) throw error;
    return { members: entries.length, nameEncoding };
  } finally {
    zip.close();
  }
}
