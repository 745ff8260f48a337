/**
 * @module ingest/archives/expand
 * Expands archives (zip, tar, tar.gz/tgz, gzip, 7z; nested) into a work folder, member by member, within limits.
 * Each member becomes an evidence item named `archive.zip!/dir/member.csv` (nested: `a.tar.gz!/inner.zip!/c.csv`;
 * a plain `.gz` is one item under its own name), hashed (SHA-256) while it is written, before anything reads it.
 * Extracted copies get numbered file names in one flat folder, so no member name can reach outside the work
 * folder; members that are links, devices, encrypted, over a limit, damaged, or whose names are absolute or
 * climb with `..` become item errors with the position and the reason. Nothing here throws for bad input.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { GzipTrailerMismatch, gunzipFile } from './gzip.js';
import { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS, formatBytes } from './limits.js';
import { checkMemberName } from './names.js';
import { readSevenZip } from './sevenzip.js';
import { readTar } from './tar.js';
import {
  ArchiveError,
  type ArchiveVisitor,
  type MemberData,
  type MemberHeader,
  memberPosition,
  StopArchive,
} from './types.js';
import { readZip } from './zip.js';

export type ArchiveKind = 'zip' | 'tar' | 'tar.gz' | 'gzip' | '7z';

/** Archive kind from the file name (case-insensitive); null for anything else (including .xlsx, read by a reader). */
export function archiveKindOf(name: string): ArchiveKind | null {
  const n = name.toLowerCase();
  if (n.endsWith('.tar.gz') || n.endsWith('.tgz')) return 'tar.gz';
  if (n.endsWith('.gz')) return 'gzip';
  if (n.endsWith('.zip')) return 'zip';
  if (n.endsWith('.tar')) return 'tar';
  if (n.endsWith('.7z')) return '7z';
  return null;
}

export interface ContainerRef {
  readonly path: string;
  readonly sha256: string;
}

export interface ContainerInput {
  /** Item path of the container (`a.zip`, `a.tar.gz!/inner.zip`). */
  readonly path: string;
  readonly absPath: string;
  readonly sha256: string;
  readonly bytes: number;
  /** 1 for an archive in the evidence folder, 2 for an archive inside it … */
  readonly depth: number;
  readonly parent: ContainerRef | null;
  /** Defaults to the kind given by the path. */
  readonly kind?: ArchiveKind;
}

export type ExpandEvent =
  | {
      readonly type: 'container_opened';
      readonly path: string;
      readonly sha256: string;
      readonly bytes: number;
      readonly format: string;
      readonly depth: number;
      readonly parent: ContainerRef | null;
    }
  | {
      readonly type: 'container_done';
      readonly path: string;
      readonly sha256: string;
      readonly details: Readonly<Record<string, unknown>>;
    }
  | {
      readonly type: 'container_failed';
      readonly path: string;
      readonly sha256: string;
      readonly reason: string;
      readonly position: string;
    }
  | {
      readonly type: 'member_extracted';
      readonly path: string;
      readonly absPath: string;
      readonly sha256: string;
      readonly bytes: number;
      readonly container: ContainerRef;
      readonly header: MemberHeader | null;
      /** True when the member is itself an archive, expanded next (not an item of its own). */
      readonly archive: boolean;
    }
  | {
      readonly type: 'member_refused';
      readonly path: string;
      readonly container: ContainerRef;
      readonly header: MemberHeader | null;
      readonly reason: string;
      readonly position: string;
    };

export type ExpandedItem =
  | {
      readonly kind: 'file';
      readonly path: string;
      readonly absPath: string;
      readonly sha256: string;
      readonly bytes: number;
      readonly container: ContainerRef;
    }
  | {
      readonly kind: 'error';
      readonly path: string;
      /** Reason and position, one sentence: what a report prints. */
      readonly reason: string;
      readonly sha256: string | null;
      readonly bytes: number;
      readonly container: ContainerRef | null;
    };

export interface ExpanderOptions {
  /** Extracted copies go to `<workDir>/extract/`. */
  readonly workDir: string;
  readonly limits?: ArchiveLimits;
  readonly onEvent?: (e: ExpandEvent) => Promise<void> | void;
  /** Item paths already taken (plain files): a member with the same name gets a suffix. */
  readonly takenPaths?: Iterable<string>;
}

function describe(kind: ArchiveKind): string {
  return kind === 'tar.gz' ? 'tar (gzip)' : kind;
}

function withPosition(reason: string, position: string): string {
  return position ? `${reason} (${position})` : reason;
}

function safeExt(name: string): string {
  const e = extname(name);
  return /^\.[A-Za-z0-9]{1,10}$/.test(e) ? e.toLowerCase() : '';
}

class LimitExceeded extends Error {}

