/**
 * @module cli/commands/report
 * `xinjian report --out DIR [--formats docx,pdf,xlsx,html]`: re-renders the report documents of a finished
 * analysis (with the sample and verification results when present).
 */
import { UsageError } from '../../core/errors.js';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from '../../report/writers/index.js';
import { writeReports } from '../../services/report.js';
import { type Command, optFlag, optString } from '../command.js';
import { EXIT_ERROR, EXIT_OK } from '../output.js';

const USAGE = `Usage: xinjian report --out DIR [--formats docx,pdf,xlsx,html]

Writes the report documents of the analysis in DIR from summary.json (checked against the analysis), the kept
report data, and sample.json / sample-results.json when they belong to this analysis:
DIR/report.docx, DIR/report.pdf, DIR/appendix.xlsx, DIR/report.html. The same inputs give byte-identical
DOCX, XLSX and HTML files. A format that cannot be written on this machine (e.g. PDF without a CJK font,
Debian package fonts-noto-cjk) is skipped with its reason; the others are still written.

Options:
  --out DIR        the analysis output folder (required)
  --formats LIST   comma-separated subset of ${REPORT_FORMATS.join(',')} (default: all)
  --quiet          no progress lines

Exit codes: 0 every requested format written; 1 some format skipped or error; 4 summary.json changed.`;

export const reportCommand: Command = {
  name: 'report',
  summary: 'write the report documents (DOCX, PDF, XLSX appendices, HTML) of a finished analysis',
  usage: USAGE,
  options: {
    out: { type: 'string' },
    formats: { type: 'string' },
    quiet: { type: 'boolean' },
  },
  async run(args, io) {
    const out = optString(args, 'out');
    if (!out) throw new UsageError(`--out DIR is required\n\n${USAGE}`);
    if (args.positionals.length > 0)
      throw new UsageError(`unexpected argument '${args.positionals[0]}'\n\n${USAGE}`);
    const list = optString(args, 'formats');
    let formats: ReportFormat[] = [...REPORT_FORMATS];
    if (list !== undefined) {
      formats = [];
      for (const f of list.split(',').map((s) => s.trim().toLowerCase())) {
        if (!isReportFormat(f))
          throw new UsageError(`unknown format '${f}' (known: ${REPORT_FORMATS.join(', ')})`);
        if (!formats.includes(f)) formats.push(f);
      }
    }
    const r = await writeReports({
      outDir: out,
      formats,
      ...(optFlag(args, 'quiet') ? {} : { onProgress: (m: string) => io.err.write(`  ${m}\n`) }),
    });
    const lines = [
      ...r.written.map((w) => `${w.path}  ${w.sha256}`),
      ...r.skipped.map((s) => `skipped ${s.format}: ${s.reason}`),
      ...r.notes.map((n) => `note: ${n}`),
    ];
    io.out.write(`${lines.join('\n')}\n`);
    return r.skipped.length > 0 ? EXIT_ERROR : EXIT_OK;
  },
};
