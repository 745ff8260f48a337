/**
 * @module cli/commands/sample
 * `xinjian sample --out DIR [...]` draws the authenticity sample of a finished analysis (verification workbook +
 * sample.json); `xinjian sample import --out DIR WORKBOOK.xlsx` reads the filled workbook back, computes the
 * rates, exact intervals and conservative counts (sample-results.json) and re-renders the reports.
 */
import type { Tier } from '../../core/categories.js';
import { UsageError } from '../../core/errors.js';
import { writeReports } from '../../services/report.js';
import { drawSample, importVerification } from '../../services/sample.js';
import { type Command, optFlag, optString } from '../command.js';
import { EXIT_OK } from '../output.js';

const USAGE = `Usage: xinjian sample --out DIR [--seed S] [--confidence 0.95] [--margin 0.05] [--full-tiers 1,2]
       xinjian sample import --out DIR WORKBOOK.xlsx

Draws a reproducible authenticity sample from the analysis in DIR (after xinjian analyze): per holder and
category, Cochran's sample size with finite-population correction, proportional allocation over the evidence
items (largest remainder), and within each item the units with the smallest SHA-256(seed, U+001F, unit key).
Each sampled item's SHA-256 is checked against the analysis before its records are read back.
Writes DIR/verification.xlsx (full values, for the verifier: 核实结果 真实 / 不真实 / 无法核实) and DIR/sample.json.

'sample import' reads the filled workbook (refused if its seed, design checksum or any row differs from the
drawn sample, or a result is missing), writes DIR/sample-results.json (rate per stratum and per holder/category,
Clopper–Pearson interval, conservative count = max(verified true, floor(lower bound × count))) and re-renders
the reports with the results.

Options:
  --out DIR            the analysis output folder (required)
  --seed S             seed text (default: the first 16 hex digits of summary.json's SHA-256)
  --confidence C       two-sided confidence level, 0 < C < 1 (default 0.95)
  --margin E           margin of error, 0 < E < 1 (default 0.05)
  --full-tiers T       export these tiers in full for itemised verification (逐一认定), e.g. 1,2 (default: none)
  --evidence DIR       the evidence folder, if it moved since the analysis
  --quiet              no progress lines

Exit codes: 0 done; 2 bad command line or a refused workbook; 4 evidence changed since the analysis; 1 error.`;

function fraction(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  const x = Number(v);
  if (!/^\d*\.?\d+$/.test(v) || !(x > 0 && x < 1))
    throw new UsageError(`--${name} must be a number between 0 and 1, got '${v}'`);
  return x;
}

function tiers(v: string | undefined): Tier[] {
  if (v === undefined || v === '' || v === 'none') return [];
  return v.split(',').map((t) => {
    const s = t.trim();
    if (s !== '1' && s !== '2' && s !== '3')
      throw new UsageError(`--full-tiers takes tiers 1, 2, 3 (comma-separated), got '${t}'`);
    return Number(s) as Tier;
  });
}

export const sampleCommand: Command = {
  name: 'sample',
  summary:
    'draw the authenticity sample (verification workbook); `sample import` reads the verified workbook',
  usage: USAGE,
  options: {
    out: { type: 'string' },
    seed: { type: 'string' },
    confidence: { type: 'string' },
    margin: { type: 'string' },
    'full-tiers': { type: 'string' },
    evidence: { type: 'string' },
    quiet: { type: 'boolean' },
  },
  async run(args, io) {
    const out = optString(args, 'out');
    if (!out) throw new UsageError(`--out DIR is required\n\n${USAGE}`);
    const progress = optFlag(args, 'quiet') ? undefined : (m: string) => io.err.write(`  ${m}\n`);
    if (args.positionals[0] === 'import') {
      if (args.positionals.length !== 2) throw new UsageError(`give exactly one WORKBOOK.xlsx\n\n${USAGE}`);
      for (const o of ['seed', 'confidence', 'margin', 'full-tiers', 'evidence']) {
        if (args.values[o] !== undefined) throw new UsageError(`--${o} does not apply to 'sample import'`);
      }
      const { results, resultsPath } = await importVerification({
        outDir: out,
        workbook: args.positionals[1]!,
      });
      const lines = results.domains.map(
        (d) =>
          `  ${d.holder} ${d.category}: n=${d.n} 真实 ${d.verified_true}，区间 [${(d.lower * 100).toFixed(2)}%, ${(d.upper * 100).toFixed(2)}%]，保守数 ${d.conservative} / 查获数 ${d.population}`,
      );
      const rep = await writeReports({ outDir: out, ...(progress ? { onProgress: progress } : {}) });
      lines.push(`results: ${resultsPath}`);
      for (const w of rep.written) lines.push(`report:  ${w.path}`);
      for (const s of rep.skipped) lines.push(`skipped: ${s.format} — ${s.reason}`);
      io.out.write(`${lines.join('\n')}\n`);
      return EXIT_OK;
    }
    if (args.positionals.length > 0)
      throw new UsageError(`unexpected argument '${args.positionals[0]}'\n\n${USAGE}`);
    const seed = optString(args, 'seed');
    if (seed !== undefined && seed.length === 0) throw new UsageError('--seed must not be empty');
    const evidence = optString(args, 'evidence');
    const { design, samplePath, workbookPath } = await drawSample({
      outDir: out,
      ...(seed !== undefined ? { seed } : {}),
      confidence: fraction(optString(args, 'confidence'), 'confidence', 0.95),
      margin: fraction(optString(args, 'margin'), 'margin', 0.05),
      fullTiers: tiers(optString(args, 'full-tiers')),
      ...(evidence ? { evidenceRoot: evidence } : {}),
      ...(progress ? { onProgress: progress } : {}),
    });
    const lines = [
      `seed ${design.seed}${design.seed_source === 'given' ? '' : ' (from summary.json)'}; ${design.rows.length} record(s) drawn`,
      ...design.domains.map(
        (d) =>
          `  ${d.holder} ${d.category}: N=${d.population} → n=${d.n}${d.design === 'census' ? ' (逐一认定: all)' : ''}`,
      ),
      `workbook: ${workbookPath}`,
      `design:   ${samplePath}`,
    ];
    io.out.write(`${lines.join('\n')}\n`);
    return EXIT_OK;
  },
};
