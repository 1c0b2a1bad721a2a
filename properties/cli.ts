import { writeFileSync } from 'node:fs';
import { resolvePolicy } from '../model/index.ts';
import { strictProgram } from '../sim/commands/program.ts';
import { UsageError } from '../sim/util/errors.ts';
import { Progress } from '../sim/util/progress.ts';
import { huntMutant } from './checker/hunt.ts';
import { runLiveness, runScope } from './checker/run.ts';
import { checkScopes, livenessScopes } from './checker/scopes.ts';
import { Coverage } from './coverage.ts';
import { attackEngineMutant, engineMutantNames } from './engine-mutants.ts';
import { EXPECTED, TABLE } from './expectations.ts';
import { ISOLATION_PROPERTIES } from './isolation.ts';
import { MUTANTS } from './mutants/catalogue.ts';
import { loadMutant } from './mutants/load.ts';
import { parsePolicy } from './policy-spec.ts';
import type { CheckResult, Target } from './runner.ts';
import {
  checkProperty,
  DEFAULT_RUNS,
  DEFAULT_SEED,
  PROPERTY_NAMES,
  readCounterexample,
  replay,
  replayDoc,
  takeWritten,
  writeCounterexample,
} from './runner.ts';
import { scenarioFileOf } from './scenario-file.ts';
import type { Transition } from './transition.ts';

// `priceclass check` and `priceclass replay` (dispatched from sim/cli.ts).
// Exit codes: 0 every property matches its expected outcome (with --mutants: every mutant is killed), 1 a property
// fails unexpectedly (a mutant survives), 2 bad usage. New counterexamples are written under out/counterexamples/
// (or --out DIR); the committed fixtures change only when --out names them.

interface CheckArgs {
  readonly property?: string;
  readonly policy?: string;
  readonly runs: number;
  readonly seed: number;
  readonly mutant?: string;
  readonly mutants?: boolean;
  readonly exhaustive?: boolean;
  readonly json?: boolean;
  readonly out: string;
  readonly scope?: string;
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly maxMemoryMb?: number;
  readonly long?: boolean;
  readonly symmetry: boolean;
  readonly exactSymmetry?: boolean;
  readonly workers: number;
}

const integer = (name: string, min: number) => (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < min)
    throw new UsageError(`priceclass check: ${name} must be an integer >= ${min}, got '${v}'`);
  return Number(v);
};

export async function checkCommand(argv: readonly string[]): Promise<number> {
  const program = strictProgram(
    'priceclass check',
    'check the properties of the model (every row of the policy table by default)',
  )
    .option('--property <name>', `one property (${PROPERTY_NAMES.join(', ')})`)
    .option('--policy <spec>', 'one policy: a table row (xx-eager-noreclaim) or NAME[:KEY=VALUE,...]')
    .option('--runs <n>', 'random scenarios per property', integer('--runs', 1), DEFAULT_RUNS)
    .option('--seed <n>', 'fast-check seed', integer('--seed', 0), DEFAULT_SEED)
    .option('--mutant <name>', `attack one mutant (${allMutantNames().join(', ')})`)
    .option('--mutants', "attack every mutant (the model's and the fast engine's): each must be killed")
    .option('--exhaustive', 'model-check every behaviour within the bounds of each scope')
    .option(
      '--scope <name>',
      `with --exhaustive: one scope (${checkScopes()
        .map((c) => c.name)
        .join(', ')})`,
    )
    .option('--max-states <n>', 'with --exhaustive: stop a scope after this many states', integer('--max-states', 1))
    .option('--max-depth <n>', 'with --exhaustive: explore this many steps deep at most', integer('--max-depth', 1))
    .option(
      '--max-memory-mb <n>',
      'with --exhaustive: stop a scope when the process holds this much memory (resident, MB)',
      integer('--max-memory-mb', 1),
    )
    .option('--long', 'with --exhaustive: the long scopes too (npm run check:exhaustive)')
    .option(
      '--workers <n>',
      'with --exhaustive: worker threads per scope (same counts and counterexamples as 1)',
      integer('--workers', 1),
      1,
    )
    .option('--no-symmetry', 'with --exhaustive: no symmetry reduction')
    .option('--exact-symmetry', 'with --exhaustive: measure the reduction exactly (explores each scope twice)')
    .option('--json', 'print the results as JSON on stdout')
    .option('--out <dir>', 'where counterexamples are written', 'out/counterexamples');
  program.parse(['node', 'check', ...argv]);
  const a = program.opts<CheckArgs>();
  if (a.property !== undefined && !PROPERTY_NAMES.includes(a.property)) {
    throw new UsageError(
      `priceclass check: unknown property '${a.property}' (expected one of ${PROPERTY_NAMES.join(', ')})`,
    );
  }
  if (a.mutant !== undefined && !allMutantNames().includes(a.mutant)) {
    throw new UsageError(
      `priceclass check: unknown mutant '${a.mutant}' (expected one of ${allMutantNames().join(', ')})`,
    );
  }
  if (a.mutant !== undefined && a.mutants)
    throw new UsageError('priceclass check: --mutant and --mutants are exclusive');
  const log = (s: string) => (a.json ? undefined : process.stdout.write(`${s}\n`));
  const scopeNames = [...checkScopes(), ...livenessScopes().map((l) => l.scope)].map((c) => c.name);
  if (a.scope !== undefined && !scopeNames.includes(a.scope))
    throw new UsageError(`priceclass check: unknown scope '${a.scope}'`);
  takeWritten();
  const code =
    a.mutants || a.mutant !== undefined
      ? await attackMutants(a, log)
      : a.exhaustive
        ? await exhaustive(a, log)
        : properties(a, log);
  await writeReplayPages(takeWritten(), log);
  return code;
}

