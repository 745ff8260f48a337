/**
 * @module ingest/archives/limits
 * Bounds on archive expansion. Seized archives can be hostile (zip bombs, millions of members, archives nested
 * without end): every one of these stops the expansion with a stated reason instead of filling the disk or
 * running for ever. The values in force are written to the custody log with each run.
 */

export interface ArchiveLimits {
  /** Expanded bytes written for all archives of one run together. */
  readonly maxTotalBytes: number;
  /** Expanded bytes of one member. */
  readonly maxMemberBytes: number;
  /** Expanded ÷ stored bytes, for one member (zip), one gzip stream or one 7z archive … */
  readonly maxRatio: number;
  /** … enforced once that many bytes have been expanded (small, very repetitive files are not bombs). */
  readonly ratioFloorBytes: number;
  /** Members (files, folders, links) of one archive. */
  readonly maxMembers: number;
  /** Members of all archives of one run together. */
  readonly maxTotalMembers: number;
  /** Archive levels: `a.zip!/b.csv` is 1, `a.tar.gz!/inner.zip!/c.csv` is 2. */
  readonly maxDepth: number;
  /** A 7-Zip child process that writes nothing for this long is stopped. */
  readonly sevenZipIdleMs: number;
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/**
 * Defaults. Real CSV/SQL dumps compress about 3–20:1; deflate cannot exceed about 1032:1, and zip bombs sit
 * near that bound, so 200:1 past the first 32 MiB refuses bombs and keeps real data.
 */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxTotalBytes: 64 * GiB,
  maxMemberBytes: 16 * GiB,
  maxRatio: 200,
  ratioFloorBytes: 32 * MiB,
  maxMembers: 100_000,
  maxTotalMembers: 200_000,
  maxDepth: 4,
  sevenZipIdleMs: 10 * 60 * 1000,
};

export function formatBytes(n: number): string {
  if (n >= GiB && n % GiB === 0) return `${n / GiB} GiB`;
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  return `${n} bytes`;
}
