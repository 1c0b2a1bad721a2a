import { pathToFileURL } from 'node:url';
import { packageVersion, reportError } from './commands/program.ts';

// `priceclass`: the command-line entry point. Each subcommand lives in its own module, loaded on demand so
// `check` does not pay for the plotting stack and `run` does not load fast-check.
// Exit codes: 0 success, 1 a check failed, 2 bad usage or bad input (one line on stderr, no stack trace),
// 130 interrupted.
// (Shared helpers live in commands/program.ts: the subcommands must not import this entry module, whose
// top-level await would make that import wait forever.)

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await (await import('./commands/run.ts')).runCommand(rest);
      case 'sweep':
        return await (await import('./commands/sweep.ts')).sweepCommand(rest);
      case 'conform':
        return await (await import('./commands/conform.ts')).conformCommand(rest);
      case 'merge':
        return await (await import('./commands/merge.ts')).mergeCommand(rest);
      case 'check':
        return await (await import('../properties/cli.ts')).checkCommand(rest);
      case 'replay':
        return await (await import('../properties/cli.ts')).replayCommand(rest);
      case '-V':
      case '--version':
        process.stdout.write(`${packageVersion()}\n`);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(usage());
        return command === undefined ? 2 : 0;
      default:
        process.stderr.write(
          `priceclass: unknown command '${command}' (expected run, sweep, conform, merge, check or replay)\n`,
        );
        return 2;
    }
  } catch (err) {
    return reportError(err);
  }
}

function usage(): string {
  return [
    'priceclass: model, verification suite and simulator of XX, the price-class serverless scheduler',
    '',
    'usage:',
    '  priceclass run SCENARIO [--policy NAME[,NAME...]] [--set PATH=VALUE]... [--seed N] [--engine fast|spec]',
    '                 [--json] [--out DIR]',
    '  priceclass sweep SWEEP.yaml [--workers N] [--shard I/N] [--out DIR] [--point-timeout S] [--engine fast|spec]',
    '  priceclass conform SCENARIO... [--set PATH=VALUE]... [--json]',
    '  priceclass merge DIR... --out DIR',
    '  priceclass check [--property NAME] [--policy NAME] [--runs N] [--seed N]',
    '                   [--mutant NAME | --mutants] [--json]',
    '  priceclass check --exhaustive [--scope NAME] [--policy NAME] [--max-states N] [--max-depth N] [--long]',
    '  priceclass replay FILE [--real] [--microsteps] [--scenario OUT.yaml] [--html OUT.html]',
    '  priceclass --version',
    '',
    "Each command's options: priceclass COMMAND --help",
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
