// `npm run bench:checker -- --floor`: where a transition's time goes in the model checker, and the throughput
// that would be left if each part were the only cost. Each part is measured inside the search, as the difference
// of two whole searches of one scope (one process, warm; the runs take turns for five passes and each keeps its
// best): the spec's step (the search with the step run twice, less the search), the oracle's shadow replay (a
// do-nothing invariant turns the history on), the invariants but purity, and the purity check. A second table
// re-times each invariant over the kept transitions of one search: colder caches and a larger heap than inside a
// search, so its sizes are relative.
// Usage: checker-floor.ts [SCOPE] (default priority). Never a test.

import type { CheckScope } from '../../properties/checker/scope.ts';
import { checkScopes } from '../../properties/checker/scopes.ts';
import type { SearchOptions } from '../../properties/checker/search.ts';
import { search } from '../../properties/checker/search.ts';
import type { Invariant, StepView } from '../../properties/invariants/index.ts';
import { INVARIANTS } from '../../properties/invariants/index.ts';
import { NO_PROBE } from '../../properties/invariants/types.ts';
import type { Transition } from '../../properties/transition.ts';
import { SPEC } from '../../properties/transition.ts';

const TARGET_STATES_PER_S = 100_000;
const MAX_VIEWS = 60_000;
const PASSES = 5;

const name = process.argv[2] ?? 'priority';
const found = checkScopes().find((s) => s.name === name);
if (found === undefined) throw new Error(`no scope ${name}`);
const scope: CheckScope = found;

const nothing: Invariant = { name: 'nothing', description: 'turns the history on', check: () => null };
const views: StepView[] = [];
const keeper: Invariant = {
  name: 'keeper',
  description: 'keeps each transition for re-timing',
  check(v) {
    if (views.length < MAX_VIEWS) views.push(v);
    return null;
  },
};
const stepTwice: Transition = {
  name: 'step twice',
  start: SPEC.start,
  step: (world, ev) => {
    SPEC.step(world, ev);
    return SPEC.step(world, ev);
  },
};

function seconds(run: () => unknown): number {
  const t0 = performance.now();
  run();
  return (performance.now() - t0) / 1000;
}

const warm = search(scope, { invariants: [] });
const { states, transitions } = warm;
const perState = transitions / states;

const purity = INVARIANTS.filter((i) => i.name === 'determinismAndPurity');
const others = INVARIANTS.filter((i) => i.name !== 'determinismAndPurity');
const runs: Record<string, SearchOptions> = {
  bare: { invariants: [] },
  twice: { invariants: [], transition: stepTwice },
  oracle: { invariants: [nothing] },
  others: { invariants: others },
  every: { invariants: [...others, ...purity] },
};
// The runs take turns, pass after pass, so each meets the same JIT and heap; each keeps its best pass.
const bestS: Record<string, number> = {};
for (let pass = 0; pass < PASSES; pass++) {
  for (const [key, opts] of Object.entries(runs)) {
    bestS[key] = Math.min(
      bestS[key] ?? Infinity,
      seconds(() => search(scope, opts)),
    );
  }
}
const [bareUs, twiceUs, oracleUs, othersUs, everyUs] = ['bare', 'twice', 'oracle', 'others', 'every'].map(
  (key) => (bestS[key] * 1e6) / transitions,
);
search(scope, { invariants: [...INVARIANTS, keeper] });

/** Microseconds per transition of `part` over the kept views, warm: the best of PASSES. */
function viewsUs(part: (v: StepView) => unknown): number {
  let best = Infinity;
  for (let pass = 0; pass < PASSES; pass++)
    best = Math.min(
      best,
      seconds(() => views.forEach(part)),
    );
  return (best * 1e6) / views.length;
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const us = (x: number) => x.toFixed(2);
function row(what: string, perTransitionUs: number): void {
  const perStateUs = perTransitionUs * perState;
  console.log(`| ${what} | ${us(perTransitionUs)} | ${us(perStateUs)} | ${n(1e6 / perStateUs)} |`);
}
const header = '| part | us per transition | us per state | states/s if it were the only cost |\n|---|---|---|---|';

console.log(
  `Scope \`${name}\`: ${n(states)} states, ${n(transitions)} transitions (${perState.toFixed(2)} per state).`,
);
console.log(`The target, ${n(TARGET_STATES_PER_S)} states/s, leaves ${us(1e6 / TARGET_STATES_PER_S)} us per state.\n`);
console.log(`Inside the search (differences of whole searches, best of ${PASSES} passes):\n\n${header}`);
row("the spec's step (the search with the step run twice, less the search)", twiceUs - bareUs);
row('the search itself: moves, fingerprints, the set, garbage (the search less the step)', 2 * bareUs - twiceUs);
row("the oracle's shadow replay and the history (history.ts advance)", oracleUs - bareUs);
row('every invariant but determinismAndPurity', othersUs - oracleUs);
row('determinismAndPurity (freeze, re-run the step, compare)', everyUs - othersUs);
row('whole search, no invariants', bareUs);
row('whole search, every invariant', everyUs);
console.log(`\nEach invariant re-timed over ${n(views.length)} kept transitions (relative sizes):\n\n${header}`);
for (const inv of INVARIANTS)
  row(
    inv.name,
    viewsUs((v) => inv.check(v, NO_PROBE)),
  );
