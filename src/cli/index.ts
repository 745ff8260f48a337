/**
 * @module cli
 * Parses the command line and dispatches through the command table. No logic of its own.
 */
import { parseArgs } from 'node:util';
import { errorMessage, UsageError } from '../core/errors.js';
import { TOOL_VERSION } from '../core/version.js';
import type { Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_OK, EXIT_USAGE, exitCodeFor, type Io, processIo } from './output.js';

function help(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `xinjian ${TOOL_VERSION} — 信鉴: forensic counting of personal-information evidence`,
    '',
    'Usage: xinjian <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `xinjian <command> --help` for the options of a command.',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out.write(help(COMMANDS));
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.out.write(`${TOOL_VERSION}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err.write(`xinjian: unknown command '${name}'\n\n${help(COMMANDS)}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out.write(`${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError(`${errorMessage(e)}\n\n${command.usage}`);
    }
    return await command.run({ values: parsed.values, positionals: parsed.positionals }, io);
  } catch (e) {
    io.err.write(`xinjian ${name}: ${errorMessage(e)}\n`);
    return exitCodeFor(e);
  }
}

export { EXIT_USAGE };
