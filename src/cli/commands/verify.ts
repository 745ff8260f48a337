/**
 * @module cli/commands/verify
 * `xinjian verify --out DIR` — re-hashes the evidence and checks the custody log of an analysis.
 */
import { UsageError } from '../../core/errors.js';
import { FAILING, type VerifyRow, verifyCase } from '../../services/verify.js';
import { type Command, optFlag, optString } from '../command.js';
import { EXIT_INTEGRITY, EXIT_OK } from '../output.js';

const USAGE = `Usage: xinjian verify --out DIR [--evidence EVIDENCE_DIR] [--json]

Checks an analysis output folder against its custody log DIR/custody.jsonl:
  - the log's hash chain (every entry holds the SHA-256 of the one before it);
  - every evidence item the log records — files, archives and archive members (re-extracted into a temporary
    folder inside DIR, removed afterwards) — is re-hashed and compared with the first SHA-256 the log recorded;
  - summary.json and report.html are compared with the hashes the last finished analysis recorded.
The log is only read. Items that are new in the evidence folder, or gone from it, are mismatches too.

Options:
  --out DIR              the analysis output folder (required)
  --evidence DIR         the evidence folder (default: the one the last analysis in the log read)
  --json                 print the result as JSON instead of a table

Exit codes: 0 everything matches; 4 a hash differs, an item is missing or new, or the chain is broken;
1 error; 2 usage.`;

function short(h: string | null): string {
  return h === null ? '—' : h.slice(0, 16);
}

function table(rows: readonly VerifyRow[]): string {
  const head = ['STATUS', 'KIND', 'RECORDED', 'NOW', 'ITEM'];
  const body = rows.map((r) => [
    r.status.toUpperCase(),
    r.kind,
    short(r.recorded),
    short(r.current),
    `${r.item}${r.note ? `  — ${r.note}` : ''}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...body.map(line)].join('\n');
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 're-hash the evidence (archive members too) and check the custody log of an analysis',
  usage: USAGE,
  options: {
    out: { type: 'string' },
    evidence: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const out = optString(args, 'out');
    if (!out) throw new UsageError(`--out DIR is required\n\n${USAGE}`);
    if (args.positionals.length > 0) throw new UsageError(`verify takes no positional arguments\n\n${USAGE}`);
    const evidence = optString(args, 'evidence');
    const r = await verifyCase({ outDir: out, ...(evidence ? { evidenceRoot: evidence } : {}) });
    if (optFlag(args, 'json')) {
      io.out.write(`${JSON.stringify(r, null, 2)}\n`);
      return r.ok ? EXIT_OK : EXIT_INTEGRITY;
    }
    const c = r.chain;
    const chain = c.ok
      ? `custody chain: intact, ${c.entries} entries${c.recoveries > 0 ? ` (${c.recoveries} interrupted write(s) recorded as recovered)` : ''}`
      : `custody chain: BROKEN at line ${c.brokenAt}: ${c.reason}`;
    const failing = r.rows.filter((x) => FAILING.has(x.status));
    const lines = [
      `custody log:   ${r.custodyPath}`,
      `evidence root: ${r.evidenceRoot} (${r.runs} analysis run(s) in the log)`,
      chain,
      '',
      table(r.rows),
      '',
      r.ok
        ? `verified: ${r.rows.filter((x) => x.status === 'ok').length} hash(es) match`
        : `NOT VERIFIED: ${failing.length} mismatch(es)${c.ok ? '' : ', broken custody chain'}`,
    ];
    io.out.write(`${lines.join('\n')}\n`);
    return r.ok ? EXIT_OK : EXIT_INTEGRITY;
  },
};
