import { resolve } from 'node:path';
import type { RunResult } from '../metrics/document.ts';
import { formatResults } from '../metrics/document.ts';
import { textTable } from '../report/markdown.ts';
import type { RunDocument } from '../run/outputs.ts';
import { writeRunOutputs } from '../run/outputs.ts';
import { startPolicyRun } from '../run/run-policy.ts';
import { loadScenario } from '../scenario/parse.ts';
import type { PolicySpec, Scenario } from '../scenario/types.ts';
import { KNOWN_POLICIES } from '../scenario/types.ts';
import { UsageError } from '../util/errors.ts';
import { strictProgram } from './program.ts';
import { Progress } from './progress.ts';

// `priceclass run SCENARIO [--policy NAME[,NAME...]] [--set PATH=VALUE]... [--seed N] [--json] [--out DIR]`
// Every policy of the scenario runs on the same workload (same seed, same streams). Ctrl-C stops the run at
// the next slice, writes what was simulated so far marked "partial": true, and exits 130.

const SLICE_EVENTS = 100_000;

export async function runCommand(argv: readonly string[]): Promise<number> {
  const program = strictProgram('priceclass run')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--policy <names>', 'run only these policies (comma-separated; a name not in the scenario runs its preset)')
    .option(
      '--set <assignment>',
      'override a scenario field, e.g. workload.arrivals[0].load=0.9 (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--seed <n>', 'override the scenario seed')
    .option('--json', 'print the results document on stdout and nothing else')
    .option('--out <dir>', 'write results.json, timeline.csv, report.md and plots into DIR (atomically)');
  program.parse(['node', 'run', ...argv]);
  const opts = program.opts<{ policy?: string; set: string[]; seed?: string; json?: boolean; out?: string }>();
  const file = program.args[0];
  const sets = [...opts.set];
  if (opts.seed !== undefined) {
    if (!/^\d+$/.test(opts.seed) || !Number.isSafeInteger(Number(opts.seed)))
      throw new UsageError(`priceclass run: --seed: expected a non-negative integer, got '${opts.seed}'`);
    sets.push(`seed=${opts.seed}`);
  }
  let scenario = loadScenario(file, sets);
  if (opts.policy !== undefined) scenario = selectPolicies(scenario, opts.policy);

  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  const progress = new Progress(process.stderr, !opts.json || process.stderr.isTTY === true);
  const runs: (RunResult & { partial?: true })[] = [];
  try {
    for (let i = 0; i < scenario.policies.length && !interrupted; i++) {
      const run = startPolicyRun(scenario, i, file);
      const endUs = scenario.durationS * 1e6;
      for (;;) {
        const done = run.simulation.advance(SLICE_EVENTS);
        progress.update(
          `${run.policy} (${i + 1}/${scenario.policies.length})`,
          Math.min(1, run.simulation.nowUs() / endUs),
          run.simulation.nowUs() / 1e6,
        );
        if (done) break;
        await new Promise((r) => setImmediate(r)); // let Ctrl-C be delivered
        if (interrupted) break;
      }
      runs.push(run.finish(interrupted));
    }
  } finally {
    process.off('SIGINT', onSigint);
    progress.clear();
  }
  const doc: RunDocument = interrupted ? { partial: true, runs } : { runs };
  if (opts.out !== undefined) await writeRunOutputs(resolve(opts.out), scenario, doc);
  if (opts.json) process.stdout.write(formatResults(doc));
  else {
    process.stdout.write(textTable(doc));
    if (opts.out !== undefined)
      process.stdout.write(`\nwrote ${opts.out}/report.md (results.json, timeline.csv, plots)\n`);
  }
  for (const r of runs) {
    const unfinished = r.summary.arrived - r.summary.completed - r.summary.killed;
    if (!interrupted && scenario.drain && unfinished > 0) {
      process.stderr.write(
        `priceclass run: warning: ${r.policy}: ${unfinished} invocations never ran (held in shard queues with no machine on that shard's idle list; see model/README.md, knative)\n`,
      );
    }
  }
  if (interrupted) {
    process.stderr.write('priceclass run: interrupted; results so far are marked "partial": true\n');
    return 130;
  }
  return 0;
}

/** The scenario's policies named in `--policy`, in that order; a name it lacks runs the preset. */
function selectPolicies(scenario: Scenario, list: string): Scenario {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length === 0) throw new UsageError('priceclass run: --policy: expected one or more policy names');
  const policies: PolicySpec[] = names.map((name) => {
    const found =
      scenario.policies.find((p) => (p.label ?? p.name) === name) ?? scenario.policies.find((p) => p.name === name);
    if (found) return found;
    if ((KNOWN_POLICIES as readonly string[]).includes(name)) return { name };
    throw new UsageError(
      `priceclass run: --policy: unknown policy '${name}' (the scenario has ${scenario.policies.map((p) => (p.label ?? p.name) as string).join(', ')}; presets: ${KNOWN_POLICIES.join(', ')})`,
    );
  });
  return { ...scenario, policies };
}
