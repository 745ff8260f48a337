/**
 * @module services/item-worker
 * Worker-thread entry: runs item tasks posted by item-pool, one at a time, and posts back their results and,
 * while a task runs, its byte progress a few times a second.
 */
import { parentPort } from 'node:worker_threads';
import { type ItemTask, type ProgressProbe, runItemTask, type TaskProgress } from './item-task.js';

export type WorkerRequest = { readonly id: number; readonly task: ItemTask };
export type WorkerReply =
  | { readonly id: number; readonly type: 'progress'; readonly progress: TaskProgress }
  | { readonly id: number; readonly type: 'done'; readonly result: Awaited<ReturnType<typeof runItemTask>> };

const PROGRESS_MS = 200;

if (parentPort) {
  const port = parentPort;
  port.on('message', async (req: WorkerRequest) => {
    let probe: ProgressProbe | undefined;
    const timer = setInterval(() => {
      const p = probe?.();
      if (p) port.postMessage({ id: req.id, type: 'progress', progress: p } satisfies WorkerReply);
    }, PROGRESS_MS);
    try {
      const result = await runItemTask(req.task, undefined, (p) => {
        probe = p;
      });
      port.postMessage({ id: req.id, type: 'done', result } satisfies WorkerReply);
    } finally {
      clearInterval(timer);
    }
  });
}
