/**
 * @module bench/measure
 * Runs one command as a child process and measures its wall-clock time and peak resident set size.
 *
 * Peak RSS comes from GNU time (`/usr/bin/time -f %M`, the largest RSS of the command and of every process it
 * waited for, e.g. the stages of a shell pipeline). Without it, a Node child reports its own
 * `process.resourceUsage().maxRSS` at exit through a preloaded module (rss-report.ts); other commands then have
 * no RSS figure.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';

export const GNU_TIME = '/usr/bin/time';
/** Environment variable naming the file rss-report.ts writes maxRSS (KiB) to. */
export const RSS_FILE_ENV = 'XINJIAN_BENCH_RSS_FILE';

export interface Measured {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly seconds: number;
  readonly peakRssBytes: number | null;
  readonly stdout: string;
  /** The last 64 KiB of standard error. */
  readonly stderr: string;
  /** Every whole line of standard error that matched `stderrLines`. */
  readonly stderrMatched: readonly string[];
  /** How the RSS was taken: `gnu-time`, `node-resource-usage` or `none`. */
  readonly rssSource: 'gnu-time' | 'node-resource-usage' | 'none';
}

export interface MeasureOptions {
  /** Scratch file for GNU time's or the Node child's report. */
  readonly reportFile: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** GNU time's path, or null to measure without it (default: `/usr/bin/time` when present). */
  readonly gnuTime?: string | null;
  /** Lines of standard error to keep whole, however long the output (e.g. progress events of one kind). */
  readonly stderrLines?: RegExp;
}

const STDERR_KEEP = 64 * 1024;

/** `%e %M` as GNU time writes it (a line `Command exited with non-zero status N` may come first). */
export function parseGnuTime(text: string): { seconds: number; maxRssKib: number } | null {
  const lines = text.trim().split('\n');
  const m = /^(\d+(?:\.\d+)?) (\d+)$/u.exec(lines[lines.length - 1]!.trim());
  return m ? { seconds: Number(m[1]), maxRssKib: Number(m[2]) } : null;
}

export function defaultGnuTime(): string | null {
  return existsSync(GNU_TIME) ? GNU_TIME : null;
}

export async function measure(
  command: string,
  args: readonly string[],
  opts: MeasureOptions,
): Promise<Measured> {
  const gnuTime = opts.gnuTime === undefined ? defaultGnuTime() : opts.gnuTime;
  const isNode = command === process.execPath;
  let file = command;
  let argv = [...args];
  let env = { ...process.env, ...opts.env };
  let rssSource: Measured['rssSource'] = 'none';
  if (gnuTime !== null) {
    file = gnuTime;
    argv = ['-f', '%e %M', '-o', opts.reportFile, command, ...args];
    rssSource = 'gnu-time';
  } else if (isNode) {
    const preload = new URL('./rss-report.js', import.meta.url).href;
    argv = ['--import', preload, ...args];
    env = { ...env, [RSS_FILE_ENV]: opts.reportFile };
    rssSource = 'node-resource-usage';
  }
  await rm(opts.reportFile, { force: true });

  const started = process.hrtime.bigint();
  const child = spawn(file, argv, { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  let err = '';
  const matched: string[] = [];
  let partial = '';
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => {
    err = (err + c).slice(-STDERR_KEEP);
    if (!opts.stderrLines) return;
    const lines = (partial + c).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) if (opts.stderrLines.test(l)) matched.push(l);
  });
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, sig) => resolve([code, sig]));
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (opts.stderrLines?.test(partial)) matched.push(partial);

  let peakRssBytes: number | null = null;
  const report = await readFile(opts.reportFile, 'utf8').catch(() => null);
  if (report !== null && rssSource === 'gnu-time') {
    const t = parseGnuTime(report);
    if (t) peakRssBytes = t.maxRssKib * 1024;
  } else if (report !== null && rssSource === 'node-resource-usage' && /^\d+$/u.test(report.trim())) {
    peakRssBytes = Number(report.trim()) * 1024;
  }
  return {
    exitCode,
    signal,
    seconds,
    peakRssBytes,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: err,
    stderrMatched: matched,
    rssSource: peakRssBytes === null ? 'none' : rssSource,
  };
}
