/**
 * @module services/item-task
 * One table of one evidence file, read end to end into its staging file: the unit of work the analysis loop
 * runs in the main thread or hands to a worker thread (item-pool). A task is plain data, so that a worker can
 * re-open the file by itself; opening is deterministic, so the worker sees the same layout and sample.
 */
import type { ColumnRule } from '../config/manifest.js';
import type { CategoryId } from '../core/categories.js';
import { errorMessage } from '../core/errors.js';
import { openEvidence } from '../ingest/readers/index.js';
import { type ByteRange, type OpenedItem, type RangePass, rowsOf } from '../ingest/source.js';
import { analyzeItem, type ItemAnalysis, LAYOUT_HINTS } from './analyze-item.js';
import { StagingWriter } from './staging.js';

export interface ItemTask {
  /** The file to read (evidence file or extracted archive member). */
  readonly absPath: string;
  /** The file's item path (without a table suffix). */
  readonly filePath: string;
  /** Which table of the opened file (0 for text dumps). */
  readonly tableIndex: number;
  /** The table's item path (file path + table suffix). */
  readonly path: string;
  readonly holderIndex: number;
  readonly itemIndex: number;
  readonly analysisDate: string;
  readonly categoryOverride?: CategoryId | null;
  readonly delimiter?: string | null;
  readonly columnRules: readonly ColumnRule[];
  readonly stagingPath: string;
  /** Read only this byte range of the file (one part of a file split for parallel reading). */
  readonly range?: ByteRange & { readonly last: boolean };
}

export type ItemTaskResult =
  | {
      readonly ok: true;
      readonly analysis: ItemAnalysis;
      /** For a range: it ended inside a quoted field, so the parts do not add up (read the file in one pass). */
      readonly endedInQuote?: boolean;
    }
  | { readonly ok: false; readonly error: string };

/** Where a running task stands: bytes of its file read (null when its reader cannot tell) and rows staged. */
export interface TaskProgress {
  readonly bytes: number | null;
  readonly total: number | null;
  readonly staged: number;
}
export type ProgressProbe = () => TaskProgress;

async function reopen(task: ItemTask): Promise<OpenedItem> {
  const opened = await openEvidence(task.absPath, task.filePath, LAYOUT_HINTS, {
    ...(task.delimiter !== undefined ? { delimiter: task.delimiter } : {}),
  });
  const table = opened.tables[task.tableIndex];
  const suffix = table?.suffix ?? '';
  if (!table || `${task.filePath}${suffix}` !== task.path) {
    throw new Error(`${task.path}: the file no longer opens to the same tables`);
  }
  return table;
}

/**
 * Runs a task: `table` is the already-opened table when the caller has it (main thread), else the file is opened
 * again. Errors become a failed result naming the item; nothing is thrown.
 */
export async function runItemTask(
  task: ItemTask,
  table?: OpenedItem,
  onOpened?: (probe: ProgressProbe) => void,
): Promise<ItemTaskResult> {
  const staging = new StagingWriter(task.stagingPath);
  try {
    const whole = table ?? (await reopen(task));
    let opened = whole;
    let pass: RangePass | null = null;
    if (task.range) {
      if (!whole.rangePass) throw new Error(`${task.path}: this item cannot be read in parts`);
      const range = task.range;
      const part = whole.rangePass(range, range.last);
      pass = part;
      opened = {
        suffix: whole.suffix,
        layout: whole.layout,
        sample: whole.sample,
        batches: () => part.batches(),
        rows: () => rowsOf(part.batches()),
        progress: () => ({ bytes: part.bytesRead(), total: range.end - range.start }),
      };
    }
    onOpened?.(() => {
      const p = opened.progress?.();
      return { bytes: p?.bytes ?? null, total: p?.total ?? null, staged: staging.rows };
    });
    const analysis = await analyzeItem(
      {
        path: task.path,
        holderIndex: task.holderIndex,
        itemIndex: task.itemIndex,
        analysisDate: task.analysisDate,
        ...(task.categoryOverride !== undefined ? { categoryOverride: task.categoryOverride } : {}),
        columnRules: task.columnRules,
        staging,
      },
      opened,
    );
    await staging.close();
    return pass ? { ok: true, analysis, endedInQuote: pass.endedInQuote() } : { ok: true, analysis };
  } catch (e) {
    await staging.close().catch(() => undefined);
    return { ok: false, error: errorMessage(e) };
  }
}
