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

/**
 * The sampling unit of a category for authenticity verification: distinct records (distinct exact keys) for
 * categories counted by records, distinct data subjects (distinct subject keys) for those counted by subjects,
 * so that the sampling frame of a (holder, category) is exactly the legal count being verified.
 */
export type SamplingUnit = 'records' | 'subjects';

/** One stratum of the sampling frame: the units of a holder and category whose representative is in `item`. */
export interface FrameStratum {
  readonly holder: number;
  readonly category: string;
  readonly item: number;
  /** Distinct units whose representative record (smallest item, then line, within the holder) is in this item. */
  readonly size: number;
}

export interface SampleQuota {
  readonly holder: number;
  readonly category: string;
  readonly item: number;
  readonly n: number;
}

/** One drawn unit: its representative record's position and its place in the seeded order. */
export interface DrawnUnit {
  readonly holder: number;
  readonly category: string;
  readonly item: number;
  readonly line: number;
  /** 1-based position in the stratum's order. */
  readonly rank: number;
  /** SHA-256 (hex) of `seed`, U+001F and the unit key (UTF-8): the sort key of the draw. */
  readonly order_key: string;
}

export interface EngineSettings {
  /** Directory for the engine's own files (database, spill). Created if missing. */
  readonly workDir: string;
  /** e.g. `2GB`. */
  readonly memoryLimit: string;
  readonly threads: number;
  /**
   * DuckDB: the number of passes that group staged rows by key, instead of the one derived from the staged bytes and
   * the memory limit (for tests that check the passes' sums against one pass).
   */
  readonly passes?: number;
}

export interface CountingEngine {
  readonly name: string;
  /** Engine name and version as printed in reports, e.g. `duckdb v1.5.6`. */
  version(): Promise<string>;
  /**
   * Loads staging files (replacing anything loaded before); returns the number of rows. An engine may take the
   * files over (DuckDB moves them into its work folder and reads them from there): the caller must not use them
   * afterwards.
   */
  load(stagingFiles: readonly string[]): Promise<number>;
  /**
   * Per holder and category, and for the case (holder null). Sorted by holder, then category.
   * With `remap`, the records of the given items are counted under another category (contested readings). Keys
   * hold no category (it is its own column), so records of different items with equal keys become one record when
   * their items are counted under one category.
   */
  tallies(remap?: ReadonlyMap<number, string>): Promise<CategoryTally[]>;
  /** The largest exact-duplicate groups, for the report's examples. */
  duplicateGroups(limit: number, occurrencesPerGroup: number): Promise<DuplicateGroup[]>;
  /**
   * Sampling frame for authenticity verification (issue 6), from the loaded (or kept) staged records: per holder
   * and category, the distinct units (see `SamplingUnit`; categories absent from `units` use records), each
   * represented by its smallest (item, line) within the holder and counted in that item's stratum. Sorted by
   * holder, category, item. Optional: engines that keep no staged records do not offer sampling.
   */
  samplingFrame?(units: Readonly<Record<string, SamplingUnit>>): Promise<FrameStratum[]>;
  /**
   * Draws `quota.n` units from each stratum: the units are ordered by SHA-256(seed ‖ U+001F ‖ unit key) (hex,
   * ascending) and the first n taken. No random state is stored: the same seed and data give the same sample.
   * Sorted by holder, category, item, rank.
   */
  drawSample?(
    seed: string,
    units: Readonly<Record<string, SamplingUnit>>,
    quotas: readonly SampleQuota[],
  ): Promise<DrawnUnit[]>;
  close(): Promise<void>;
}
