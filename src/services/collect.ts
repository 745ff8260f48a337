/**
 * @module services/collect
 * The evidence items of a run: the files under the evidence root, with every archive among them (zip, tar,
 * tar.gz/tgz, gz, 7z; nested) replaced by its members, extracted into the analysis work folder and hashed as they
 * are written. Every container and member is logged in the custody log (the member's entry names its container
 * and the container's hash). Items that cannot be read come back as entries of kind `error` with the reason and
 * the position, so that the analysis reports them as failed items and counts everything else unchanged.
 *
 * It also refuses to let a run report on changed evidence: an item whose SHA-256 differs from the one an earlier
 * run logged in the same custody log becomes an error ("SHA-256 changed since <time>"), and an item an earlier run
 * hashed that is gone from the evidence folder is reported as missing.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  type ArchiveKind,
  archiveKindOf,
  type ContainerRef,
  type ExpandEvent,
  Expander,
} from '../ingest/archives/expand.js';
import { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from '../ingest/archives/limits.js';
import { sevenZip } from '../ingest/archives/sevenzip.js';
import { comparePaths, sha256File, walkEvidence } from '../ingest/intake.js';
import { type CustodyEntry, type CustodyLog, readCustodyLog } from './custody.js';

/** One evidence item to read (a drop-in for intake's `FoundEntry`, with what archives and checks add). */
export interface CollectedEntry {
  /** Item path: relative to the evidence root with `/`; archive members as `a.zip!/dir/m.csv`. */
  readonly path: string;
  /** The file to read: the evidence file itself, or the extracted copy of a member in the work folder. */
  readonly absPath: string;
  /** `file` is read; every other kind is a failed item with `reason`. */
  readonly kind: 'file' | 'symlink' | 'other' | 'error';
  readonly bytes: number;
  /** SHA-256 when already known (members: computed while extracting; checked files: computed here). */
  readonly sha256: string | null;
  /** For archive members: the archive they were extracted from, with its SHA-256. */
  readonly container: ContainerRef | null;
  /**
   * Why the item cannot be read (with the position where there is one); null for `file`. The analysis loop reports
   * it as the item's error in summary.json.
   */
  readonly reason: string | null;
}

/** A hash an earlier run logged for an item. */
export interface RecordedHash {
  readonly sha256: string;
  readonly time: string;
  readonly seq: number;
}

/** What earlier runs over the same evidence root logged: first hash per item, per container, and top-level paths. */
export interface EarlierRecords {
  readonly items: ReadonlyMap<string, RecordedHash>;
  /** Keyed by `<format>:<path>` (a `.zip.gz` is opened twice: as gzip, then as zip). */
  readonly containers: ReadonlyMap<string, RecordedHash>;
  /** Paths directly under the evidence root that an earlier run hashed (files and archives). */
  readonly topLevel: ReadonlyMap<string, RecordedHash>;
  readonly runs: number;
}

const HASHED_ITEM = new Set(['item_hashed', 'member_extracted']);

/** Reads the first recorded hashes from custody entries, for runs over `root` only. */
export function earlierRecords(entries: readonly CustodyEntry[], root: string): EarlierRecords {
  const items = new Map<string, RecordedHash>();
  const containers = new Map<string, RecordedHash>();
  const topLevel = new Map<string, RecordedHash>();
  const memberPaths = new Set<string>();
  const plainHashed = new Map<string, RecordedHash>();
  let inRoot = false;
  let runs = 0;
  for (const e of entries) {
    if (e.action === 'analysis_started') {
      inRoot =
        typeof e.details?.['evidence_root'] === 'string' && resolve(e.details['evidence_root']) === root;
      if (inRoot) runs++;
      continue;
    }
    if (!inRoot || !e.item || !e.sha256) continue;
    const rec: RecordedHash = { sha256: e.sha256, time: e.time, seq: e.seq };
    if (HASHED_ITEM.has(e.action)) {
      if (e.action === 'member_extracted' && e.details?.['nested_archive'] === true) continue;
      if (!items.has(e.item)) items.set(e.item, rec);
      if (e.action === 'member_extracted') memberPaths.add(e.item);
      else if (!plainHashed.has(e.item)) plainHashed.set(e.item, rec);
    } else if (e.action === 'archive_opened') {
      const key = `${String(e.details?.['format'])}:${e.item}`;
      if (!containers.has(key)) containers.set(key, rec);
      if (e.details?.['depth'] === 1 && !e.details?.['container'] && !topLevel.has(e.item))
        topLevel.set(e.item, rec);
    }
  }
  for (const [p, rec] of plainHashed) if (!memberPaths.has(p) && !topLevel.has(p)) topLevel.set(p, rec);
  return { items, containers, topLevel, runs };
}

