import { availableParallelism } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { loadSweepPlan } from '../sweep/plan.ts';
import { PointsProgress } from '../sweep/progress.ts';
import { pointLabel, type RunSweepResult, runSweep } from '../sweep/run.ts';
import { parseShard, type Shard } from '../sweep/shard.ts';
import { UsageError } from '../util/errors.ts';
import { strictProgram } from './program.ts';

// `priceclass sweep SWEEP.yaml [--workers N] [--shard I/N] [--out DIR] [--point-timeout S]`
// Everything is validated (flags, sweep file, every point) before a file is written. Ctrl-C stops dispatching,
// abandons running points, keeps finished ones and exits 130; running the same command again resumes.

export async function sweepCommand(argv: readonly string[]): Promise<number> {
  const program = strictProgram('priceclass sweep')
    .argument('<sweep>', 'sweep file (YAML or JSON)')
    .option('--workers <n>', 'points run in parallel (default: the number of cores)')
    .option('--shard <i/n>', 'run only points with index % N == I (0-based); join shards with priceclass merge')
    .option('--out <dir>', 'output directory (default: out/<sweep name>)')
    .option('--point-timeout <s>', 'stop and report a point that runs longer than this many seconds');
  program.parse(['node', 'sweep', ...argv]);
  const opts = program.opts<{ workers?: string; shard?: string; out?: string; pointTimeout?: string }>();
  const file = program.args[0];
  const workers = opts.workers === undefined ? availableParallelism() : positiveInt('--workers', opts.workers, 1024);
  const shard: Shard | undefined = opts.shard === undefined ? undefined : parseShard(opts.shard);
  const pointTimeoutS =
    opts.pointTimeout === undefined ? undefined : positiveInt('--point-timeout', opts.pointTimeout, 7 * 24 * 3600);
  if (opts.out !== undefined && opts.out.trim() === '')
    throw new UsageError('priceclass sweep: --out: a directory, got ""');

  const plan = loadSweepPlan(file);
  const outDir = resolve(opts.out ?? join('out', basename(file, extname(file))));

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  let progress: PointsProgress | undefined;
  const startMs = performance.now();
  let result: RunSweepResult;
  try {
    result = await runSweep(plan, {
      outDir,
      workers,
      shard,
      pointTimeoutS,
      signal: controller.signal,
      onProgress: (p) => {
        progress ??= new PointsProgress(process.stderr, p.mine, p.skipped);
        progress.update(p.done, p.running);
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
    progress?.clear();
  }
  const wallS = ((performance.now() - startMs) / 1000).toFixed(1);
  const shardText = shard ? ` (shard ${shard.index}/${shard.count}: ${result.mine} points)` : '';
  process.stderr.write(
    `priceclass sweep: ${plan.points.length} points${shardText}; ${result.skipped} already done, ${result.ran.length} run in ${wallS} s on ${workers} worker${workers === 1 ? '' : 's'}\n`,
  );
  for (const f of result.failed.slice(0, 10)) {
    const p = plan.points[f.index];
    process.stderr.write(`priceclass sweep: point ${f.index} (${pointLabel(p)}) failed: ${f.message}\n`);
  }
  if (result.interrupted) {
    process.stderr.write(
      `priceclass sweep: interrupted; finished points are kept in ${outDir}/points: run the same command again to resume\n`,
    );
    return 130;
  }
  if (result.failed.length > 0) {
    process.stderr.write(
      `priceclass sweep: ${result.failed.length} point(s) failed; the report needs every point (rerun to retry them)\n`,
    );
    return 1;
  }
  if (result.written.length > 0) process.stdout.write(`wrote ${outDir}/sweep.csv, plots and sweep.md\n`);
  else
    process.stdout.write(
      `${result.missing} of ${plan.points.length} points are in other shards: once all shards are done, priceclass merge DIR... --out DIR\n`,
    );
  return 0;
}

function positiveInt(flag: string, text: string, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new UsageError(`priceclass sweep: ${flag}: an integer from 1 to ${max}, got ${JSON.stringify(text)}`);
  }
  return n;
}
