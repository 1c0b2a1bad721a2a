import { availableParallelism } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { loadSweepPlan, type SweepPlan } from '../sweep/plan.ts';
import { pointLabel, type RunSweepOptions, type RunSweepResult, runSweep } from '../sweep/run.ts';
import { parseShard, type Shard } from '../sweep/shard.ts';
import { UsageError } from '../util/errors.ts';
import { Progress } from '../util/progress.ts';
import { engineOption, strictProgram } from './program.ts';

// `priceclass sweep SWEEP.yaml [--workers N] [--shard I/N] [--out DIR] [--point-timeout S] [--engine fast|spec]`
// Everything is validated (flags, sweep file, every point) before a file is written. Ctrl-C stops dispatching,
// abandons running points, keeps finished ones and exits 130; running the same command again resumes.

interface SweepFlags {
  readonly workers?: string;
  readonly shard?: string;
  readonly out?: string;
  readonly pointTimeout?: string;
  readonly engine?: string;
}

type SweepSettings = Omit<RunSweepOptions, 'signal' | 'onProgress'>;

export async function sweepCommand(argv: readonly string[]): Promise<number> {
  const program = strictProgram('priceclass sweep', 'run a scenario over a grid of parameters, in parallel')
    .argument('<sweep>', 'sweep file (YAML or JSON)')
    .option('--workers <n>', 'points run in parallel (default: the number of cores)')
    .option('--shard <i/n>', 'run only points with index % N == I (0-based); join shards with priceclass merge')
    .option('--out <dir>', 'output directory (default: out/<sweep name>)')
    .option('--point-timeout <s>', 'stop and report a point that runs longer than this many seconds')
    .option('--engine <name>', 'fast (default) or spec (drives the pure model); results are identical');
  program.parse(['node', 'sweep', ...argv]);
  const file = program.args[0];
  const settings = settingsOf(file, program.opts<SweepFlags>());
  const plan = loadSweepPlan(file);
  const startMs = performance.now();
  const result = await runWithProgress(plan, settings);
  const wallS = ((performance.now() - startMs) / 1000).toFixed(1);
  reportSweep(plan, settings, result, wallS);
  if (result.interrupted) return 130;
  if (result.failed.length > 0) return 1;
  if (result.written.length > 0) {
    process.stdout.write(`wrote ${settings.outDir}/sweep.csv, plots, sweep.md and report.html\n`);
  } else {
    process.stdout.write(
      `${result.missing} of ${plan.points.length} points are in other shards: ` +
        'once all shards are done, priceclass merge DIR... --out DIR\n',
    );
  }
  return 0;
}

/** The flags, checked (a bad one is a UsageError before anything runs). */
function settingsOf(file: string, flags: SweepFlags): SweepSettings {
  const workers = flags.workers === undefined ? availableParallelism() : positiveInt('--workers', flags.workers, 1024);
  const shard: Shard | undefined = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const pointTimeoutS =
    flags.pointTimeout === undefined ? undefined : positiveInt('--point-timeout', flags.pointTimeout, 7 * 24 * 3600);
  if (flags.out !== undefined && flags.out.trim() === '') {
    throw new UsageError('priceclass sweep: --out: a directory, got ""');
  }
  const outDir = resolve(flags.out ?? join('out', basename(file, extname(file))));
  return { outDir, workers, shard, pointTimeoutS, engine: engineOption('sweep', flags.engine) };
}

/** Runs the sweep with a points bar; Ctrl-C aborts it (finished points are kept). */
async function runWithProgress(plan: SweepPlan, settings: SweepSettings): Promise<RunSweepResult> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  let progress: Progress | undefined;
  try {
    return await runSweep(plan, {
      ...settings,
      signal: controller.signal,
      onProgress: (p) => {
        progress ??= new Progress({ label: 'sweep', total: p.mine, unit: 'points', start: p.skipped });
        progress.update(p.skipped + p.done, { note: `${p.running} running` });
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
    progress?.clear();
  }
}

/** What ran, what failed (the first ten), and what to do after an interrupt or a failure, on stderr. */
function reportSweep(plan: SweepPlan, settings: SweepSettings, result: RunSweepResult, wallS: string): void {
  const { shard, workers, outDir } = settings;
  const shardText = shard ? ` (shard ${shard.index}/${shard.count}: ${result.mine} points)` : '';
  process.stderr.write(
    `priceclass sweep: ${plan.points.length} points${shardText}; ${result.skipped} already done, ` +
      `${result.ran.length} run in ${wallS} s on ${workers} worker${workers === 1 ? '' : 's'}\n`,
  );
  for (const f of result.failed.slice(0, 10)) {
    const p = plan.points[f.index];
    process.stderr.write(`priceclass sweep: point ${f.index} (${pointLabel(p)}) failed: ${f.message}\n`);
  }
  if (result.interrupted) {
    process.stderr.write(
      `priceclass sweep: interrupted; finished points are kept in ${outDir}/points: ` +
        'run the same command again to resume\n',
    );
  } else if (result.failed.length > 0) {
    process.stderr.write(
      `priceclass sweep: ${result.failed.length} point(s) failed; the report needs every point (rerun to retry them)\n`,
    );
  }
}

function positiveInt(flag: string, text: string, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new UsageError(`priceclass sweep: ${flag}: an integer from 1 to ${max}, got ${JSON.stringify(text)}`);
  }
  return n;
}
