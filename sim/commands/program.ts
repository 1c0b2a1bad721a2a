import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import type { EngineName } from '../engine/simulate.ts';
import { ENGINE_NAMES } from '../engine/simulate.ts';
import { UsageError } from '../util/errors.ts';

// What every subcommand shares: error reporting with the CLI's exit codes, and a strict commander program.

/** Turns any error into the one-line message and exit code the CLI promises. */
export function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return 0;
    process.stderr.write(`priceclass: ${err.message.replace(/^error: /, '')}\n`);
    return 2;
  }
  const e = err as { name?: string; message?: string; exitCode?: number };
  if (e && (e.name === 'InputError' || e.name === 'UsageError')) {
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  process.stderr.write(`priceclass: internal error: ${e?.message ?? String(err)}\n`);
  if (process.env.PRICECLASS_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
  return 1;
}

/** A commander program configured to throw (not exit) and to print errors as one line; --help on stdout. */
export function strictProgram(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: (s) => process.stdout.write(s) })
    .allowExcessArguments(false);
}

/** The --engine flag: fast (the default) or spec; results are identical but for wallS. */
export function engineOption(command: string, text: string | undefined): EngineName {
  if (text === undefined) return 'fast';
  if ((ENGINE_NAMES as readonly string[]).includes(text)) return text as EngineName;
  throw new UsageError(`priceclass ${command}: --engine: expected one of ${ENGINE_NAMES.join(', ')}, got '${text}'`);
}

/** The version in package.json (the one source of truth for `priceclass --version`). */
export function packageVersion(): string {
  const pkg: { version?: unknown } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return String(pkg.version);
}
