/**
 * @module cli/command
 * The shape of one CLI command. Each command is a file in `commands/` and one entry in `commands/index.ts`.
 */
import type { ParseArgsConfig } from 'node:util';
import type { Io } from './output.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
}

export interface Command {
  readonly name: string;
  /** One line for `xinjian --help`. */
  readonly summary: string;
  /** Full usage text for `xinjian <name> --help`. */
  readonly usage: string;
  readonly options: OptionSpec;
  run(args: ParsedArgs, io: Io): Promise<number>;
}

/** Reads a string option; throws nothing, returns undefined when absent. */
export function optString(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Reads a boolean flag. */
export function optFlag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
