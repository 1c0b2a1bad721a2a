import { resolve } from 'node:path';
import type { EngineName } from '../engine/simulate.ts';
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
import { Progress } from '../util/progress.ts';
import { engineOption, strictProgram } from './program.ts';

// `priceclass run SCENARIO [--policy NAME[,NAME...]] [--set PATH=VALUE]... [--seed N] [--engine fast|spec] [--json]
// [--out DIR]`
// Every policy of the scenario runs on the same workload (same seed, same streams). Ctrl-C stops the run at
// the next slice, writes what was simulated so far marked "partial": true, and exits 130.

const SLICE_EVENTS = 100_000;

interface RunOptions {
  readonly policy?: string;
  readonly set: string[];
  readonly seed?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly engine?: string;
}

type PolicyResult = RunResult & { readonly partial?: true };

export async function runCommand(argv: readonly string[]): Promise<number> {
  const program = strictProgram('priceclass run', 'simulate a scenario under each of its policies')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--policy <names>', 'run only these policies (comma-separated; a name not in the scenario runs its preset)')
    .option(
      '--set <assignment>',
      'override a scenario field, e.g. workload.arrivals[0].load=0.9 (repeatable)',
      collect,
      [],
    )
    .option('--seed <n>', 'override the scenario seed')
    .option('--engine <name>', 'fast (default) or spec (drives the pure model); results are identical but for wallS')
    .option('--json', 'print the results document on stdout and nothing else')
    .option('--out <dir>', 'write results.json, timeline.csv, report.md, report.html and plots into DIR (atomically)');
  program.parse(['node', 'run', ...argv]);
  const opts = program.opts<RunOptions>();
  const file = program.args[0];
  const engine = engineOption('run', opts.engine);
  const scenario = scenarioOf(file, opts);
  const { runs, interrupted } = await simulatePolicies(scenario, file, engine);
  const doc: RunDocument = interrupted ? { partial: true, runs } : { runs };
  if (opts.out !== undefined) await writeRunOutputs(resolve(opts.out), scenario, doc);
  printResults(doc, opts);
  if (interrupted) {
    process.stderr.write('priceclass run: interrupted; results so far are marked "partial": true\n');
    return 130;
  }
  warnNotSteady(runs);
  warnOvercommitted(runs);
  if (scenario.drain) warnUnfinished(runs);
  return 0;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The scenario file with --set, --seed and --policy applied. */
function scenarioOf(file: string, opts: RunOptions): Scenario {
  const sets = [...opts.set];
  if (opts.seed !== undefined) {
    if (!/^\d+$/.test(opts.seed) || !Number.isSafeInteger(Number(opts.seed)))
      throw new UsageError(`priceclass run: --seed: expected a non-negative integer, got '${opts.seed}'`);
    sets.push(`seed=${opts.seed}`);
  }
  const scenario = loadScenario(file, sets);
  return opts.policy === undefined ? scenario : selectPolicies(scenario, opts.policy);
}

/** Runs every policy in turn, in slices, with a progress bar; Ctrl-C stops at the next slice. */
async function simulatePolicies(
  scenario: Scenario,
  file: string,
  engine: EngineName,
): Promise<{ runs: PolicyResult[]; interrupted: boolean }> {
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  const count = scenario.policies.length;
  const durationS = scenario.durationS;
  const progress = new Progress({ label: 'run', total: count * durationS, unit: 's simulated' });
  const runs: PolicyResult[] = [];
  try {
    for (let i = 0; i < count && !interrupted; i++) {
      const run = startPolicyRun(scenario, i, file, undefined, engine);
      const label = `${run.policy} (${i + 1}/${count})`;
      for (;;) {
        const done = run.simulation.advance(SLICE_EVENTS);
        progress.update(i * durationS + Math.min(durationS, run.simulation.nowUs() / 1e6), { label });
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
  return { runs, interrupted };
}

function printResults(doc: RunDocument, opts: RunOptions): void {
  if (opts.json) {
    process.stdout.write(formatResults(doc));
    return;
  }
  process.stdout.write(textTable(doc));
  if (opts.out !== undefined)
    process.stdout.write(`\nwrote ${opts.out}/report.md and report.html (results.json, timeline.csv, plots)\n`);
}

/** A drained run should finish everything; say which policies left invocations that never ran. */
function warnUnfinished(runs: readonly PolicyResult[]): void {
  for (const r of runs) {
    const unfinished = r.summary.arrived - r.summary.completed - r.summary.killed;
    if (unfinished <= 0) continue;
    process.stderr.write(
      `priceclass run: warning: ${r.policy}: ${unfinished} invocations never ran ` +
        "(held in shard queues with no machine on that shard's idle list; see model/README.md, knative)\n",
    );
  }
}

/** A run whose backlog or swap still grows at the end of its arrival window: its averages depend on its length. */
function warnNotSteady(runs: readonly PolicyResult[]): void {
  for (const r of runs) {
    const st = r.summary.steadyState;
    if (st.steady !== false) continue;
    process.stderr.write(
      `priceclass run: warning: ${r.policy}: not in steady state over ${st.window[0]}-${st.window[1]} s ` +
        `(backlog ${st.backlogSlopePerS} invocations/s, swap in use ${st.swapSlopeMBPerS} MB/s): ` +
        'its averages depend on the length of the run\n',
    );
  }
}

/**
 * A machine whose sampled resident memory went above its RAM: memory waiting for a slow swap device stays held
 * while the model keeps placing and starting work (README, "SSD sweep"), so such a run's kills and latencies are
 * the model's, not a real machine's, which would stall on page faults first.
 */
function warnOvercommitted(runs: readonly PolicyResult[]): void {
  for (const r of runs) {
    let worst: { id: number; util: number } | null = null;
    for (const m of r.machines) {
      const util = m.memoryUtil.max;
      if (util !== null && util > 1 && (worst === null || util > worst.util)) worst = { id: m.id, util };
    }
    if (worst === null) continue;
    process.stderr.write(
      `priceclass run: warning: ${r.policy}: machine ${worst.id} held ${worst.util.toFixed(1)}x its RAM ` +
        '(memory queued for its swap device stays in RAM and nothing throttles placement): ' +
        "kills and latencies here are the model's, not a real machine's (README, SSD sweep)\n",
    );
  }
}

/** The scenario's policies named in `--policy`, in that order; a name it lacks runs the preset. */
function selectPolicies(scenario: Scenario, list: string): Scenario {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length === 0) throw new UsageError('priceclass run: --policy: expected one or more policy names');
  const labelOf = (p: PolicySpec): string => String(p.label ?? p.name);
  const policies: PolicySpec[] = names.map((name) => {
    const found = scenario.policies.find((p) => labelOf(p) === name) ?? scenario.policies.find((p) => p.name === name);
    if (found) return found;
    if (KNOWN_POLICIES.includes(name)) return { name };
    throw new UsageError(
      `priceclass run: --policy: unknown policy '${name}' ` +
        `(the scenario has ${scenario.policies.map(labelOf).join(', ')}; presets: ${KNOWN_POLICIES.join(', ')})`,
    );
  });
  return { ...scenario, policies };
}
