import { writeFileSync } from 'node:fs';
import { strictProgram } from '../sim/commands/program.ts';
import { UsageError } from '../sim/util/errors.ts';
import { Coverage } from './coverage.ts';
import { attackEngineMutant, engineMutantNames } from './engine-mutants.ts';
import { EXPECTED, TABLE } from './expectations.ts';
import type { ExploreResult } from './explorer.ts';
import { exploreAll } from './explorer.ts';
import { ISOLATION_PROPERTIES } from './isolation.ts';
import { MUTANTS } from './mutants/catalogue.ts';
import { loadMutant } from './mutants/load.ts';
import { parsePolicy } from './policy-spec.ts';
import type { CheckResult, Counterexample, Target } from './runner.ts';
import {
  checkProperty,
  DEFAULT_RUNS,
  DEFAULT_SEED,
  PROPERTY_NAMES,
  readCounterexample,
  replay,
  writeCounterexample,
} from './runner.ts';
import { scenarioFileOf } from './scenario-file.ts';
import { scopes } from './scopes.ts';
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
    .option('--exhaustive', 'explore the bounded scopes exhaustively')
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
  if (a.mutants || a.mutant !== undefined) return attackMutants(a, log);
  if (a.exhaustive) return exhaustive(a, log);
  return properties(a, log);
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
function properties(a: CheckArgs, log: (s: string) => void): number {
  const coverage = new Coverage();
  const report: unknown[] = [];
  let ok = true;
  for (const { label, target, expected } of targets(a)) {
    const names = a.property !== undefined ? [a.property] : PROPERTY_NAMES;
    for (const p of names) {
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

async function attackMutants(a: CheckArgs, log: (s: string) => void): Promise<number> {
  const list = a.mutants ? MUTANTS : MUTANTS.filter((m) => m.name === a.mutant);
  const results = [];
  for (const name of engineMutantNames().filter((n) => a.mutants || n === a.mutant)) {
    const r = await attackEngineMutant(name, a);
    log(
      `${r.killed ? 'killed  ' : 'SURVIVED'} engine ${name}${r.killed ? ` by conformance: ${r.counterexample}` : ''}`,
    );
    results.push(r);
  }
  for (const patch of list) {
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
    const explorer = a.exhaustive ? exploreSummary(exploreAll(scopes(policy), transition)) : null;
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
  if (a.json) process.stdout.write(`${JSON.stringify({ mutants: results })}\n`);
  const allKilled = results.every((r) => r.killed && (r.explorer === undefined || r.explorer.killed));
  log(
    allKilled
      ? `all ${results.length} mutant(s) killed`
      : `${results.filter((r) => !r.killed).length} mutant(s) survived`,
  );
  return allKilled ? 0 : 1;
}

function exploreSummary(rs: readonly ExploreResult[]) {
  const last = rs[rs.length - 1];
  return {
    killed: last.violation !== null,
    by: last.violation?.property ?? null,
    scope: last.violation ? last.scope : null,
    states: rs.reduce((x, r) => x + r.states, 0),
  };
}

function exhaustive(a: CheckArgs, log: (s: string) => void): number {
  const coverage = new Coverage();
  const summaries: unknown[] = [];
  let bad = false;
  for (const { label, target, expected } of targets(a)) {
    const list = scopes(target.policy).map((s) => ({
      ...s,
      scenario: { ...s.scenario, policy: { ...s.scenario.policy, ...target.overrides } },
    }));
    const expectFail = (expected?.eventualCompletion ?? 'holds') === 'fails';
    const rs = exploreAll(list, undefined, { coverage });
    for (const r of rs) {
      const violated = r.violation ? ` VIOLATED ${r.violation.property}: ${r.violation.message}` : '';
      const counts = `${r.states} states, ${r.transitions} transitions, ${r.timeMs} ms`;
      log(`${label} scope ${r.scope}: ${counts}${r.complete ? '' : ' (incomplete)'}${violated}`);
    }
    const violated = rs.find((r) => r.violation !== null);
    let file: string | null = null;
    if (violated?.violation) {
      const scope = list.find((s) => s.name === violated.scope);
      const cx: Counterexample = {
        property: violated.violation.property,
        message: violated.violation.message,
        stepIndex: violated.violation.events.length - 1,
        policy: target.policy,
        overrides: target.overrides ?? {},
        mutant: null,
        scenario: scope?.scenario ?? list[0].scenario,
        events: violated.violation.events,
        seed: a.seed,
        path: null,
      };
      file = writeCounterexample(`${a.out}/explorer-${safe(label)}-${violated.scope}.json`, cx);
      bad ||= !(expectFail && violated.violation.property === 'eventualCompletion');
    }
    summaries.push({ policy: label, scopes: rs, counterexample: file });
  }
  if (a.json) process.stdout.write(`${JSON.stringify({ exhaustive: summaries, coverage: coverage.toJSON() })}\n`);
  return bad ? 1 : 0;
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
    .option('--scenario <out.yaml>', 'write the counterexample as a scenario file that `priceclass run` reproduces');
  program.parse(['node', 'replay', ...argv]);
  const o = program.opts<{ real?: boolean; microsteps?: boolean; scenario?: string }>();
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
    r = await replay(file, { real: o.real, microsteps: o.microsteps });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`priceclass replay: ${file}: ${(e as Error).message}`);
  }
  process.stdout.write(`${r.text}\n`);
  return 0;
}
