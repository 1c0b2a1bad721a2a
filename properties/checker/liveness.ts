import type { ModelEvent, StepResult, World } from '../../model/index.ts';
import { checkStep } from '../driver.ts';
import type { History } from '../history.ts';
import { advance } from '../history.ts';
import type { Invariant } from '../invariants/index.ts';
import { INVARIANTS } from '../invariants/index.ts';
import type { Transition } from '../transition.ts';
import { SPEC } from '../transition.ts';
import { Fingerprinter } from './fingerprint.ts';
import { FingerprintSet } from './fpset.ts';
import { isRecurring, RECURRING_BASE } from './recurring.ts';
import type { CheckScope } from './scope.ts';
import { expansionFor, rootOf, walk } from './search.ts';
import type { CheckState } from './state.ts';
import { movesOf, routings, successor } from './successors.ts';
import { stronglyConnected } from './tarjan.ts';

// Liveness as lassos, the way TLC checks temporal properties: the whole reachable graph of a scope with a recurring
// source is built (times relative to now, instants more than the scope's age cap ago treated alike, so infinite
// behaviours fold into a finite graph), then searched for a cycle in which the scope's one bounded invocation waits
// at every state. Fairness: time diverges (the cycle lets time pass), which delivers every timer when due, so every
// shard decides and every machine runs whenever its timers say; arrivals of the source are the only other input.
// A lasso found is replayed concretely, the cycle unrolled, and kept only if the invocation still waits throughout.
// `placement`: the invocation waits in a shard queue or the budget (never placed); `completion`: it is anywhere in
// the system (never completes or is killed).

export type LivenessProperty = 'eventualPlacement' | 'eventualCompletion';

export interface Lasso {
  readonly prefix: readonly ModelEvent[];
  readonly cycle: readonly ModelEvent[];
  /** The events of the prefix and the cycle unrolled `unrolled` times: a replayable trace. */
  readonly events: readonly ModelEvent[];
  readonly unrolled: number;
  readonly message: string;
}

export interface LivenessResult {
  readonly name: string;
  readonly property: LivenessProperty;
  readonly states: number;
  readonly transitions: number;
  readonly seconds: number;
  readonly complete: boolean;
  readonly lasso: Lasso | null;
  /** A safety violation met on the way (every invariant but the bounded eventualCompletion is checked). */
  readonly safety: { property: string; message: string } | null;
}

export interface LivenessOptions {
  readonly transition?: Transition;
  readonly property?: LivenessProperty;
  readonly ageCapUs: number;
  readonly maxStates?: number;
  readonly invariants?: readonly Invariant[];
  readonly unroll?: number;
}

function waits(world: World, pending: readonly ModelEvent[], property: LivenessProperty): boolean {
  const bounded = (id: number) => id < RECURRING_BASE;
  for (const s of world.shards) {
    for (const q of s.queues) for (const x of q) if (bounded(x.inv.id)) return true;
    if (s.poll !== null && bounded(s.poll.item.inv.id)) return true;
  }
  for (const h of world.budget.held) if (bounded(h.inv.id)) return true;
  if (property === 'eventualPlacement') return false;
  for (const m of world.machines) for (const t of m.tasks) if (bounded(t.inv.id)) return true;
  return pending.some((e) => e.type === 'arrive' && bounded(e.inv.id));
}

