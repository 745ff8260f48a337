/**
 * @module ingest/archives/types
 * The contract between the archive readers (zip, tar, gzip, 7z) and the expander that extracts their members.
 * A reader walks its container once, in stored order, and hands every member to a visitor: the header first
 * (name as stored, type, declared sizes, position), then — only if the visitor asks — the member's bytes.
 * Readers never write files; the expander decides what is extracted, where, and within which limits.
 */

/** What a member is. Only `file` members are extracted; `dir` members are structure, everything else is refused. */
export type MemberType =
  | 'file'
  | 'dir'
  | 'symlink'
  | 'hardlink'
  | 'char-device'
  | 'block-device'
  | 'fifo'
  | 'other';

/** How a member name's bytes were turned into text (recorded in the custody log). */
export type NameEncoding =
  | 'ascii'
  | 'utf-8'
  | 'utf-8 (zip flag 0x800)'
  | 'utf-8 (zip unicode path field)'
  | 'utf-8 (pax header)'
  | 'gb18030'
  | 'cp437'
  | 'latin1'
  | 'utf-16 (7z)';

export interface MemberHeader {
  /** 0-based position of the member in the container's stored order. */
  readonly index: number;
  /** Name as stored, decoded (not yet checked or normalised). */
  readonly name: string;
  readonly nameEncoding: NameEncoding;
  /** The stored name bytes in hex, when they were not plain ASCII (so a decoding choice can be checked). */
  readonly rawNameHex: string | null;
  readonly type: MemberType;
  /** Target of a symbolic or hard link, as stored. */
  readonly linkTarget: string | null;
  /** Declared expanded size, when the format declares one before the data. */
  readonly size: number | null;
  /** Stored (compressed) size of this member alone, when the format has one. */
  readonly compressedSize: number | null;
  /** Byte offset of the member's header in the container, when the format has one. */
  readonly offset: number | null;
  /** Set when the member cannot be extracted whatever the visitor wants (encryption, unsupported method …). */
  readonly unreadable: string | null;
}

/** The member's bytes, streamed. Errors thrown while iterating are `ArchiveError`s naming the position. */
export type MemberData = AsyncIterable<Buffer>;

export interface ArchiveVisitor {
  /**
   * One member. Call `open()` at most once, and only before returning, to read the bytes; a member not opened
   * is skipped by the reader. Throwing a `StopArchive` ends the walk (the reader rethrows it).
   */
  member(header: MemberHeader, open: () => MemberData): Promise<void>;
}

/** A damaged or unreadable container or member. `position` says where, in words a reader can check. */
export class ArchiveError extends Error {
  readonly position: string;
  constructor(message: string, position: string) {
    super(message);
    this.name = 'ArchiveError';
    this.position = position;
  }
}

/** Thrown by a visitor to stop walking a container (a limit was reached); the reader rethrows it unchanged. */
export class StopArchive extends Error {
  readonly position: string;
  constructor(message: string, position: string) {
    super(message);
    this.name = 'StopArchive';
    this.position = position;
  }
}

/** Where a member sits, for error messages: `member #3 'a/b.csv' (header at byte 1024)`. */
export function memberPosition(h: Pick<MemberHeader, 'index' | 'name' | 'offset'>): string {
  const at = h.offset === null ? '' : ` (header at byte ${h.offset})`;
  return `member #${h.index + 1} '${h.name}'${at}`;
}
