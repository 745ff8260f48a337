/**
 * @module cli/commands/worker
 * `xinjian worker QUEUE_DIR`: reads evidence items for an `xinjian analyze --task-folder QUEUE_DIR` run, possibly
 * on another machine (services/task-queue.ts).
 */
import { UsageError } from '../../core/errors.js';
import { runItemTask } from '../../services/item-task.js';
import { serveQueue } from '../../services/task-queue.js';
import { type Command, optString } from '../command.js';
import { EXIT_OK } from '../output.js';
import { onStopSignals } from '../signals.js';

const USAGE = `Usage: xinjian worker QUEUE_DIR [--idle-exit SECONDS]

Reads evidence items for an analysis started elsewhere with
  xinjian analyze EVIDENCE --out OUT --task-folder QUEUE_DIR
Any number of workers, on any machines, may serve the same folder; each claims one task at a time (an item, or a
byte range of a large text file), reads it and writes its staging rows and result back. QUEUE_DIR, the evidence
folder and OUT must be reachable at the same paths on every machine (a shared mount). The figures do not depend
on which worker read what. A worker whose task is not finished within a minute of its last sign of life (it died)
has the task given to another.

Options:
  --idle-exit SECONDS    exit after this long without a task (default: run until the analysis writes QUEUE_DIR/stop)`;

export const workerCommand: Command = {
  name: 'worker',
  summary: 'read evidence items for an analysis started with --task-folder (other machines)',
  usage: USAGE,
  options: { 'idle-exit': { type: 'string' } },
  async run(args, io) {
    if (args.positionals.length !== 1) throw new UsageError(`give exactly one QUEUE_DIR\n\n${USAGE}`);
    const idle = optString(args, 'idle-exit');
    if (idle !== undefined && !/^\d+$/.test(idle)) {
      throw new UsageError(`--idle-exit must be a whole number of seconds, got '${idle}'`);
    }
    const stop = new AbortController();
    const uninstall = onStopSignals(
      (sig) => {
        io.err.write(`xinjian worker: ${sig} — exiting after the current task\n`);
        stop.abort(sig);
      },
      () => process.exit(130),
    );
    try {
      const n = await serveQueue(
        args.positionals[0]!,
        (task, onOpened) => runItemTask(task, undefined, onOpened),
        {
          ...(idle !== undefined ? { idleExitMs: Number(idle) * 1000 } : {}),
          signal: stop.signal,
          onTask: (task, r) =>
            io.err.write(
              r.ok
                ? `${task.path}${task.range ? ` [bytes ${task.range.start}–${task.range.end}]` : ''}: ${r.analysis.records} records\n`
                : `${task.path}: FAILED — ${r.error}\n`,
            ),
        },
      );
      io.err.write(`xinjian worker: ${n} task(s) done\n`);
      return EXIT_OK;
    } finally {
      uninstall();
    }
  },
};