class Ints {
  a = new Int32Array(1 << 12);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

export function searchLiveness(scope: CheckScope, opts: LivenessOptions): LivenessResult {
  const t0 = performance.now();
  const t = opts.transition ?? SPEC;
  const property = opts.property ?? 'eventualPlacement';
  const invariants = opts.invariants ?? INVARIANTS.filter((i) => i.name !== 'eventualCompletion');
  const maxStates = opts.maxStates ?? 2_000_000;
  const x = expansionFor(scope);
  const root = rootOf(scope, t, invariants.length > 0).state;
  const fp = new Fingerprinter(false, [], scope.shards);
  fp.relative = true;
  fp.ageCapUs = opts.ageCapUs;
  const seen = new FingerprintSet().withValues();
  const parent = new Ints();
  const move = new Ints();
  const waiting: boolean[] = [];
  const edges = { src: new Ints(), dst: new Ints(), code: new Ints(), passes: new Ints() };
  let transitions = 0;
  let complete = true;
  let safety: LivenessResult['safety'] = null;
  const admit = (s: CheckState, from: number, code: number): number => {
    fp.of(s);
    const old = seen.getOrAdd(fp.lo, fp.hi, parent.n);
    if (old >= 0) return old;
    parent.push(from);
    move.push(code);
    waiting.push(waits(s.world, s.pending, property));
    frontier.push(s);
    return parent.n - 1;
  };
  const frontier: CheckState[] = [];
  admit(root, -1, -1);
  explore: for (let i = 0; i < frontier.length; i++) {
    const s = frontier[i];
    frontier[i] = undefined as unknown as CheckState; // explored: let its world go
    for (const [mi, m] of movesOf(x, s).entries()) {
      let r: StepResult;
      try {
        r = t.step(s.world, m.ev);
      } catch (e) {
        safety = { property: 'modelError', message: `step threw: ${(e as Error).message}` };
        break explore;
      }
      let history: History | null = null;
      if (s.history !== null) {
        const before = isRecurring(m.ev) ? forget(s.history, (m.ev as { inv: { id: number } }).inv.id) : s.history;
        const adv = advance(before, s.world, m.ev, r);
        history = adv.history;
        const view = { prev: s.world, event: m.ev, result: r, next: r.world, before, after: history };
        const v = checkStep({ ...view, replay: adv.replay }, invariants);
        if (v !== null) {
          safety = { property: v.property, message: v.message };
          break explore;
        }
      }
      const lists = routings(r.outputs, m.pending, scope.shards);
      for (let j = 0; j < lists.length; j++) {
        transitions++;
        const k = admit(successor(m, r.world, lists[j], history), i, mi * 64 + j);
        if (waiting[i] && waiting[k]) {
          edges.src.push(i);
          edges.dst.push(k);
          edges.code.push(mi * 64 + j);
          edges.passes.push(r.world.nowUs > s.world.nowUs ? 1 : 0);
        }
        if (parent.n >= maxStates) {
          complete = false;
          break explore;
        }
      }
    }
  }
  const states = parent.n;
  const lasso =
    safety === null && complete ? findLasso(scope, t, property, opts.unroll ?? 3, states, parent, move, edges) : null;
  const seconds = (performance.now() - t0) / 1000;
  return { name: scope.name, property, states, transitions, seconds, complete, lasso, safety };
}

/** The history without a finished invocation whose id the source takes again (ids are unique while live). */
function forget(h: History, id: number): History {
  const known = new Map(h.known);
  const done = new Map(h.done);
  known.delete(id);
  done.delete(id);
  return { ...h, known, done };
}

function pathTo(parent: Ints, move: Ints, i: number): number[] {
  const codes: number[] = [];
  for (let j = i; j > 0; j = parent.a[j]) codes.push(move.a[j]);
  return codes.reverse();
}

function findLasso(
  scope: CheckScope,
  t: Transition,
  property: LivenessProperty,
  unroll: number,
  states: number,
  parent: Ints,
  move: Ints,
  e: { src: Ints; dst: Ints; code: Ints; passes: Ints },
): Lasso | null {
  const comp = stronglyConnected(states, e.src.a.subarray(0, e.src.n), e.dst.a.subarray(0, e.dst.n));
  for (let k = 0; k < e.src.n; k++) {
    const u = e.src.a[k];
    const v = e.dst.a[k];
    if (e.passes.a[k] === 0 || comp[u] !== comp[v]) continue;
    // A cycle through the edge u -> v in which time passes: v back to u inside the component, then the edge.
    const back = pathInside(comp, e, v, u);
    if (back === null) continue;
    const cycleCodes = [...back, e.code.a[k]];
    const root = rootOf(scope, t, false).state;
    const pre = walk(scope, t, root, pathTo(parent, move, v));
    const lasso = unrollLasso(scope, t, property, pre, cycleCodes, unroll);
    if (lasso !== null) return lasso;
  }
  return null;
}

function unrollLasso(
  scope: CheckScope,
  t: Transition,
  property: LivenessProperty,
  pre: ReturnType<typeof walk>,
  cycleCodes: readonly number[],
  unroll: number,
): Lasso | null {
  let at = pre.last;
  const events = [...pre.events];
  let cycle: readonly ModelEvent[] = [];
  for (let round = 0; round < unroll; round++) {
    let w: ReturnType<typeof walk>;
    try {
      w = walk(scope, t, at, cycleCodes);
    } catch {
      return null; // the abstract cycle does not repeat concretely
    }
    if (!w.states.every((s) => waits(s.world, s.pending, property))) return null;
    if (round === 0) cycle = w.events;
    events.push(...w.events);
    at = w.last;
  }
  const what = property === 'eventualPlacement' ? 'is never placed' : 'never completes';
  const message =
    `lasso: after a prefix of ${pre.events.length} steps, a cycle of ${cycle.length} steps in which time passes ` +
    `repeats forever and the bounded invocation ${what} (the trace unrolls the cycle ${unroll} times)`;
  return { prefix: pre.events, cycle, events, unrolled: unroll, message };
}

/** A shortest path of edge codes from a to b through edges inside a's component, or null. */
function pathInside(comp: Int32Array, e: { src: Ints; dst: Ints; code: Ints }, a: number, b: number): number[] | null {
  if (a === b) return [];
  const out = new Map<number, number[]>();
  for (let k = 0; k < e.src.n; k++) {
    const u = e.src.a[k];
    if (comp[u] !== comp[a] || comp[e.dst.a[k]] !== comp[a]) continue;
    out.set(u, [...(out.get(u) ?? []), k]);
  }
  const via = new Map<number, number>([[a, -1]]);
  const queue = [a];
  for (let qi = 0; qi < queue.length; qi++) {
    const u = queue[qi];
    for (const k of out.get(u) ?? []) {
      const v = e.dst.a[k];
      if (via.has(v)) continue;
      via.set(v, k);
      if (v === b) {
        const codes: number[] = [];
        for (let x = b; x !== a; x = e.src.a[via.get(x) as number]) codes.push(e.code.a[via.get(x) as number]);
        return codes.reverse();
      }
      queue.push(v);
    }
  }
  return null;
}

/** Whether a stored lasso still holds: its events replay, and the bounded invocation waits at the end. */
export function lassoStillWaits(
  initial: World,
  events: readonly ModelEvent[],
  t: Transition,
  property: LivenessProperty,
): boolean {
  let world = t.start(initial).world;
  for (const ev of events) world = t.step(world, ev).world;
  return waits(world, [], property);
}
