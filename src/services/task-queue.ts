/**
 * @module services/task-queue
 * Item tasks shared through a folder, so that `xinjian worker` processes on other machines can read evidence items
 * for one `xinjian analyze` run. The folder, the evidence and the analysis output folder must be reachable at the
 * same paths from every machine (a shared mount): tasks name files by absolute path.
 *
 * Layout of the queue folder:
 *   tasks/<id>.json      waiting task (written by analyze: temp file, then rename)
 *   claimed/<id>.json    taken by a worker (claimed by an atomic rename); the worker touches it while it runs
 *   progress/<id>.json   the running task's byte progress (TaskProgress), rewritten by the worker every
 *                        PROGRESS_MS while it changes, so that analyze shows remote items moving too
 *   results/<id>.json    the task's result (written by the worker: temp file, then rename)
 *   stop                 written by analyze when the run ends: idle workers exit
 * A claim whose file has not been touched for `staleMs` (a worker that died) goes back to tasks/ and is run
 * again. Staging files are written under a temporary name and renamed, so a task run twice leaves one whole copy;
 * a task gives the same result wherever it runs.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { TOOL_VERSION } from '../core/version.js';
import type { ItemTask, ItemTaskResult, ProgressProbe, TaskProgress } from './item-task.js';

export const POLL_MS = 200;
export const HEARTBEAT_MS = 2_000;
export const STALE_MS = 60_000;
export const PROGRESS_MS = 500;

/** Writes a file whole or not at all (temp file in the same folder, then rename). */
async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

export async function prepareQueue(dir: string): Promise<void> {
  for (const sub of ['tasks', 'claimed', 'progress', 'results'])
    await mkdir(join(dir, sub), { recursive: true });
}

interface Waiting {
  readonly task: ItemTask;
  readonly resolve: (r: ItemTaskResult) => void;
  readonly onProgress: ((p: TaskProgress) => void) | undefined;
}

/** What the analysis loop needs of a pool: ItemPool (threads here) or FolderPool (worker processes elsewhere). */
export interface TaskRunner {
  readonly size: number;
  run(task: ItemTask, onProgress?: (p: TaskProgress) => void): Promise<ItemTaskResult>;
  close(): Promise<void>;
}

/** The analyze side: runs tasks by handing them to whatever workers watch the folder (same interface as ItemPool). */
export class FolderPool implements TaskRunner {
  /** How many tasks are handed out at once (workers take them as they can). */
  readonly size: number;
  readonly #dir: string;
  readonly #staleMs: number;
  readonly #waiting = new Map<string, Waiting>();
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #polling = false;
  #ready: Promise<void>;
  readonly #onWaiting: ((message: string) => void) | undefined;
  readonly #waitingMs: number;
  #lastActivity = Date.now();
  #warned = false;

