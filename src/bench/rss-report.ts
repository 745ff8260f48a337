/**
 * @module bench/rss-report
 * Preloaded into a measured Node child (`node --import …/rss-report.js`) when GNU time is missing: writes the
 * child's peak resident set size (KiB, `process.resourceUsage().maxRSS`) to the file the benchmark named.
 */
import { writeFileSync } from 'node:fs';
import { RSS_FILE_ENV } from './measure.js';

const file = process.env[RSS_FILE_ENV];
if (file) {
  process.on('exit', () => {
    writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
