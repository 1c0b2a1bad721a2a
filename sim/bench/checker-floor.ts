// `npm run bench:checker -- --floor`: where a transition's time goes in the model checker, and the throughput
// that would be left if each part were the only cost. Explores a scope once with every invariant, keeping each
// transition's view (the worlds, event, step result, histories and shadow replay; persistent, so mostly shared),
// then re-times each part over the kept views, warm, best of three: the spec's step, the oracle's shadow replay
// (history.ts advance), each invariant. What the search adds (moves, fingerprints, the set, garbage) is the rest.
// Usage: checker-floor.ts [SCOPE] (default priority). Never a test.

import { checkScopes } from '../../properties/checker/scopes.ts';
import { search } from '../../properties/checker/search.ts';
import { advance } from '../../properties/history.ts';
import type { StepView } from '../../properties/invariants/index.ts';
import { INVARIANTS } from '../../properties/invariants/index.ts';
import { NO_PROBE } from '../../properties/invariants/types.ts';
import { SPEC } from '../../properties/transition.ts';

const TARGET_STATES_PER_S = 100_000;
const MAX_VIEWS = 60_000;

const name = process.argv[2] ?? 'priority';
const scope = checkScopes().find((s) => s.name === name);
if (scope === undefined) throw new Error(`no scope ${name}`);

const views: StepView[] = [];
const recorder = {
  name: 'recorder',
  description: 'keeps each transition for re-timing',
  check(v: StepView) {
    if (views.length < MAX_VIEWS) views.push(v);
    return null;
  },
};

function timed(run: () => unknown): number {
  const t0 = performance.now();
  run();
  return (performance.now() - t0) / 1000;
}

const bare = search(scope, { invariants: [] });
const bareS = timed(() => search(scope, { invariants: [] }));
const fullS = timed(() => search(scope, { invariants: [...INVARIANTS, recorder] }));
const perState = bare.transitions / bare.states;

/** Microseconds per transition of `part` over the kept views, warm: the best of three passes. */
function usPerTransition(part: (v: StepView) => unknown): number {
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++)
    best = Math.min(
      best,
      timed(() => views.forEach(part)),
    );
  return (best * 1e6) / views.length;
}

const parts: [string, number][] = [
  ['spec step (model/ router.ts step)', usPerTransition((v) => SPEC.step(v.prev, v.event))],
  ['oracle shadow replay (history.ts advance)', usPerTransition((v) => advance(v.before, v.prev, v.event, v.result))],
  ...INVARIANTS.map((inv): [string, number] => [
    `invariant ${inv.name}`,
    usPerTransition((v) => inv.check(v, NO_PROBE)),
  ]),
];

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const us = (x: number) => x.toFixed(2);
const stepUs = parts[0][1];
const invariantsUs = parts.slice(2).reduce((a, [, t]) => a + t, 0);
const bareUs = (bareS * 1e6) / bare.transitions;
const budgetUs = 1e6 / TARGET_STATES_PER_S;
console.log(`Scope \`${name}\`: ${n(bare.states)} states, ${n(bare.transitions)} transitions`);
console.log(
  `(${perState.toFixed(2)} per state), ${n(views.length)} re-timed. The target, ${n(TARGET_STATES_PER_S)} states/s,`,
);
console.log(`leaves ${us(budgetUs)} us per state.\n`);
console.log('| part | us per transition | us per state | states/s if it were the only cost |');
console.log('|---|---|---|---|');
function row(what: string, perTransitionUs: number): void {
  const perStateUs = perTransitionUs * perState;
  console.log(`| ${what} | ${us(perTransitionUs)} | ${us(perStateUs)} | ${n(1e6 / perStateUs)} |`);
}
for (const [what, t] of parts) row(what, t);
row('every invariant, summed', invariantsUs);
row('the search itself: moves, fingerprints, set, garbage (no invariants, less the step)', bareUs - stepUs);
row('whole search, no invariants (measured)', bareUs);
row('whole search, every invariant (measured)', (fullS * 1e6) / bare.transitions);
