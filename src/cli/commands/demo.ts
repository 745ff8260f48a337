/**
 * @module cli/commands/demo
 * `xinjian demo DIR [--records N] [--seed S]` — writes the synthetic demo case and its ground truth.
 */
import { join, resolve } from 'node:path';
import { CATEGORIES, CATEGORY_IDS } from '../../core/categories.js';
import { UsageError } from '../../core/errors.js';
import { DEFAULT_ANALYSIS_DATE, generateDemo, MAX_RECORDS, MIN_RECORDS } from '../../demo/generate.js';
import { INVALID_REASONS } from '../../demo/ledger.js';
import { type Command, optString } from '../command.js';
import { EXIT_OK } from '../output.js';

const USAGE = `Usage: xinjian demo DIR [--records N] [--seed S] [--analysis-date YYYY-MM-DD]

Writes a synthetic demo case (演示案例): eight seized-looking files in GB18030, UTF-8, UTF-8 with BOM and
UTF-16LE under DIR/evidence/, and the ground truth of every figure \`xinjian analyze\` reports to
DIR/truth.json. All persons are invented. Same seed and size give byte-identical files.

Options:
  --records N            number of records (${MIN_RECORDS}–${MAX_RECORDS}, default 5000)
  --seed S               random seed, a whole number (default 1)
  --analysis-date DATE   analysis date written to truth.json (default ${DEFAULT_ANALYSIS_DATE})`;

function wholeNumber(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
    throw new UsageError(`--${name} must be a whole number, got '${v}'`);
  }
  return Number(v);
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'write a synthetic demo case (演示案例) with its ground truth',
  usage: USAGE,
  options: {
    records: { type: 'string' },
    seed: { type: 'string' },
    'analysis-date': { type: 'string' },
  },
  async run(args, io) {
    if (args.positionals.length !== 1) throw new UsageError(`give exactly one DIR\n\n${USAGE}`);
    const dir = resolve(args.positionals[0]!);
    const records = wholeNumber(optString(args, 'records'), 'records', 5000);
    const seed = wholeNumber(optString(args, 'seed'), 'seed', 1);
    const analysisDate = optString(args, 'analysis-date');
    const truth = await generateDemo(dir, { records, seed, ...(analysisDate ? { analysisDate } : {}) });

    const t = truth.totals;
    const invalid = INVALID_REASONS.map((r) => `${r} ${t.invalid[r]}`).join(', ');
    const lines = [
      `演示案例已生成 / demo case written: ${join(dir, 'evidence')}`,
      `  种子 seed ${seed}, 分析日期 analysis date ${truth.generator.analysis_date}`,
      `  ${truth.items.length} 个检材 evidence items, ${t.records} 条记录 records`,
      `  有效 valid ${t.valid}, 无效 invalid ${t.records - t.valid} (${invalid})`,
      `  完全重复 exact duplicates ${t.exact_duplicates}`,
      '  类别 category: 计数 count (records / subjects)',
      ...CATEGORY_IDS.filter((id) => t.categories[id].records > 0).map((id) => {
        const c = t.categories[id];
        return `    ${CATEGORIES[id].label} ${id} (tier ${c.tier}): ${c.count} (${c.records} / ${c.subjects})`;
      }),
      `标准答案 ground truth: ${join(dir, 'truth.json')}`,
      `下一步 next: xinjian analyze ${join(dir, 'evidence')} --out <DIR> --analysis-date ${truth.generator.analysis_date}`,
      '',
    ];
    io.out.write(lines.join('\n'));
    return EXIT_OK;
  },
};
