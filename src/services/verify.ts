/**
 * @module services/verify
 * `xinjian verify`: re-hashes every evidence item an analysis logged — files, archives, and archive members
 * (re-extracted into a temporary folder inside the out folder, removed afterwards) — against the custody log, checks
 * the log's hash chain, and checks summary.json and report.html against the hashes the last finished analysis
 * logged. Reads only: nothing is appended to the custody log.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ForensicError } from '../core/errors.js';
import { sha256File } from '../ingest/intake.js';
import { scanEvidence } from './collect.js';
import { type ChainCheck, type CustodyEntry, readCustodyLog } from './custody.js';

export type VerifyStatus = 'ok' | 'changed' | 'missing' | 'new' | 'unreadable' | 'refused';

/** Statuses that fail a verification (`refused`: an item the analysis also reported as unreadable, no hash). */
export const FAILING: ReadonlySet<VerifyStatus> = new Set(['changed', 'missing', 'new', 'unreadable']);

export interface VerifyRow {
  readonly item: string;
  readonly kind: 'file' | 'member' | 'archive' | 'output';
  readonly status: VerifyStatus;
  /** First hash the log recorded, and when. */
  readonly recorded: string | null;
  readonly recordedAt: string | null;
  readonly current: string | null;
  readonly note: string | null;
}

export interface VerifyResult {
  readonly custodyPath: string;
  readonly chain: ChainCheck;
  readonly evidenceRoot: string;
  readonly runs: number;
  readonly rows: readonly VerifyRow[];
  readonly ok: boolean;
}

interface Recorded {
  readonly first: { sha256: string; time: string };
  readonly all: Set<string>;
  readonly member: boolean;
}

function record(map: Map<string, Recorded>, key: string, e: CustodyEntry, member: boolean): void {
  const r = map.get(key);
  if (r) r.all.add(e.sha256!);
  else map.set(key, { first: { sha256: e.sha256!, time: e.time }, all: new Set([e.sha256!]), member });
}

export interface VerifyOptions {
  readonly outDir: string;
  /** Default: the evidence root of the last analysis in the custody log. */
  readonly evidenceRoot?: string;
}

export async function verifyCase(opts: VerifyOptions): Promise<VerifyResult> {
  const out = resolve(opts.outDir);
  const custodyPath = join(out, 'custody.jsonl');
  const { entries, check } = await readCustodyLog(custodyPath);
  if (entries.length === 0 && check.ok)
    throw new ForensicError(
      'USAGE',
      `no custody log at ${custodyPath}: nothing to verify (run xinjian analyze first)`,
    );
  const started = entries.filter((e) => e.action === 'analysis_started');
  const lastRoot = started.at(-1)?.details?.['evidence_root'];
  const root = resolve(opts.evidenceRoot ?? (typeof lastRoot === 'string' ? lastRoot : ''));
  if (!opts.evidenceRoot && typeof lastRoot !== 'string')
    throw new ForensicError('USAGE', `the custody log ${custodyPath} records no analysis: nothing to verify`);
  // What the log recorded for this evidence root, over all its runs.
  const items = new Map<string, Recorded>();
  const containers = new Map<string, Recorded>();
  let inRoot = false;
  let runs = 0;
  let finished: CustodyEntry | null = null;
  for (const e of entries) {
    if (e.action === 'analysis_started') {
      const r = e.details?.['evidence_root'];
      inRoot = typeof r === 'string' && resolve(r) === root;
      if (inRoot) runs++;
      continue;
    }
    if (!inRoot) continue;
    if (e.action === 'analysis_finished') finished = e;
    if (!e.item || !e.sha256) continue;
    if (e.action === 'item_hashed') record(items, e.item, e, false);
    else if (e.action === 'member_extracted' && e.details?.['nested_archive'] !== true)
      record(items, e.item, e, true);
    else if (e.action === 'archive_opened')
      record(containers, `${String(e.details?.['format'])}:${e.item}`, e, false);
  }
  const work = join(out, '.xinjian', `verify-${randomUUID()}`);
  await mkdir(work, { recursive: true });
  const rows: VerifyRow[] = [];
  try {
    const scan = await scanEvidence(root, { work, hashAll: true });
    const current = new Map(scan.entries.map((e) => [e.path, e]));
    for (const [path, rec] of items) {
      const now = current.get(path);
      const base = {
        item: path,
        kind: rec.member ? ('member' as const) : ('file' as const),
        recorded: rec.first.sha256,
        recordedAt: rec.first.time,
      };
      const differs =
        rec.all.size > 1
          ? `the log records ${rec.all.size} different hashes for this item across runs`
          : null;
      if (!now)
        rows.push({
          ...base,
          status: 'missing',
          current: null,
          note: 'not in the evidence folder (or its archive) any more',
        });
      else if (now.kind !== 'file' || now.sha256 === null)
        rows.push({ ...base, status: 'unreadable', current: now.sha256, note: now.reason });
      else if (now.sha256 !== rec.first.sha256 || differs)
        rows.push({ ...base, status: 'changed', current: now.sha256, note: differs });
      else rows.push({ ...base, status: 'ok', current: now.sha256, note: null });
    }
    for (const [key, rec] of containers) {
      const path = key.slice(key.indexOf(':') + 1);
      const format = key.slice(0, key.indexOf(':'));
      const now = scan.containers.get(key) ?? null;
      const base = {
        item: path,
        kind: 'archive' as const,
        recorded: rec.first.sha256,
        recordedAt: rec.first.time,
      };
      const note = `${format} archive`;
      if (now === null)
        rows.push({
          ...base,
          status: 'missing',
          current: null,
          note: `${note}: not found or not opened now`,
        });
      else if (now !== rec.first.sha256 || rec.all.size > 1)
        rows.push({ ...base, status: 'changed', current: now, note });
      else rows.push({ ...base, status: 'ok', current: now, note });
    }
    for (const e of scan.entries) {
      if (items.has(e.path)) continue;
      if (e.kind === 'file')
        rows.push({
          item: e.path,
          kind: e.container ? 'member' : 'file',
          status: 'new',
          recorded: null,
          recordedAt: null,
          current: e.sha256,
          note: 'no analysis in this custody log hashed this item',
        });
      else
        rows.push({
          item: e.path,
          kind: e.container ? 'member' : 'file',
          status: 'refused',
          recorded: null,
          recordedAt: null,
          current: null,
          note: e.reason,
        });
    }
    const outputs: [string, string][] = [
      ['summary.json', 'summary_sha256'],
      ['report.html', 'report_sha256'],
    ];
    for (const [name, key] of outputs) {
      const want = finished?.details?.[key];
      const base = {
        item: name,
        kind: 'output' as const,
        recorded: typeof want === 'string' ? want : null,
        recordedAt: finished?.time ?? null,
      };
      let now: string | null = null;
      try {
        now = (await sha256File(join(out, name))).sha256;
      } catch {
        now = null;
      }
      if (typeof want !== 'string') {
        if (now !== null)
          rows.push({
            ...base,
            status: 'new',
            current: now,
            note: 'no finished analysis in the custody log records this file',
          });
      } else if (now === null) rows.push({ ...base, status: 'missing', current: null, note: null });
      else rows.push({ ...base, status: now === want ? 'ok' : 'changed', current: now, note: null });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const order: Record<VerifyRow['kind'], number> = { output: 0, archive: 1, file: 2, member: 2 };
  rows.sort((a, b) => order[a.kind] - order[b.kind] || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
  const ok = check.ok && rows.every((r) => !FAILING.has(r.status));
  return { custodyPath, chain: check, evidenceRoot: root, runs, rows, ok };
}