export class Expander {
  readonly limits: ArchiveLimits;
  readonly #dir: string;
  readonly #onEvent: (e: ExpandEvent) => Promise<void> | void;
  readonly #taken: Set<string>;
  #seq = 0;
  /** Expanded bytes written so far (all containers of this expander). */
  totalBytes = 0;
  totalMembers = 0;

  constructor(opts: ExpanderOptions) {
    this.limits = opts.limits ?? DEFAULT_ARCHIVE_LIMITS;
    this.#dir = join(opts.workDir, 'extract');
    this.#onEvent = opts.onEvent ?? (() => {});
    this.#taken = new Set(opts.takenPaths ?? []);
  }

  #unique(path: string, index: number | null): string {
    let p = path;
    for (let n = 1; this.#taken.has(p); n++)
      p = `${path} (duplicate name${index === null ? '' : `, member #${index + 1}`}${n > 1 ? `, ${n}` : ''})`;
    this.#taken.add(p);
    return p;
  }

  async #newFile(name: string): Promise<string> {
    await mkdir(this.#dir, { recursive: true });
    this.#seq++;
    return join(this.#dir, `${String(this.#seq).padStart(7, '0')}${safeExt(name)}`);
  }

  /**
   * Writes a member's bytes to a new file in the work folder, hashing them and enforcing the size limits.
   * Throws `ArchiveError` (damaged data), `LimitExceeded` (a limit) or a file-system error; the file is removed then.
   */
  async #write(
    data: MemberData,
    dest: string,
    compressedSize: number | null,
    label: string,
  ): Promise<{ sha256: string; bytes: number }> {
    const L = this.limits;
    const h = createHash('sha256');
    let bytes = 0;
    const fh = await open(dest, 'wx', 0o600);
    try {
      for await (const chunk of data) {
        bytes += chunk.length;
        if (bytes > L.maxMemberBytes)
          throw new LimitExceeded(
            `${label} expands past the per-member limit of ${formatBytes(L.maxMemberBytes)}: refused (stopped at byte ${bytes})`,
          );
        if (this.totalBytes + bytes > L.maxTotalBytes)
          throw new LimitExceeded(
            `the total expansion limit of ${formatBytes(L.maxTotalBytes)} for all archives was reached while expanding ${label} (at byte ${bytes})`,
          );
        if (
          compressedSize !== null &&
          bytes > L.ratioFloorBytes &&
          bytes > L.maxRatio * Math.max(compressedSize, 1)
        )
          throw new LimitExceeded(
            `${label} expands more than ${L.maxRatio}:1 (${bytes} bytes from ${compressedSize} stored bytes): refused as a compression bomb`,
          );
        h.update(chunk);
        let off = 0;
        while (off < chunk.length) off += (await fh.write(chunk, off, chunk.length - off)).bytesWritten;
      }
    } catch (e) {
      await fh.close().catch(() => {});
      await rm(dest, { force: true });
      throw e;
    }
    await fh.close();
    this.totalBytes += bytes;
    return { sha256: h.digest('hex'), bytes };
  }