export interface ScanOptions {
  /** Analysis work folder: extracted members go to `<work>/extract/`. */
  readonly work: string;
  readonly limits?: ArchiveLimits;
  /** Compare with these (analysis) — items whose hash changed become errors, missing items are reported. */
  readonly earlier?: EarlierRecords | null;
  /** Hash every plain file (verify); otherwise only those an earlier run recorded (the analysis hashes the rest). */
  readonly hashAll?: boolean;
  readonly onEvent?: (e: ExpandEvent) => Promise<void> | void;
  readonly onRefused?: (e: {
    readonly path: string;
    readonly sha256: string | null;
    readonly reason: string;
    readonly recorded: RecordedHash;
  }) => Promise<void> | void;
}

export interface ScanResult {
  readonly entries: CollectedEntry[];
  /** Every archive opened, with its hash (key `<format>:<path>`). */
  readonly containers: ReadonlyMap<string, string>;
  readonly expandedBytes: number;
}

function changedReason(rec: RecordedHash, now: string): string {
  return `SHA-256 changed since ${rec.time} (custody log entry ${rec.seq} recorded ${rec.sha256}, the file now has ${now}): not analysed`;
}

const FORMAT_OF: Record<ArchiveKind, string> = {
  zip: 'zip',
  tar: 'tar',
  'tar.gz': 'tar (gzip)',
  gzip: 'gzip',
  '7z': '7z',
};

/** Walks the evidence root, expands archives, and checks items against earlier records. */
export async function scanEvidence(rootIn: string, opts: ScanOptions): Promise<ScanResult> {
  const root = resolve(rootIn);
  // Copies from an earlier (perhaps interrupted) run are never reused: every member is extracted and hashed anew.
  await rm(join(opts.work, 'extract'), { recursive: true, force: true });
  const found = await walkEvidence(root);
  const earlier = opts.earlier ?? null;
  const containers = new Map<string, string>();
  const expander = new Expander({
    workDir: opts.work,
    limits: opts.limits ?? DEFAULT_ARCHIVE_LIMITS,
    takenPaths: found.map((f) => f.path),
    onEvent: async (e) => {
      if (e.type === 'container_opened') containers.set(`${e.format}:${e.path}`, e.sha256);
      await opts.onEvent?.(e);
    },
  });
  const refuse = async (
    path: string,
    absPath: string,
    bytes: number,
    sha256: string | null,
    rec: RecordedHash,
  ) => {
    const reason =
      sha256 === null
        ? `missing: hashed at ${rec.time} (custody log entry ${rec.seq}, SHA-256 ${rec.sha256}) and no longer in the evidence folder`
        : changedReason(rec, sha256);
    await opts.onRefused?.({ path, sha256, reason, recorded: rec });
    return { path, absPath, kind: 'error', bytes, sha256, container: null, reason } satisfies CollectedEntry;
  };
  const entries: CollectedEntry[] = [];
  for (const f of found) {
    if (f.kind === 'symlink') {
      entries.push({ ...f, sha256: null, container: null, reason: 'symbolic link: not followed' });
      continue;
    }
    if (f.kind === 'other') {
      entries.push({
        ...f,
        sha256: null,
        container: null,
        reason: 'not a regular file (a device, socket or named pipe): not read',
      });
      continue;
    }
    const kind = archiveKindOf(f.path);
    if (kind) {
      const h = await sha256File(f.absPath);
      const rec = earlier?.containers.get(`${FORMAT_OF[kind]}:${f.path}`);
      if (rec && rec.sha256 !== h.sha256) {
        entries.push(await refuse(f.path, f.absPath, h.bytes, h.sha256, rec));
        continue;
      }
      const items = await expander.expand({
        path: f.path,
        absPath: f.absPath,
        sha256: h.sha256,
        bytes: h.bytes,
        depth: 1,
        parent: null,
      });
      for (const it of items) {
        if (it.kind === 'error') {
          entries.push({
            path: it.path,
            absPath: f.absPath,
            kind: 'error',
            bytes: it.bytes,
            sha256: it.sha256,
            container: it.container,
            reason: it.reason,
          });
          continue;
        }
        const r = earlier?.items.get(it.path);
        if (r && r.sha256 !== it.sha256) {
          entries.push({
            ...(await refuse(it.path, it.absPath, it.bytes, it.sha256, r)),
            container: it.container,
          });
          continue;
        }
        entries.push({
          path: it.path,
          absPath: it.absPath,
          kind: 'file',
          bytes: it.bytes,
          sha256: it.sha256,
          container: it.container,
          reason: null,
        });
      }
      continue;
    }
    const rec = earlier?.items.get(f.path);
    if (rec || opts.hashAll) {
      const h = await sha256File(f.absPath);
      if (rec && rec.sha256 !== h.sha256) {
        entries.push(await refuse(f.path, f.absPath, h.bytes, h.sha256, rec));
        continue;
      }
      entries.push({ ...f, bytes: h.bytes, sha256: h.sha256, container: null, reason: null });
      continue;
    }
    entries.push({ ...f, sha256: null, container: null, reason: null });
  }
  if (earlier) {
    const present = new Set(found.map((f) => f.path));
    const gone = [...earlier.topLevel]
      .filter(([p]) => !present.has(p))
      .sort(([a], [b]) => comparePaths(a, b));
    for (const [p, rec] of gone) entries.push(await refuse(p, resolve(root, p), 0, null, rec));
  }
  return { entries, containers, expandedBytes: expander.totalBytes };
}

