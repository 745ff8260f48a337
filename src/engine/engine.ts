/**
 * @module engine/engine
 * The counting-engine contract. Services stage one row per VALID record (TSV files, see `STAGING_COLUMNS`)
 * and ask the engine for exact distinct counts. Engines are interchangeable (DuckDB embedded, ClickHouse
 * cluster) and must give identical figures; core code never asks which engine it has.
 */

/** Staging file layout: tab-separated, no header, no quoting; keys are escaped so they hold no TAB or newline. */
export const STAGING_COLUMNS = [
  ['holder', 'INTEGER'],
  ['item', 'INTEGER'],
  ['line', 'BIGINT'],
  ['category', 'VARCHAR'],
  ['exact_key', 'VARCHAR'],
  ['subject_key', 'VARCHAR'],
] as const;

export interface CategoryTally {
  /** Holder index, or null for the whole case. */
  readonly holder: number | null;
  readonly category: string;
  /** Valid records (before de-duplication). */
  readonly valid: number;
  /** Distinct valid records (distinct exact keys). */
  readonly records: number;
  /** Distinct data subjects (distinct subject keys). */
  readonly subjects: number;
}

export interface DuplicateGroup {
  readonly holder: number;
  readonly category: string;
  readonly count: number;
  /** Up to a few occurrences, each an (item index, line) pair, in item/line order. */
  readonly occurrences: readonly { readonly item: number; readonly line: number }[];
}

export interface EngineSettings {
  /** Directory for the engine's own files (database, spill). Created if missing. */
  readonly workDir: string;
  /** e.g. `2GB`. */
  readonly memoryLimit: string;
  readonly threads: number;
}

export interface CountingEngine {
  readonly name: string;
  /** Engine name and version as printed in reports, e.g. `duckdb v1.5.6`. */
  version(): Promise<string>;
  /** Loads staging files (replacing anything loaded before); returns the number of rows. */
  load(stagingFiles: readonly string[]): Promise<number>;
  /**
   * Per holder and category, and for the case (holder null). Sorted by holder, then category.
   * With `remap`, the records of the given items are counted under another category (contested readings);
   * exact duplicates are then compared without the category prefix of the key.
   */
  tallies(remap?: ReadonlyMap<number, string>): Promise<CategoryTally[]>;
  /** The largest exact-duplicate groups, for the report's examples. */
  duplicateGroups(limit: number, occurrencesPerGroup: number): Promise<DuplicateGroup[]>;
  close(): Promise<void>;
}
