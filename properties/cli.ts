import { MUTANTS, mutantByName } from './mutants.ts';
import type { Mutant } from './mutants.ts';
import { EXPECTED } from './expectations.ts';
import { exploreAll } from './explorer.ts';
import type { ExploreResult } from './explorer.ts';
import { scopes } from './scopes.ts';
import type { CheckResult, Counterexample, Target } from './runner.ts';
import { DEFAULT_RUNS, PROPERTY_NAMES, checkProperty, replay, writeCounterexample } from './runner.ts';
import { ISOLATION_PROPERTIES } from './isolation.ts';
import { POLICY_PRESETS } from '../model/index.ts';

// `priceclass check` and `priceclass replay` (dispatched from sim/cli.ts).
// Exit codes: 0 every property holds (with --mutants: every mutant is killed), 1 a property fails (a mutant
// survives), 2 bad usage.

class UsageError extends Error {}

interface CheckArgs {
  property: string | null;
  policy: string;
  overrides: Record<string, unknown>;
  runs: number;
  seed: number;
  mutant: string | null;
  mutants: boolean;
  exhaustive: boolean;
  json: boolean;
  fixturesDir: string;
}

const CHECK_USAGE = 'usage: priceclass check [--property NAME] [--policy NAME[:KEY=VALUE,...]] [--runs N] [--seed N] [--mutant NAME | --mutants] [--exhaustive] [--json] [--fixtures DIR]';

function parseValue(v: string): unknown {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

function parseCheckArgs(argv: readonly string[]): CheckArgs {
  const a: CheckArgs = { property: null, policy: 'xx', overrides: {}, runs: DEFAULT_RUNS, seed: 42, mutant: null, mutants: false, exhaustive: false, json: false, fixturesDir: 'fixtures/counterexamples' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    const int = (name: string, min: number): number => {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`${name} must be an integer >= ${min}, got '${v}'`);
      return Number(v);
    };
    switch (arg) {
      case '--property':
        a.property = value();
        if (!PROPERTY_NAMES.includes(a.property)) throw new UsageError(`unknown property '${a.property}' (expected one of ${PROPERTY_NAMES.join(', ')})`);
        break;
      case '--policy': {
        const [name, rest] = value().split(':', 2);
        if (!(name in POLICY_PRESETS)) throw new UsageError(`unknown policy '${name}' (expected one of ${Object.keys(POLICY_PRESETS).join(', ')})`);
        a.policy = name;
        for (const kv of rest ? rest.split(',') : []) {
          const [k, v] = kv.split('=', 2);
          if (!k || v === undefined) throw new UsageError(`policy option '${kv}' must be KEY=VALUE`);
          a.overrides[k] = parseValue(v);
        }
        break;
      }
      case '--runs':
        a.runs = int('--runs', 1);
        break;
      case '--seed':
        a.seed = int('--seed', 0);
        break;
      case '--mutant':
        a.mutant = value();
        if (mutantByName(a.mutant) === undefined) throw new UsageError(`unknown mutant '${a.mutant}' (expected one of ${MUTANTS.map((m) => m.name).join(', ')})`);
        break;
      case '--mutants':
        a.mutants = true;
        break;
      case '--exhaustive':
        a.exhaustive = true;
        break;
      case '--json':
        a.json = true;
        break;
      case '--fixtures':
        a.fixturesDir = value();
        break;
      default:
        throw new UsageError(`unknown argument '${arg}'`);
    }
  }
  if (a.mutant !== null && a.mutants) throw new UsageError('--mutant and --mutants are exclusive');
  return a;
}

const fixtureName = (dir: string, name: string) => `${dir}/${name}.json`;

function explorerCounterexample(r: ExploreResult, target: Target, a: CheckArgs): Counterexample {
  const scope = scopes(target.policy).find((s) => s.name === r.scope)!;
  const v = r.violation!;
  return { property: v.property, message: v.message, stepIndex: v.events.length - 1, policy: target.policy, overrides: target.overrides ?? {}, mutant: target.mutant?.name ?? null, scenario: { ...scope.scenario, policy: { ...scope.scenario.policy, ...target.overrides } }, events: v.events, seed: a.seed, path: null };
}

/** Tries to kill a mutant: its expected killer first, then every other property; then the explorer if asked. */
function attack(m: Mutant, a: CheckArgs, log: (s: string) => void) {
  const target: Target = { policy: a.policy, overrides: a.overrides, mutant: m };
  const order = a.property !== null ? [a.property] : [m.expectedKiller, ...PROPERTY_NAMES.filter((p) => p !== m.expectedKiller && !ISOLATION_PROPERTIES.includes(p))];
  let killed: CheckResult | null = null;
  for (const p of order) {
    const r = checkProperty(p, target, { runs: a.runs, seed: a.seed });
    if (!r.ok) {
      killed = r;
      break;
    }
  }
  let counterexample: string | null = null;
  if (killed?.counterexample) counterexample = writeCounterexample(fixtureName(a.fixturesDir, `mutant-${m.name}`), killed.counterexample);
  let explorer: { killed: boolean; by: string | null; scope: string | null; states: number } | null = null;
  if (a.exhaustive) {
    const rs = exploreAll(scopes(a.policy), m.step);
    const last = rs[rs.length - 1];
    explorer = { killed: last.violation !== null, by: last.violation?.property ?? null, scope: last.violation ? last.scope : null, states: rs.reduce((x, r) => x + r.states, 0) };
  }
  log(`${killed ? 'killed ' : 'SURVIVED'} ${m.name}${killed ? ` by ${killed.property}: ${killed.counterexample?.message} -> ${counterexample}` : ''}${explorer ? ` | explorer: ${explorer.killed ? `killed by ${explorer.by} in scope ${explorer.scope}` : 'survived'} (${explorer.states} states)` : ''}`);
  return { name: m.name, killed: killed !== null, by: killed?.property ?? null, counterexample, ...(explorer ? { explorer } : {}) };
}

