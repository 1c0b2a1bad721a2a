import { resolve } from 'node:path';
import { mergeSweeps } from '../sweep/merge.ts';
import { strictProgram } from './program.ts';

// `priceclass merge DIR... --out DIR`: joins the outputs of `priceclass sweep --shard` runs (checked to be the
// same sweep) and writes the full report, exactly as one unsharded run would.

export async function mergeCommand(argv: readonly string[]): Promise<number> {
  const program = strictProgram('priceclass merge', 'join the outputs of sharded sweep runs into one report')
    .argument('<dirs...>', 'sweep output directories (from priceclass sweep --out)')
    .requiredOption(
      '--out <dir>',
      'directory for the merged points, sweep.csv, plots, sweep.md and report.html (replaced atomically)',
    );
  program.parse(['node', 'merge', ...argv]);
  const out = program.opts<{ out: string }>().out;
  const dirs = program.args;
  const result = await mergeSweeps(dirs, resolve(out));
  process.stderr.write(
    `priceclass merge: ${result.points} points from ${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'}\n`,
  );
  process.stdout.write(`wrote ${result.written.map((f) => `${out}/${f}`).join(', ')}\n`);
  return 0;
}
