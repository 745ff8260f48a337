/**
 * Conformance suite for every recognizer (architecture-examples.md "Conventions"): the contract (unique ids, one
 * per FieldType, header words, regexes), the guard that every file of recognizers/ is in the list, every
 * recognizer against its `<name>.vectors.ts`, free-text scanning, and hostile inputs within a time budget.
 * Runs from src/ (tsx) and from dist/ (after tsc): the folder is read relative to this file.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FIELD_TYPES, type FieldType, STRONG_IDENTIFIERS } from '../core/field-types.js';
import { normalizeHeader, normalizeText } from '../core/normalize.js';
import type { RecognizeContext, Recognizer, Verdict } from './recognizer.js';
import { RECOGNIZERS, recognizerFor } from './recognizers/index.js';
import { type RecognizerCase, type ScanCase, VECTOR_ANALYSIS_DATE } from './recognizers/lib/types.js';

const DIR = fileURLToPath(new URL('./recognizers/', import.meta.url));
const SOURCE = /^(?<name>[a-z0-9-]+)\.(?:ts|js)$/;
const STATUSES = new Set(['valid', 'invalid', 'masked', 'truncated', 'nomatch']);

/** Recognizer files of the folder: top level only (lib/ holds shared tables), no tests, vectors or index. */
function recognizerFiles(): { name: string; file: string; vectors: string | undefined }[] {
  const names = readdirSync(DIR).filter((f) => statSync(join(DIR, f)).isFile());
  const out: { name: string; file: string; vectors: string | undefined }[] = [];
  for (const f of names) {
    if (f.endsWith('.d.ts') || f.includes('.test.') || f.includes('.vectors.')) continue;
    const m = SOURCE.exec(f);
    if (m === null || m.groups?.name === 'index') continue;
    const name = m.groups!.name!;
    const vectors = names.find((v) => v === `${name}.vectors.ts` || v === `${name}.vectors.js`);
    out.push({ name, file: f, vectors });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function isRecognizer(x: unknown): x is Recognizer {
  return typeof x === 'object' && x !== null && typeof (x as Recognizer).match === 'function' && 'id' in x;
}

interface Loaded {
  readonly name: string;
  readonly recognizer: Recognizer;
  readonly vectors: readonly RecognizerCase[];
  readonly scan: readonly ScanCase[];
}

const files = recognizerFiles();
const loaded: Loaded[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(DIR, f.file)).href)) as Record<string, unknown>;
  const recs = Object.values(mod).filter(isRecognizer);
  const vec =
    f.vectors === undefined
      ? {}
      : ((await import(pathToFileURL(join(DIR, f.vectors)).href)) as {
          VECTORS?: readonly RecognizerCase[];
          SCAN_VECTORS?: readonly ScanCase[];
        });
  for (const r of recs)
    loaded.push({ name: f.name, recognizer: r, vectors: vec.VECTORS ?? [], scan: vec.SCAN_VECTORS ?? [] });
}

function ctxOf(v: { viaHeader?: boolean; analysisDate?: string }): RecognizeContext {
  return { analysisDate: v.analysisDate ?? VECTOR_ANALYSIS_DATE, viaHeader: v.viaHeader === true };
}

function show(v: Verdict): string {
  return JSON.stringify(v);
}

