import { describe, expect, it } from 'vitest';
import { searchLiveness } from '../../properties/checker/liveness.ts';
import { searchParallel } from '../../properties/checker/parallel.ts';
import { PLANTED } from '../../properties/checker/planted.ts';
import type { CheckScope } from '../../properties/checker/scope.ts';
import { checkScopes, livenessScopes } from '../../properties/checker/scopes.ts';
import { search } from '../../properties/checker/search.ts';
import { Coverage } from '../../properties/coverage.ts';
import type { MutantPatch } from '../../properties/mutants/catalogue.ts';
import { loadMutant } from '../../properties/mutants/load.ts';
import { replay } from '../../properties/runner.ts';
import { mutantTransition } from './helpers.ts';

// The model checker (properties/checker/). Every scope's state and transition counts are pinned: a change of the
// model's semantics (or of the checker's) shows up here as a changed count that someone must explain. Each scope
// reaches its sometimes-properties; the short scopes hold every invariant on the spec; the long ones run in
// `npm run check:exhaustive`.

const PINNED: Record<string, [states: number, transitions: number, diameter: number]> = {
  shardWait: [142, 304, 8],
  shardTie: [127, 217, 10],
  budget: [231, 357, 8],
  device: [197, 336, 13],
  shard: [614, 1437, 10],
  antagonist: [773, 1497, 9],
  kill: [1970, 4609, 11],
  growth: [1674, 2962, 12],
  front: [316, 480, 11],
  polling: [1920, 3844, 9],
  room: [4334, 9156, 12],
  sharing: [3654, 7247, 15],
  children: [1555, 2926, 10],
  chain: [273, 485, 10],
  jiqPair: [525, 1161, 10],
  network: [970, 1381, 18],
  jiq: [4147, 10105, 13],
  cluster: [4308, 16086, 12],
  memory: [22616, 44815, 14],
  priority: [32266, 58191, 13],
  large: [23878, 105452, 14],
  million: [1048129, 1993353, 16],
};

/** `npm run check:exhaustive` sets this: the long scopes' pins and invariants too. */
const LONG = process.env.PRICECLASS_CHECK_LONG === '1';

const byName = (name: string): CheckScope => {
  const s = checkScopes().find((x) => x.name === name);
  if (s === undefined) throw new Error(`no scope ${name}`);
  return s;
};

describe('checker scopes: pinned counts and sometimes-properties', () => {
  it('pins every scope', () =>
    expect(Object.keys(PINNED).sort()).toEqual(
      checkScopes()
        .map((s) => s.name)
        .sort(),
    ));
  for (const scope of checkScopes().filter((s) => LONG || !s.long)) {
    it(`${scope.name}: ${PINNED[scope.name]?.join(', ')} (states, transitions, diameter)`, {
      timeout: 900_000,
    }, async () => {
      const coverage = new Coverage();
      // The long scopes on both cores (parallel.ts: the same counts as the sequential search).
      const r = await searchParallel(scope, { invariants: [], coverage }, scope.long ? 2 : 1);
      expect(r.complete).toBe(true);
      expect([r.states, r.transitions, r.diameter]).toEqual(PINNED[scope.name]);
      const reached = new Set([...coverage.outputs.keys(), ...coverage.situations.keys(), ...coverage.messages.keys()]);
      expect(scope.sometimes.filter((k) => !reached.has(k))).toEqual([]);
    });
  }
});

// The long scopes' invariants are checked by the first half of `npm run check:exhaustive` (the CLI, which fails
// on any violation), not again here.
describe('checker: every invariant on every transition of the short scopes', () => {
  for (const scope of checkScopes().filter((s) => !s.long)) {
    it(scope.name, () => {
      const r = search(scope);
      expect(r.violations.map((v) => `${v.property}: ${v.message}`)).toEqual([]);
      expect(r.complete).toBe(true);
    });
  }
});

describe('checker: symmetry', () => {
  it('equal machines and invocations fold: polling is 3.65x smaller with symmetry', () => {
    const scope = byName('polling');
    expect(search(scope, { invariants: [], symmetry: false }).states).toBe(7008);
    expect(search(scope, { invariants: [], measureReduction: true }).symmetryReduction).toBeGreaterThan(1.3);
  });
  it.skipIf(!LONG)('cluster (2 machines, 2 shards) is 11.6x smaller with symmetry', () => {
    expect(search(byName('cluster'), { invariants: [], symmetry: false }).states).toBe(49_997);
  });
});

describe('checker: mutants and shortest traces', () => {
  const cases: [mutant: string, scope: string, property: string, steps: number][] = [
    ['completionOneLate', 'shardWait', 'serviceEqualsWork', 2],
    ['priceOnly', 'shardWait', 'shardChoice', 6],
    ['shardTieLowerClass', 'shardTie', 'shardChoice', 7],
    ['frontSpanFloor', 'front', 'serviceEqualsWork', 2],
    ['budgetIgnored', 'budget', 'budget', 5],
    ['mutatesInput', 'shardWait', 'determinismAndPurity', 1],
  ];
  it('the planted inheritFromDeclared (grandchildren) in chain: inheritance after 7 steps', async () => {
    const patch = PLANTED.find((p) => p.name === 'inheritFromDeclared') as MutantPatch;
    const m = await loadMutant(patch.name, patch);
    const r = search(byName('chain'), { transition: { name: patch.name, step: m.step, start: m.start } });
    expect(r.violations.map((v) => [v.property, v.events.length])).toEqual([['inheritance', 7]]);
  });
  it('noSnapToCheckpoint (hermod) in sharing: a livelock, a step back to the same state', async () => {
    const scope = checkScopes({ name: 'hermod' }).find((s) => s.name === 'sharing') as CheckScope;
    const r = search(scope, { transition: await mutantTransition('noSnapToCheckpoint'), invariants: [] });
    expect(r.violations.map((v) => [v.property, v.events.length])).toEqual([['eventualCompletion', 12]]);
    expect(r.violations[0].message).toMatch(/livelock/);
  });
  for (const [mutant, scope, property, steps] of cases) {
    it(`${mutant} in ${scope}: ${property} after ${steps} steps`, async () => {
      const r = search(byName(scope), { transition: await mutantTransition(mutant) });
      expect(r.violations.map((v) => [v.property, v.events.length])).toEqual([[property, steps]]);
    });
  }
});

describe('checker: liveness', () => {
  const [starvation] = livenessScopes({ name: 'xx', shardRule: 'priceOnly' });
  it('strict priority at the shard (priceOnly) starves the low invocation: a lasso', () => {
    const r = searchLiveness(starvation.scope, { ageCapUs: starvation.ageCapUs });
    expect(r.complete).toBe(true);
    expect(r.safety).toBeNull();
    expect(r.lasso?.cycle.length).toBeGreaterThan(0);
    expect(r.lasso?.message).toMatch(/never placed/);
  });
  it('the default rule completes (so places) it in every behaviour within the bounds', () => {
    const [fair] = livenessScopes();
    const r = searchLiveness(fair.scope, { ageCapUs: fair.ageCapUs, property: 'eventualCompletion' });
    expect([r.complete, r.safety, r.lasso]).toEqual([true, null, null]);
  });
  it('the stored lasso replays', async () => {
    const file = 'fixtures/counterexamples/checker-xx-shardRule-priceOnly-starvation-eventualPlacement.json';
    const r = await replay(file);
    expect(r.text).toMatch(/lasso: after a prefix/);
    expect(r.text).toMatch(/arrive inv 1 \(class 0/);
  });
});