  constructor(
    dir: string,
    opts: { size?: number; staleMs?: number; onWaiting?: (message: string) => void; waitingMs?: number } = {},
  ) {
    this.#dir = dir;
    this.size = opts.size ?? 16;
    this.#staleMs = opts.staleMs ?? STALE_MS;
    this.#onWaiting = opts.onWaiting;
    this.#waitingMs = opts.waitingMs ?? 10_000;
    this.#ready = (async () => {
      await prepareQueue(dir);
      await rm(join(dir, 'stop'), { force: true });
    })();
  }

  run(task: ItemTask, onProgress?: (p: TaskProgress) => void): Promise<ItemTaskResult> {
    if (this.#closed) return Promise.resolve({ ok: false, error: `${task.path}: the analysis was stopped` });
    const id = `${String(task.itemIndex).padStart(6, '0')}-${task.range ? String(task.range.start).padStart(15, '0') : 'all'}-${randomUUID()}`;
    return new Promise((resolve) => {
      this.#waiting.set(id, { task, resolve, onProgress });
      void this.#ready
        .then(() =>
          writeAtomic(
            join(this.#dir, 'tasks', `${id}.json`),
            JSON.stringify({ version: TOOL_VERSION, task }),
          ),
        )
        .catch((e: Error) =>
          this.#settle(id, { ok: false, error: `${task.path}: could not queue the task: ${e.message}` }),
        );
      if (this.#timer === null) {
        this.#lastActivity = Date.now();
        this.#timer = setInterval(() => void this.#poll(), POLL_MS);
      }
    });
  }

  #settle(id: string, r: ItemTaskResult): void {
    const w = this.#waiting.get(id);
    if (!w) return;
    this.#waiting.delete(id);
    w.resolve(r);
    if (this.#waiting.size === 0 && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = null;
    }
  }

  async #poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      const results = new Set(await readdir(join(this.#dir, 'results')));
      for (const id of [...this.#waiting.keys()]) {
        if (!results.has(`${id}.json`)) continue;
        const file = join(this.#dir, 'results', `${id}.json`);
        const r = JSON.parse(await readFile(file, 'utf8')) as ItemTaskResult;
        await rm(file, { force: true });
        await rm(join(this.#dir, 'claimed', `${id}.json`), { force: true });
        await rm(join(this.#dir, 'progress', `${id}.json`), { force: true });
        this.#lastActivity = Date.now();
        this.#settle(id, r);
      }
      await this.#readProgress();
      // Claims not touched for staleMs: the worker died; the task is queued again.
      const now = Date.now();
      const claims = await readdir(join(this.#dir, 'claimed'));
      if (claims.length > 0) this.#lastActivity = now;
      else if (!this.#warned && now - this.#lastActivity > this.#waitingMs) {
        // Nothing claimed for a while: most likely no worker serves the folder yet.
        this.#warned = true;
        this.#onWaiting?.(
          `no worker has taken a task for ${Math.round(this.#waitingMs / 1000)} s: start \`xinjian worker ${this.#dir}\``,
        );
      }
      for (const f of claims) {
        const id = f.replace(/\.json$/, '');
        if (!this.#waiting.has(id)) continue;
        const st = await stat(join(this.#dir, 'claimed', f)).catch(() => null);
        if (st && now - st.mtimeMs > this.#staleMs) {
          await rename(join(this.#dir, 'claimed', f), join(this.#dir, 'tasks', f)).catch(() => undefined);
        }
      }
    } catch {
      // A listing raced with a rename: the next poll sees a settled folder.
    } finally {
      this.#polling = false;
    }
  }

  /** Passes the running tasks' progress files to their listeners. */
  async #readProgress(): Promise<void> {
    const files = await readdir(join(this.#dir, 'progress')).catch(() => [] as string[]);
    for (const f of files) {
      const w = this.#waiting.get(f.replace(/\.json$/, ''));
      if (!w?.onProgress) continue;
      const text = await readFile(join(this.#dir, 'progress', f), 'utf8').catch(() => null);
      if (text === null) continue;
      try {
        w.onProgress(JSON.parse(text) as TaskProgress);
      } catch {
        // A progress file from another version: progress is only shown, never counted.
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    for (const [id, w] of this.#waiting) {
      this.#waiting.delete(id);
      w.resolve({ ok: false, error: `${w.task.path}: the analysis was stopped` });
      await rm(join(this.#dir, 'tasks', `${id}.json`), { force: true });
    }
    await this.#ready.catch(() => undefined);
    await writeFile(join(this.#dir, 'stop'), `${new Date().toISOString()}\n`).catch(() => undefined);
  }
}

/** The worker side: claims tasks one at a time and runs them, until `stop` appears (or `idleExitMs` passes idle). */
export async function serveQueue(
  dir: string,
  run: (task: ItemTask, onOpened: (probe: ProgressProbe) => void) => Promise<ItemTaskResult>,
  opts: {
    idleExitMs?: number;
    onTask?: (task: ItemTask, result: ItemTaskResult) => void;
    signal?: AbortSignal;
  } = {},
): Promise<number> {
  await prepareQueue(dir);
  const me = `${hostname()}.${process.pid}`;
  let done = 0;
  let idleSince = Date.now();
  for (;;) {
    if (opts.signal?.aborted) return done;
    const waiting = (await readdir(join(dir, 'tasks'))).filter((f) => f.endsWith('.json')).sort();
    let claimed: string | null = null;
    for (const f of waiting) {
      try {
        await rename(join(dir, 'tasks', f), join(dir, 'claimed', f));
        claimed = f;
        break;
      } catch {
        // Another worker took it first.
      }
    }
    if (claimed === null) {
      const stopped = await stat(join(dir, 'stop')).then(
        () => true,
        () => false,
      );
      if (stopped && waiting.length === 0) return done;
      if (opts.idleExitMs !== undefined && Date.now() - idleSince > opts.idleExitMs) return done;
      await new Promise((r) => setTimeout(r, POLL_MS));
      continue;
    }
    const id = claimed.replace(/\.json$/, '');
    const claimPath = join(dir, 'claimed', claimed);
    const queued = JSON.parse(await readFile(claimPath, 'utf8')) as { version: string; task: ItemTask };
    const task = queued.task;
    const beat = setInterval(() => {
      const now = new Date();
      void utimes(claimPath, now, now).catch(() => undefined);
    }, HEARTBEAT_MS);
    const progressPath = join(dir, 'progress', claimed);
    let probe: ProgressProbe | null = null;
    let shown = '';
    let writing: Promise<void> = Promise.resolve();
    const report = setInterval(() => {
      const text = probe ? JSON.stringify(probe()) : '';
      if (text === '' || text === shown) return;
      shown = text;
      writing = writing.then(() => writeAtomic(progressPath, text)).catch(() => undefined);
    }, PROGRESS_MS);
    let result: ItemTaskResult;
    // Staging under a name of this attempt, renamed when whole: a task run twice leaves one complete copy.
    const attempt = `${task.stagingPath}.${me}.part`;
    try {
      // Every item of one analysis is read by the same version of the tool.
      if (queued.version !== TOOL_VERSION) {
        throw new Error(
          `this worker is xinjian ${TOOL_VERSION}, the analysis is ${queued.version}: not read`,
        );
      }
      result = await run({ ...task, stagingPath: attempt }, (p) => {
        probe = p;
      });
      if (result.ok) await rename(attempt, task.stagingPath);
      else await rm(attempt, { force: true });
    } catch (e) {
      result = { ok: false, error: `${task.path}: worker ${me}: ${(e as Error).message}` };
      await rm(attempt, { force: true }).catch(() => undefined);
    } finally {
      clearInterval(beat);
      clearInterval(report);
      await writing;
      await rm(progressPath, { force: true }).catch(() => undefined);
    }
    await writeAtomic(join(dir, 'results', `${id}.json`), JSON.stringify(result));
    opts.onTask?.(task, result);
    done++;
    idleSince = Date.now();
  }
}