describe('recognizer contract', () => {
  test('ids are unique and of the form <region>.<thing>', () => {
    const ids = RECOGNIZERS.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids}`);
    for (const id of ids) assert.match(id, /^[a-z]+\.[a-z_]+$/, id);
  });
  test('exactly one recognizer per FieldType, and recognizerFor returns it', () => {
    const types = RECOGNIZERS.map((r) => r.type);
    assert.deepEqual([...types].sort(), [...FIELD_TYPES].sort());
    for (const t of FIELD_TYPES) assert.equal(recognizerFor(t).type, t);
  });
  for (const r of RECOGNIZERS) {
    test(`${r.id}: version, reference, header words, patterns`, () => {
      assert.match(r.version, /^\d+\.\d+\.\d+$/);
      assert.ok(r.reference.trim().length > 0, 'reference');
      assert.ok(r.headerWords.length > 0, 'header words');
      for (const w of r.headerWords)
        assert.ok(normalizeHeader(w).length > 0, `header word "${w}" normalises to ''`);
      for (const w of r.headerExclude ?? []) assert.ok(normalizeHeader(w).length > 0, `exclude "${w}"`);
      assert.equal(typeof r.contextRequired, 'boolean');
      const patterns = (r as { patterns?: Record<string, unknown> }).patterns;
      assert.ok(patterns !== undefined && typeof patterns === 'object', 'patterns exposed');
      for (const [name, re] of Object.entries(patterns)) {
        assert.ok(re instanceof RegExp, `${name} is a RegExp`);
        assert.equal(re.sticky, false, `${name} must not be sticky`);
        assert.doesNotThrow(() => new RegExp(re.source, re.flags), `${name} recompiles`);
        if (name.startsWith('scan')) assert.ok(re.global, `${name}: scan patterns are global`);
      }
    });
  }
});

describe('guard: every file in recognizers/ is in RECOGNIZERS', () => {
  test('the folder holds one recognizer file per list entry', () => {
    assert.ok(files.length > 0, `no recognizer files found in ${DIR}`);
    assert.equal(loaded.length, files.length, `files: ${files.map((f) => f.file)}`);
    for (const l of loaded)
      assert.ok(RECOGNIZERS.includes(l.recognizer), `${l.name} exports ${l.recognizer.id}, not in the list`);
    for (const r of RECOGNIZERS)
      assert.ok(
        loaded.some((l) => l.recognizer === r),
        `${r.id} has no file in the folder`,
      );
  });
  test('every recognizer file has a vectors file with vectors', () => {
    for (const f of files) assert.ok(f.vectors !== undefined, `${f.name}.vectors.ts missing`);
    for (const l of loaded) assert.ok(l.vectors.length >= 5, `${l.name}: at least 5 vectors`);
  });
});

const IDENTIFIER_TYPES: readonly FieldType[] = [...STRONG_IDENTIFIERS, 'landline', 'plate'];

for (const l of loaded) {
  const r = l.recognizer;
  describe(`${r.id} vectors`, () => {
    test('vectors cover positives and negatives', () => {
      const statuses = new Set(l.vectors.map((v) => v.status));
      assert.ok(statuses.has('valid'), 'a valid vector');
      assert.ok(statuses.has('nomatch'), 'a nomatch vector');
      if (IDENTIFIER_TYPES.includes(r.type)) {
        assert.ok(statuses.has('invalid'), 'an invalid vector');
        assert.ok(statuses.has('masked'), 'a masked vector');
      }
      if (r.type === 'resident_id' || r.type === 'mobile' || r.type === 'bank_card') {
        assert.ok(statuses.has('truncated'), 'a truncated vector');
      }
    });
    for (const v of l.vectors) {
      const label = `${JSON.stringify(v.value)}${v.viaHeader ? ' [header]' : ''} → ${v.status}: ${v.note}`;
      test(label, () => {
        const ctx = ctxOf(v);
        const value = normalizeText(v.value);
        const got = r.match(value, ctx);
        assert.equal(got.status, v.status, show(got));
        assert.ok(STATUSES.has(got.status));
        if (v.normalized !== undefined) assert.equal(got.normalized, v.normalized, show(got));
        if (v.reason !== undefined) assert.equal(got.reason, v.reason, show(got));
        if (v.pattern !== undefined) assert.equal(got.pattern, v.pattern, show(got));
        if (v.warning !== undefined) assert.equal(got.warning ?? '', v.warning, show(got));
        if (got.status === 'nomatch') assert.equal(got.normalized, '', 'nomatch has no normalized value');
        else assert.ok(got.normalized.length > 0, 'normalized value present');
        if (got.status === 'valid') {
          assert.ok(got.pattern !== undefined, 'valid verdicts name their pattern');
        } else {
          assert.ok(got.reason !== undefined && got.reason.length > 0, 'non-valid verdicts carry a reason');
          assert.equal(got.warning, undefined, 'warnings only on valid verdicts');
        }
        assert.deepEqual(r.match(value, ctx), got, 'same input, same verdict (no state between calls)');
      });
    }
  });
  if (l.scan.length > 0 || r.scan !== undefined) {
    describe(`${r.id} scan`, () => {
      test('scan vectors exist when scan does', () => {
        assert.ok(r.scan !== undefined, 'SCAN_VECTORS without scan()');
        assert.ok(l.scan.length > 0, 'scan() without SCAN_VECTORS');
      });
      for (const s of l.scan) {
        test(`${JSON.stringify(s.text)}: ${s.note}`, () => {
          const ctx = ctxOf({});
          const text = normalizeText(s.text);
          const spans = r.scan!(text, ctx);
          const got = spans.map((sp) => ({
            value: text.slice(sp.start, sp.end),
            status: sp.verdict.status,
            normalized: sp.verdict.normalized,
          }));
          assert.equal(got.length, s.found.length, JSON.stringify(got));
          s.found.forEach((want, i) => {
            assert.equal(got[i]!.value, want.value, JSON.stringify(got));
            assert.equal(got[i]!.status, want.status, JSON.stringify(got));
            if (want.normalized !== undefined) assert.equal(got[i]!.normalized, want.normalized);
          });
        });
      }
    });
  }
}

describe('free-text scanning is implemented for the strong identifiers', () => {
  for (const t of ['resident_id', 'mobile', 'bank_card', 'email'] as const) {
    test(t, () => assert.equal(typeof recognizerFor(t).scan, 'function'));
  }
});

describe('hostile inputs: no exceptions, no super-linear regexes', () => {
  const hostile = [
    '',
    ' ',
    'a'.repeat(20000),
    '1'.repeat(20000),
    `${'1'.repeat(20000)}X`,
    '@'.repeat(10000),
    'a@'.repeat(5000),
    `${'a.'.repeat(5000)}@`,
    `x@${'a-'.repeat(5000)}`,
    '张'.repeat(10000),
    '1.'.repeat(10000),
    '1,'.repeat(10000),
    `${'9'.repeat(5000)}°`,
    '*'.repeat(10000),
    'xX'.repeat(10000),
    '１'.repeat(5000),
    '\u0000\uffff\ud800',
    `${'1 '.repeat(10000)}1`,
    `${'1-'.repeat(10000)}1`,
    `2020-01-02 ${'1'.repeat(10000)}`,
    `¥${'1'.repeat(10000)}`,
  ];
  const ctx: RecognizeContext = { analysisDate: VECTOR_ANALYSIS_DATE, viaHeader: true };
  for (const r of RECOGNIZERS) {
    test(`${r.id} answers hostile inputs quickly`, () => {
      for (const h of hostile) {
        const t0 = performance.now();
        const v = r.match(normalizeText(h), ctx);
        assert.ok(STATUSES.has(v.status), `${r.id}: bad status for ${h.slice(0, 20)}`);
        if (r.scan) r.scan(h, ctx);
        const ms = performance.now() - t0;
        assert.ok(
          ms < 250,
          `${r.id}: ${ms.toFixed(1)} ms on ${JSON.stringify(h.slice(0, 12))}… (${h.length} chars)`,
        );
      }
    });
  }
});
