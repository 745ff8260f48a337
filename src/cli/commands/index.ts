/**
 * @module cli/commands
 * The single explicit list of CLI commands. Adding a command = one file + one line here.
 */
import type { Command } from '../command.js';
import { analyzeCommand } from './analyze.js';
import { assessCommand } from './assess.js';
import { demoCommand } from './demo.js';
import { reportCommand } from './report.js';
import { sampleCommand } from './sample.js';
import { verifyCommand } from './verify.js';
import { workerCommand } from './worker.js';

export const COMMANDS: readonly Command[] = [
  analyzeCommand,
  assessCommand,
  demoCommand,
  verifyCommand,
  sampleCommand,
  reportCommand,
  workerCommand,
];