/** Beside each counterexample written, its replay page (FILE.html: a timeline per core, the world step by step). */
async function writeReplayPages(files: readonly string[], log: (s: string) => void): Promise<void> {
  if (files.length === 0) return;
  const { replayHtml } = await import('./html/replay-page.ts');
  for (const file of files) writeFileSync(pageOf(file), replayHtml(await replayDoc(file), file));
  log(
    `replay pages beside the ${files.length} counterexample(s): ${pageOf(files[0])}${files.length > 1 ? ', ...' : ''}`,
  );
}

function pageOf(file: string): string {
  return file.replace(/\.json$/, '.html');
}

interface Row {
  readonly label: string;
  readonly target: Target;
  /** Expected outcomes, when the row is one of the table's (any other policy expects every property to hold). */
  readonly expected?: Readonly<Record<string, 'holds' | 'fails'>>;
}

function targets(a: CheckArgs): Row[] {
  if (a.policy !== undefined) {
    // A --policy naming a table row ("xx-eager-noreclaim") or spelled like one ("xx:swapIn=eager,reclaimSwap=false")
    // keeps that row's expectations.
    const labelled = TABLE.find((r) => r.label === a.policy);
    if (labelled) {
      const target = { policy: labelled.policy, overrides: labelled.overrides };
      return [{ label: labelled.label, target, expected: labelled.expected }];
    }
    const target = parsePolicy(a.policy);
    const row = TABLE.find((r) => r.policy === target.policy && sameOverrides(r.overrides, target.overrides ?? {}));
    return [{ label: a.policy, target, expected: row?.expected }];
  }
  return TABLE.map((row) => ({
    label: row.label,
    target: { policy: row.policy, overrides: row.overrides },
    expected: row.expected,
  }));
}

