/**
 * Guards the layer directions of the architecture (architecture-examples.md "Direction of dependencies"):
 * core ← detect, law (pure) ← services ← cli/web; ingest, engine, report are edge layers combined only in services;
 * only engine/duckdb imports DuckDB.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// Compiled tests run from dist/, sources live in src/: always read the sources.
const srcRoot = join(here, '..', 'src');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

function layerOf(file: string): string {
  return relative(srcRoot, file).split(/[\\/]/)[0]!.replace(/\.ts$/, '');
}

/** Which layers each layer may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  detect: ['core'],
  law: ['core'],
  ingest: ['core'],
  engine: ['core'],
  config: ['core'],
  report: ['core', 'detect', 'law', 'services'],
  demo: ['core', 'detect'],
  services: ['core', 'detect', 'law', 'ingest', 'engine', 'config', 'report', 'demo'],
  cli: ['core', 'services', 'law', 'config', 'demo', 'report', 'detect'],
  bench: ['core', 'services', 'demo', 'engine', 'ingest', 'detect'],
  web: ['core', 'services', 'config', 'law', 'report'],
};

test('layers import only the layers they may depend on', () => {
  const bad: string[] = [];
  for (const file of walk(srcRoot)) {
    const layer = layerOf(file);
    if (!(layer in ALLOWED)) continue;
    for (const spec of imports(file)) {
      if (!spec.startsWith('.')) continue;
      const target = layerOf(join(dirname(file), spec));
      if (target === layer) continue;
      if (!ALLOWED[layer]!.includes(target))
        bad.push(`${relative(srcRoot, file)} imports ${spec} (${layer} → ${target})`);
    }
  }
  assert.deepEqual(bad, []);
});

test('only engine/duckdb imports @duckdb/node-api', () => {
  const offenders = walk(srcRoot)
    .filter((f) => imports(f).some((s) => s.startsWith('@duckdb/')))
    .map((f) => relative(srcRoot, f).replaceAll('\\', '/'))
    .filter((f) => !f.startsWith('engine/duckdb/'));
  assert.deepEqual(offenders, []);
});

test('pure layers (core, detect, law) do no file or network I/O', () => {
  const offenders: string[] = [];
  for (const file of walk(srcRoot)) {
    const layer = layerOf(file);
    if (!['detect', 'law'].includes(layer)) continue;
    for (const spec of imports(file)) {
      if (/^(node:)?(fs|fs\/promises|net|http|https|child_process)$/.test(spec))
        offenders.push(`${relative(srcRoot, file)}: ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});
