/**
 * @module engine/index
 * The registry of counting engines: one entry per kind. Services ask for a kind by the user's choice and get a
 * `CountingEngine`; nothing outside `engine/` branches on which engine it has.
 */

import { ConfigError } from '../core/errors.js';
import { ClickHouseEngine } from './clickhouse/engine.js';
import { DuckDbEngine } from './duckdb/engine.js';
import type { CountingEngine, EngineSettings } from './engine.js';

export const ENGINE_KINDS = ['duckdb', 'clickhouse'] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

export interface EngineFactorySettings extends EngineSettings {
  /** Cluster description for `clickhouse` (see engine/clickhouse/config.ts): shard URLs, comma-separated. */
  readonly clickhouseUrl?: string;
}

const FACTORIES: Readonly<Record<EngineKind, (s: EngineFactorySettings) => Promise<CountingEngine>>> = {
  duckdb: (s) => DuckDbEngine.create(s),
  clickhouse: (s) => {
    if (!s.clickhouseUrl) {
      throw new ConfigError(
        'the clickhouse engine needs the shard URLs (--clickhouse-url http://host:8123,…)',
      );
    }
    return ClickHouseEngine.create({ ...s, clickhouse: s.clickhouseUrl });
  },
};

export function isEngineKind(s: string): s is EngineKind {
  return (ENGINE_KINDS as readonly string[]).includes(s);
}

/** Starts an engine of the given kind. */
export async function createEngine(
  kind: EngineKind,
  settings: EngineFactorySettings,
): Promise<CountingEngine> {
  const factory = FACTORIES[kind];
  if (!factory) throw new ConfigError(`unknown engine '${String(kind)}' (known: ${ENGINE_KINDS.join(', ')})`);
  return factory(settings);
}