function sameOverrides(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Every property against every target, compared with the expectation table; coverage over all of it. */
function properties(a: CheckArgs, print: (s: string) => void): number {
  const coverage = new Coverage();
  const report: unknown[] = [];
  let ok = true;
  const rows = targets(a);
  const names = a.property !== undefined ? [a.property] : PROPERTY_NAMES;
  const progress = new Progress({ label: 'check', total: rows.length * names.length, unit: 'properties' });
  const log = withProgress(progress, print);
  let done = 0;
  for (const { label, target, expected } of rows) {
    for (const p of names) {
      progress.update(done++, { label: `check ${label} ${p}` });
      const r = checkProperty(p, target, { runs: a.runs, seed: a.seed, coverage });
      const want = expected?.[p] ?? 'holds';
      const got = r.ok ? 'holds' : 'fails';
      const file = r.counterexample ? writeCounterexample(`${a.out}/${safe(label)}-${p}.json`, r.counterexample) : null;
      ok &&= got === want;
      const note = got !== want ? ` (expected ${want})` : want === 'fails' ? ' (expected)' : '';
      log(
        `${got === want ? '  ' : '!!'} ${label} ${p}: ${got}${note} [${r.runs} runs, ${r.timeMs} ms]${found(r, file)}`,
      );
      report.push({
        policy: label,
        property: p,
        outcome: got,
        expected: want,
        runs: r.runs,
        timeMs: r.timeMs,
        seed: r.seed,
        message: r.counterexample?.message ?? null,
        counterexample: file,
      });
    }
  }
  progress.clear();
  const missing = coverage.missing();
  // Isolation properties drive their own fixed runs and record no coverage: say nothing rather than "never reached".
  const recorded = coverage.outputs.size > 0;
  log(
    !recorded
      ? 'coverage: not recorded (isolation properties only)'
      : missing.length === 0
        ? 'coverage: every output, message and situation was reached'
        : `coverage: never reached: ${missing.join(', ')}`,
  );
  if (a.json) process.stdout.write(`${JSON.stringify({ properties: report, coverage: coverage.toJSON(), missing })}\n`);
  return ok ? 0 : 1;
}

function allMutantNames(): string[] {
  return [...MUTANTS.map((m) => m.name), ...engineMutantNames()];
}

async function attackMutants(a: CheckArgs, print: (s: string) => void): Promise<number> {
  const list = a.mutants ? MUTANTS : MUTANTS.filter((m) => m.name === a.mutant);
  const results = [];
  const progress = new Progress({ label: 'mutants', total: list.length, unit: 'mutants' });
  const log = withProgress(progress, print);
  for (const name of engineMutantNames().filter((n) => a.mutants || n === a.mutant)) {
    const r = await attackEngineMutant(name, a);
    log(
      `${r.killed ? 'killed  ' : 'SURVIVED'} engine ${name}${r.killed ? ` by conformance: ${r.counterexample}` : ''}`,
    );
    results.push(r);
  }
  for (const patch of list) {
    progress.update(results.length, { label: `mutant ${patch.name}` });
    const { policy, overrides } = parsePolicy(a.policy ?? patch.policy);
    const mutant = await loadMutant(patch.name);
    const transition: Transition = { name: mutant.name, step: mutant.step, start: mutant.start };
    const target: Target = { policy, overrides, transition };
    const order =
      a.property !== undefined
        ? [a.property]
        : [
            patch.expectedKiller,
            // Only properties the spec keeps under this policy can kill: a class-blind policy's own inversions
            // are not the mutant's doing.
            ...PROPERTY_NAMES.filter(
              (p) =>
                p !== patch.expectedKiller && !ISOLATION_PROPERTIES.includes(p) && EXPECTED[policy]?.[p] === 'holds',
            ),
          ];
    let killed: CheckResult | null = null;
    for (const p of order) {
      const r = checkProperty(p, target, { runs: a.runs, seed: a.seed });
      if (!r.ok) {
        killed = r;
        break;
      }
    }
    const file = killed?.counterexample
      ? writeCounterexample(`${a.out}/mutant-${patch.name}.json`, killed.counterexample)
      : null;
    const hunt = a.exhaustive ? await huntMutant(patch.name) : null;
    const explorer =
      hunt === null ? null : { killed: hunt.scope !== null, by: hunt.property, scope: hunt.scope, states: hunt.states };
    const by = killed ? ` by ${killed.property}:${found(killed, file)}` : '';
    const explored = explorer?.killed ? `killed by ${explorer.by} in ${explorer.scope}` : 'survived';
    log(`${killed ? 'killed  ' : 'SURVIVED'} ${patch.name}${by}${explorer === null ? '' : ` | explorer: ${explored}`}`);
    results.push({
      name: patch.name,
      expectedKiller: patch.expectedKiller,
      killed: killed !== null,
      by: killed?.property ?? null,
      counterexample: file,
      ...(explorer ? { explorer } : {}),
    });
  }
  progress.clear();
  if (a.json) process.stdout.write(`${JSON.stringify({ mutants: results })}\n`);
  const allKilled = results.every((r) => r.killed && (r.explorer === undefined || r.explorer.killed));
  log(
    allKilled
      ? `all ${results.length} mutant(s) killed`
      : `${results.filter((r) => !r.killed).length} mutant(s) survived`,
  );
  return allKilled ? 0 : 1;
}

/** The checker on every scope (or one), for XX or the --policy given; violations become counterexample files. */
async function exhaustive(a: CheckArgs, log: (s: string) => void): Promise<number> {
  const target = a.policy === undefined ? { policy: 'xx', overrides: {} } : parsePolicy(a.policy);
  const label = a.policy ?? 'xx';
  const expected = EXPECTED[target.policy] ?? {};
  const policy = { name: target.policy, ...target.overrides };
  const list = checkScopes(policy).filter((c) => (a.scope === undefined ? a.long || !c.long : c.name === a.scope));
  const lively = livenessScopes(policy).filter((c) => a.scope === undefined || c.scope.name === a.scope);
  const rows = [];
  let bad = false;
  for (const scope of list) {
    const { row } = await runScope(scope, {
      workers: a.workers,
      out: a.out,
      policyLabel: label,
      maxStates: a.maxStates,
      maxDepth: a.maxDepth,
      maxMemoryMB: a.maxMemoryMb,
      symmetry: a.symmetry,
      measureReduction: true,
      exactSymmetry: a.exactSymmetry,
    });
    rows.push(row);
    const rate = `${row.statesPerS} states/s, ${Math.round(row.states / Math.max(row.cpuSeconds, 1e-3))} per CPU s`;
    const counts = `${row.states} states, ${row.transitions} transitions, diameter ${row.diameter}`;
    const reduction = row.symmetryReduction === null ? 'not measured' : `x${row.symmetryReduction.toFixed(2)}`;
    const time = `${row.seconds.toFixed(1)} s (${rate}), symmetry ${reduction}`;
    const incomplete = row.complete ? '' : ` (incomplete: ${row.stoppedBy ?? 'a violation'})`;
    log(`${label} ${scope.name}: ${counts}, ${time}${incomplete}`);
    for (const v of row.violations) {
      const expectedFail = expected[v.property] === 'fails';
      bad ||= !expectedFail;
      const what = `${v.property} in ${v.steps} steps: ${v.message}`;
      log(`  ${expectedFail ? 'expected' : 'VIOLATED'} ${what} -> ${v.counterexample}`);
    }
  }
  // Strict priority at the shard starves low-class work (expected); any other rule must be free of lassos.
  const starves = resolvePolicy(policy).shardRule === 'priceOnly';
  const liveness = lively.flatMap((ls) => runLiveness(ls, { out: a.out, policyLabel: label, maxStates: a.maxStates }));
  for (const r of liveness) {
    const counts = `${r.states} states, ${r.transitions} transitions, ${r.seconds.toFixed(1)} s`;
    const found = r.lasso === null ? 'no lasso' : `${starves ? 'expected' : 'VIOLATED'} ${r.lasso.message}`;
    log(`${label} ${r.name} ${r.property}: ${counts}${r.complete ? '' : ' (incomplete)'}: ${found}`);
    if (r.safety !== null) log(`  VIOLATED ${r.safety.property}: ${r.safety.message}`);
    bad ||= r.safety !== null || (r.lasso !== null) !== starves || !r.complete;
  }
  if (a.json) process.stdout.write(`${JSON.stringify({ scopes: rows, liveness })}\n`);
  return bad ? 1 : 0;
}

/** A log that first erases the progress bar, so lines never land on top of it. */
function withProgress(progress: Progress, print: (s: string) => void): (s: string) => void {
  return (s) => {
    progress.clear();
    print(s);
  };
}

/** ` message -> file` for a result with a counterexample, else nothing. */
function found(r: CheckResult, file: string | null): string {
  return r.counterexample === null ? '' : ` ${r.counterexample.message} -> ${file}`;
}

const safe = (label: string) => label.replace(/[^A-Za-z0-9_-]+/g, '-');

export async function replayCommand(argv: readonly string[]): Promise<number> {
  const program = strictProgram('priceclass replay', 'replay a stored counterexample as a step-by-step trace')
    .argument('<file>', 'counterexample JSON (fixtures/counterexamples/ or out/counterexamples/)')
    .option('--real', "re-run the counterexample's scenario on the spec instead of its mutant")
    .option('--microsteps', 'list every delivery between components, not only at the violating step')
    .option('--scenario <out.yaml>', 'write the counterexample as a scenario file that `priceclass run` reproduces')
    .option('--html <out.html>', 'write the counterexample as a page: a timeline per core and a step-by-step world');
  program.parse(['node', 'replay', ...argv]);
  const o = program.opts<{ real?: boolean; microsteps?: boolean; scenario?: string; html?: string }>();
  const file = program.args[0];
  let r: { text: string; violated: boolean };
  try {
    if (o.scenario !== undefined) {
      const { yaml, notes } = scenarioFileOf(readCounterexample(file), file);
      writeFileSync(o.scenario, yaml);
      for (const n of notes) process.stderr.write(`priceclass replay: note: ${n}\n`);
      process.stdout.write(`wrote ${o.scenario}\n`);
      return 0;
    }
    if (o.html !== undefined) {
      const { replayHtml } = await import('./html/replay-page.ts');
      writeFileSync(o.html, replayHtml(await replayDoc(file, { real: o.real }), file));
      process.stdout.write(`wrote ${o.html}\n`);
      return 0;
    }
    r = await replay(file, { real: o.real, microsteps: o.microsteps });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`priceclass replay: ${file}: ${(e as Error).message}`);
  }
  process.stdout.write(`${r.text}\n`);
  return 0;
}