export async function checkCommand(argv: string[]): Promise<number> {
  let a: CheckArgs;
  try {
    a = parseCheckArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`priceclass check: ${e.message}\n${CHECK_USAGE}\n`);
      return 2;
    }
    throw e;
  }
  const log = (s: string) => {
    if (!a.json) process.stdout.write(s + '\n');
  };
  const target: Target = { policy: a.policy, overrides: a.overrides };

  if (a.mutants || a.mutant !== null) {
    const list = a.mutants ? MUTANTS : [mutantByName(a.mutant!)!];
    const results = list.map((m) => attack(m, a, log));
    if (a.json) process.stdout.write(JSON.stringify({ mutants: results }) + '\n');
    const allKilled = results.every((r) => r.killed && (!('explorer' in r) || r.explorer!.killed));
    log(allKilled ? `all ${results.length} mutant(s) killed` : `${results.filter((r) => !r.killed).length} mutant(s) survived`);
    return allKilled ? 0 : 1;
  }

  if (a.exhaustive) {
    const rs = exploreAll(scopes(a.policy).map((s) => ({ ...s, scenario: { ...s.scenario, policy: { ...s.scenario.policy, ...a.overrides } } })));
    const states = rs.reduce((x, r) => x + r.states, 0);
    const transitions = rs.reduce((x, r) => x + r.transitions, 0);
    const timeMs = rs.reduce((x, r) => x + r.timeMs, 0);
    for (const r of rs) log(`scope ${r.scope}: ${r.states} states, ${r.transitions} transitions, ${r.timeMs} ms${r.complete ? '' : ' (incomplete)'}${r.violation ? ` VIOLATED ${r.violation.property}: ${r.violation.message}` : ''}`);
    const bad = rs.find((r) => r.violation !== null);
    let file: string | null = null;
    if (bad) file = writeCounterexample(fixtureName(a.fixturesDir, `explorer-${a.policy}-${bad.scope}`), explorerCounterexample(bad, target, a));
    log(`explored ${states} states, ${transitions} transitions in ${timeMs} ms (${Math.round((states * 1000) / Math.max(1, timeMs))} states/s)${file ? `; counterexample ${file}` : ''}`);
    if (a.json) process.stdout.write(JSON.stringify({ policy: a.policy, scopes: rs.map((r) => ({ scope: r.scope, states: r.states, transitions: r.transitions, timeMs: r.timeMs, complete: r.complete, violation: r.violation ? { property: r.violation.property, message: r.violation.message } : null })), states, transitions, timeMs, counterexample: file }) + '\n');
    return bad ? 1 : 0;
  }

  // Properties against a policy. With --property, exit 1 iff it fails. Without, every property runs and the
  // outcome is compared with the expected-outcome table (a property failing by design for this policy, e.g.
  // hermod's noPriorityInversion, is reported but is not an error; a cell that changed is).
  const names = a.property !== null ? [a.property] : PROPERTY_NAMES;
  const expected = Object.keys(a.overrides).length === 0 ? EXPECTED[a.policy] : undefined;
  const results = names.map((p) => {
    const r = checkProperty(p, target, { runs: a.runs, seed: a.seed });
    let file: string | null = null;
    const label = Object.keys(a.overrides).length === 0 ? a.policy : `${a.policy}-${Object.entries(a.overrides).map(([k, v]) => `${k}-${v}`).join('-')}`;
    if (r.counterexample) file = writeCounterexample(fixtureName(a.fixturesDir, `${label}-${p}`), r.counterexample);
    const want = a.property === null ? expected?.[p] ?? 'holds' : 'holds';
    const got = r.ok ? 'holds' : 'fails';
    log(`${got === want ? '  ' : '!!'} ${p}: ${got}${got !== want ? ` (expected ${want})` : want === 'fails' ? ' (expected)' : ''} [${r.runs} runs, ${r.timeMs} ms]${r.counterexample ? ` ${r.counterexample.message} -> ${file}` : ''}`);
    return { property: p, outcome: got, expected: want, runs: r.runs, timeMs: r.timeMs, message: r.counterexample?.message ?? null, counterexample: file };
  });
  if (a.json) process.stdout.write(JSON.stringify({ policy: a.policy, overrides: a.overrides, properties: results }) + '\n');
  return results.every((r) => r.outcome === r.expected) ? 0 : 1;
}

export async function replayCommand(argv: string[]): Promise<number> {
  const real = argv.includes('--real');
  const files = argv.filter((x) => x !== '--real');
  if (files.length !== 1 || files[0].startsWith('--')) {
    process.stderr.write('usage: priceclass replay FILE [--real]\n');
    return 2;
  }
  let r: { text: string; violated: boolean };
  try {
    r = replay(files[0], { real });
  } catch (e) {
    process.stderr.write(`priceclass replay: ${(e as Error).message}\n`);
    return 2;
  }
  process.stdout.write(r.text + '\n');
  // A replay that runs is a success, whether or not the trace shows the violation (the text marks it).
  return 0;
}