  /** Expands one container (recursively); returns its items in stored order. Never throws for bad input. */
  async expand(c: ContainerInput): Promise<ExpandedItem[]> {
    const kind = c.kind ?? archiveKindOf(c.path);
    const items: (ExpandedItem | ContainerInput)[] = [];
    const self: ContainerRef = { path: c.path, sha256: c.sha256 };
    const fail = async (reason: string, position: string) => {
      // The container's path was reserved by whoever found it (the evidence walk, or the parent's member).
      items.push({
        kind: 'error',
        path: c.path,
        reason: withPosition(reason, position),
        sha256: c.sha256,
        bytes: c.bytes,
        container: c.parent,
      });
      await this.#onEvent({ type: 'container_failed', path: c.path, sha256: c.sha256, reason, position });
    };
    if (!kind) {
      await fail('not an archive this tool expands', '');
      return items as ExpandedItem[];
    }
    await this.#onEvent({
      type: 'container_opened',
      path: c.path,
      sha256: c.sha256,
      bytes: c.bytes,
      format: describe(kind),
      depth: c.depth,
      parent: c.parent,
    });
    const details: Record<string, unknown> = { format: describe(kind) };
    try {
      if (kind === 'gzip') await this.#gzip(c, self, items, details);
      else {
        const visitor = this.#visitor(c, kind, self, items);
        if (kind === 'zip') {
          const r = await readZip(c.absPath, visitor, { maxMembers: this.limits.maxMembers });
          details['members'] = r.members;
          details['name_encoding'] = r.nameEncoding;
        } else if (kind === '7z') {
          const r = await readSevenZip(c.absPath, visitor, {
            maxMembers: this.limits.maxMembers,
            idleMs: this.limits.sevenZipIdleMs,
            onListing: (total) => this.#checkDeclaredTotal(total, c.bytes, '7z archive'),
          });
          details['members'] = r.members;
          details['program'] = r.version;
        } else {
          let layerError: ArchiveError | null = null;
          const source: AsyncIterable<Buffer> =
            kind === 'tar'
              ? (createReadStream(c.absPath, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>)
              : (async function* (limits: ArchiveLimits) {
                  try {
                    yield* gunzipFile(c.absPath, {
                      maxRatio: limits.maxRatio,
                      ratioFloorBytes: limits.ratioFloorBytes,
                      onEnd: (e) => {
                        details['gzip_padding_bytes'] = e.paddingBytes;
                      },
                    });
                  } catch (e) {
                    if (e instanceof ArchiveError) layerError = e;
                    throw e;
                  }
                })(this.limits);
          const first = items.length;
          try {
            const r = await readTar(source, visitor);
            details['members'] = r.members;
            details['padding_bytes'] = r.paddingBytes;
          } catch (e) {
            const layer = layerError as ArchiveError | null; // set inside the generator above
            if (layer instanceof GzipTrailerMismatch) await this.#unverified(items, first, self, layer);
            throw layer ?? e;
          }
        }
      }
      await this.#onEvent({ type: 'container_done', path: c.path, sha256: c.sha256, details });
    } catch (e) {
      if (e instanceof ArchiveError || e instanceof StopArchive) await fail(e.message, e.position);
      else
        await fail(
          `could not expand the ${describe(kind)} archive: ${(e as Error).message}`,
          'whole archive',
        );
    }
    // Nested archives are expanded after their container was walked (a 7z child process is not left waiting).
    const out: ExpandedItem[] = [];
    for (const it of items) {
      if (!('depth' in it)) {
        out.push(it);
        continue;
      }
      out.push(...(await this.expand(it)));
      await rm(it.absPath, { force: true });
    }
    return out;
  }

  /**
   * The gzip trailer of a tar.gz did not match: the members already taken from it have no check of their own (tar
   * has no data checksum), so each becomes an item error and its copy is removed.
   */
  async #unverified(
    items: (ExpandedItem | ContainerInput)[],
    from: number,
    self: ContainerRef,
    cause: ArchiveError,
  ): Promise<void> {
    for (let i = from; i < items.length; i++) {
      const it = items[i]!;
      if ('kind' in it && it.kind === 'error' && !('depth' in it)) continue;
      const abs = 'absPath' in it ? it.absPath : null;
      if (abs) await rm(abs, { force: true });
      const reason = `unverified: ${cause.message}; this member came out of that stream before the check failed`;
      items[i] = {
        kind: 'error',
        path: it.path,
        reason: withPosition(reason, cause.position),
        sha256: null,
        bytes: it.bytes,
        container: self,
      };
      await this.#onEvent({
        type: 'member_refused',
        path: it.path,
        container: self,
        header: null,
        reason,
        position: cause.position,
      });
    }
  }

  #checkDeclaredTotal(total: number, stored: number, label: string): void {
    const L = this.limits;
    if (total > L.maxTotalBytes - this.totalBytes)
      throw new StopArchive(
        `the ${label} declares ${total} expanded bytes, more than the ${formatBytes(L.maxTotalBytes - this.totalBytes)} left of the total expansion limit (${formatBytes(L.maxTotalBytes)}): not expanded`,
        'archive headers',
      );
    if (total > L.ratioFloorBytes && total > L.maxRatio * Math.max(stored, 1))
      throw new StopArchive(
        `the ${label} declares ${total} expanded bytes from ${stored} stored bytes, more than ${L.maxRatio}:1: refused as a compression bomb`,
        'archive headers',
      );
  }

  async #gzip(
    c: ContainerInput,
    self: ContainerRef,
    items: (ExpandedItem | ContainerInput)[],
    details: Record<string, unknown>,
  ): Promise<void> {
    const base = c.path.slice(c.path.lastIndexOf('/') + 1);
    const innerName = base.replace(/\.gz$/i, '');
    const innerKind = archiveKindOf(innerName);
    const dest = await this.#newFile(innerName);
    let written: { sha256: string; bytes: number };
    try {
      written = await this.#write(
        gunzipFile(c.absPath, {
          maxRatio: this.limits.maxRatio,
          ratioFloorBytes: this.limits.ratioFloorBytes,
          onEnd: (e) => {
            details['gzip_padding_bytes'] = e.paddingBytes;
          },
        }),
        dest,
        null,
        'the gzip stream',
      );
    } catch (e) {
      if (e instanceof LimitExceeded) throw new ArchiveError(e.message, 'gzip stream');
      throw e;
    }
    details['expanded_bytes'] = written.bytes;
    const archive = innerKind !== null && innerKind !== 'gzip' && innerKind !== 'tar.gz';
    await this.#onEvent({
      type: 'member_extracted',
      path: c.path,
      absPath: dest,
      sha256: written.sha256,
      bytes: written.bytes,
      container: self,
      header: null,
      archive,
    });
    if (archive) {
      items.push({
        path: c.path,
        absPath: dest,
        sha256: written.sha256,
        bytes: written.bytes,
        depth: c.depth,
        parent: self,
        kind: innerKind,
      });
      return;
    }
    items.push({
      kind: 'file',
      path: c.path,
      absPath: dest,
      sha256: written.sha256,
      bytes: written.bytes,
      container: self,
    });
  }

  #visitor(
    c: ContainerInput,
    kind: ArchiveKind,
    self: ContainerRef,
    items: (ExpandedItem | ContainerInput)[],
  ): ArchiveVisitor {
    const L = this.limits;
    let members = 0;
    return {
      member: async (h, openData) => {
        members++;
        if (members > L.maxMembers)
          throw new StopArchive(
            `more than ${L.maxMembers} members (the per-archive limit): the rest is not expanded`,
            memberPosition(h),
          );
        if (++this.totalMembers > L.maxTotalMembers)
          throw new StopArchive(
            `the limit of ${L.maxTotalMembers} archive members for the whole run was reached: the rest is not expanded`,
            memberPosition(h),
          );
        if (h.type === 'dir') return;
        const position = memberPosition(h);
        const refuse = async (reason: string, pos: string = position) => {
          const path = this.#unique(`${c.path}!/${h.name}`, h.index);
          items.push({
            kind: 'error',
            path,
            reason: withPosition(reason, pos),
            sha256: null,
            bytes: h.size ?? 0,
            container: self,
          });
          await this.#onEvent({
            type: 'member_refused',
            path,
            container: self,
            header: h,
            reason,
            position: pos,
          });
        };
        const name = checkMemberName(h.name, kind === 'zip');
        if (!name.ok) return refuse(name.reason);
        const target = h.linkTarget === null ? '' : ` (→ ${h.linkTarget})`;
        switch (h.type) {
          case 'symlink':
            return refuse(`symbolic link member${target}: not followed`);
          case 'hardlink':
            return refuse(`hard link member${target}: not extracted`);
          case 'char-device':
            return refuse('device file member (character device): not extracted');
          case 'block-device':
            return refuse('device file member (block device): not extracted');
          case 'fifo':
            return refuse('named pipe (FIFO) member: not extracted');
          case 'other':
            return refuse(h.unreadable ?? 'not a regular file member: not extracted');
          default:
            break;
        }
        if (h.unreadable) return refuse(h.unreadable);
        const nestedKind = archiveKindOf(name.normalized);
        if (nestedKind && c.depth + 1 > L.maxDepth)
          return refuse(
            `archive nested ${c.depth + 1} levels deep, over the limit of ${L.maxDepth}: not expanded`,
          );
        if (h.size !== null) {
          if (h.size > L.maxMemberBytes)
            return refuse(
              `member declares ${h.size} expanded bytes, over the per-member limit of ${formatBytes(L.maxMemberBytes)}: not extracted`,
            );
          if (
            h.compressedSize !== null &&
            h.size > L.ratioFloorBytes &&
            h.size > L.maxRatio * Math.max(h.compressedSize, 1)
          )
            return refuse(
              `member declares ${h.size} expanded bytes from ${h.compressedSize} stored bytes, more than ${L.maxRatio}:1: refused as a compression bomb`,
            );
          if (this.totalBytes + h.size > L.maxTotalBytes)
            return refuse(
              `expanding this member (${h.size} bytes) would pass the total expansion limit of ${formatBytes(L.maxTotalBytes)} for all archives: not extracted`,
            );
        }
        const dest = await this.#newFile(name.normalized);
        let written: { sha256: string; bytes: number };
        try {
          written = await this.#write(openData(), dest, h.compressedSize, 'the member');
        } catch (e) {
          if (e instanceof ArchiveError) return refuse(e.message, e.position);
          if (e instanceof LimitExceeded) return refuse(e.message);
          return refuse(`could not write the extracted copy: ${(e as Error).message}`);
        }
        const path = this.#unique(`${c.path}!/${name.normalized}`, h.index);
        const archive = nestedKind !== null;
        await this.#onEvent({
          type: 'member_extracted',
          path,
          absPath: dest,
          sha256: written.sha256,
          bytes: written.bytes,
          container: self,
          header: h,
          archive,
        });
        if (archive)
          items.push({
            path,
            absPath: dest,
            sha256: written.sha256,
            bytes: written.bytes,
            depth: c.depth + 1,
            parent: self,
            kind: nestedKind,
          });
        else
          items.push({
            kind: 'file',
            path,
            absPath: dest,
            sha256: written.sha256,
            bytes: written.bytes,
            container: self,
          });
      },
    };
  }
}