function custodyFor(e: ExpandEvent): { action: string; fields: Parameters<CustodyLog['append']>[1] } {
  switch (e.type) {
    case 'container_opened':
      return {
        action: 'archive_opened',
        fields: {
          item: e.path,
          sha256: e.sha256,
          bytes: e.bytes,
          details: {
            format: e.format,
            depth: e.depth,
            ...(e.parent ? { container: e.parent.path, container_sha256: e.parent.sha256 } : {}),
          },
        },
      };
    case 'container_done':
      return {
        action: 'archive_expanded',
        fields: { item: e.path, sha256: e.sha256, details: { ...e.details } },
      };
    case 'container_failed':
      return {
        action: 'archive_failed',
        fields: { item: e.path, sha256: e.sha256, details: { error: e.reason, position: e.position } },
      };
    case 'member_extracted':
    case 'member_refused': {
      const h = e.header;
      const member = h
        ? {
            member_index: h.index,
            ...(h.offset !== null ? { header_offset: h.offset } : {}),
            stored_name: h.name,
            name_encoding: h.nameEncoding,
            ...(h.rawNameHex ? { raw_name_hex: h.rawNameHex } : {}),
            ...(h.compressedSize !== null ? { stored_bytes: h.compressedSize } : {}),
          }
        : {};
      const where = { container: e.container.path, container_sha256: e.container.sha256, ...member };
      if (e.type === 'member_refused')
        return {
          action: 'member_refused',
          fields: { item: e.path, details: { ...where, error: e.reason, position: e.position } },
        };
      return {
        action: 'member_extracted',
        fields: {
          item: e.path,
          sha256: e.sha256,
          bytes: e.bytes,
          details: { ...where, ...(e.archive ? { nested_archive: true } : {}) },
        },
      };
    }
  }
}

/**
 * The items of an analysis run, in place of `walkEvidence(root)`: plain files and archive members (extracted into
 * `<work>/extract/`), and failed items as entries of kind `error` with their reason. Logs every container and
 * member in the custody log, and refuses items whose hash changed since an earlier run in that log.
 */
export async function collectEvidence(
  rootIn: string,
  work: string,
  custody: CustodyLog | null,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<CollectedEntry[]> {
  const root = resolve(rootIn);
  let earlier: EarlierRecords | null = null;
  if (custody) {
    const { entries } = await readCustodyLog(custody.path);
    earlier = earlierRecords(
      entries.filter((e) => e.run !== custody.run),
      root,
    );
    const seven = await sevenZip();
    await custody.append('evidence_collection_started', {
      details: {
        evidence_root: root,
        work_dir: resolve(work),
        archive_formats: ['zip', 'tar', 'tar.gz', 'tgz', 'gz', '7z'],
        archive_limits: { ...limits },
        seven_zip: seven ? `${seven.program}: ${seven.version}` : null,
        earlier_runs: earlier.runs,
        earlier_items: earlier.items.size,
      },
    });
  }
  const result = await scanEvidence(root, {
    work,
    limits,
    earlier,
    onEvent: async (e) => {
      if (!custody) return;
      const { action, fields } = custodyFor(e);
      await custody.append(action, fields);
    },
    onRefused: async (r) => {
      await custody?.append(r.sha256 === null ? 'item_missing' : 'item_refused', {
        item: r.path,
        ...(r.sha256 ? { sha256: r.sha256 } : {}),
        details: {
          error: r.reason,
          recorded_sha256: r.recorded.sha256,
          recorded_time: r.recorded.time,
          recorded_seq: r.recorded.seq,
        },
      });
    },
  });
  if (custody) {
    const errors = result.entries.filter((e) => e.kind !== 'file').length;
    await custody.append('evidence_collection_finished', {
      details: {
        items: result.entries.length,
        failed_items: errors,
        archives: result.containers.size,
        expanded_bytes: result.expandedBytes,
      },
    });
  }
  return result.entries;
}
