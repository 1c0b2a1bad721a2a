import type { ModelEvent, StepResult } from '../../model/index.ts';
import type { Coverage } from '../coverage.ts';
import { newHistory } from '../history.ts';
import type { Invariant } from '../invariants/index.ts';
import { INVARIANTS } from '../invariants/index.ts';
import { scenarioConfig, scenarioWorld } from '../scenario.ts';
import type { Transition } from '../transition.ts';
import { SPEC } from '../transition.ts';
import { Expander } from './expand.ts';
import { Fingerprinter } from './fingerprint.ts';
import { FingerprintSet } from './fpset.ts';
import type { Bound } from './memory-bound.ts';
import { MemoryBound } from './memory-bound.ts';
import { recurringArrival } from './recurring.ts';
import { scenarioOf, scopeBound } from './scenario-of.ts';
import type { CheckScope } from './scope.ts';
import type { CheckState } from './state.ts';
import type { Expansion } from './successors.ts';
import { expansionOf, movesOf, routings, successor } from './successors.ts';
import { arrivalShapes } from './workload.ts';

// Breadth-first search of every behaviour of a scope. Each distinct state (fingerprint.ts) is stored as 8 bytes
// of fingerprint plus its parent's index and the move that reached it, so the first violation found is at the
// least depth and its trace is rebuilt by replaying those moves from the initial state. Only the frontier keeps
// worlds. Every invariant is checked on every transition (the successors of an already seen state included), the
// final ones on every quiescent state.

export interface SearchOptions {
  readonly transition?: Transition;
  /** Invariants checked on every transition; [] explores without them. */
  readonly invariants?: readonly Invariant[];
  readonly maxStates?: number;
  readonly maxDepth?: number;
  /** Stop (incomplete) when the process's resident memory is above this (memory-bound.ts). */
  readonly maxMemoryMB?: number;
  readonly symmetry?: boolean;
  /** Also fingerprints every state unrenamed, to report the symmetry reduction (a lower bound). */
  readonly measureReduction?: boolean;
  readonly coverage?: Coverage;
  readonly onProgress?: (p: Progress) => void;
}

export interface Progress {
  readonly states: number;
  readonly depth: number;
  readonly frontier: number;
  readonly seconds: number;
}

export interface SearchViolation {
  readonly property: string;
  readonly message: string;
  /** From the initial state; the last event is the violating step (for a final violation, the last step). */
  readonly events: readonly ModelEvent[];
  /** The violation is of a final (quiescent) check, not of a step. */
  readonly final: boolean;
}

export interface SearchResult {
  readonly name: string;
  readonly states: number;
  readonly transitions: number;
  /** Depth of the deepest state (the longest shortest path). */
  readonly diameter: number;
  readonly seconds: number;
  readonly statesPerS: number;
  /** Distinct states seen unrenamed / distinct canonical states (a lower bound; null without measuring). */
  readonly symmetryReduction: number | null;
  readonly complete: boolean;
  /** The bound that left the search incomplete, if one did. */
  readonly stoppedBy: Bound | null;
  readonly violations: readonly SearchViolation[];
}

interface Entry {
  readonly state: CheckState;
  readonly index: number;
  /** Its fingerprint: a step back to the same state is a livelock. */
  readonly lo: number;
  readonly hi: number;
}

/** The root state of a scope under a transition. */
export function rootOf(scope: CheckScope, t: Transition, observe: boolean): { state: CheckState; start: StepResult } {
  const scenario = scenarioOf(scope);
  const start = t.start(scenarioWorld(scenario));
  const history = observe ? newHistory(scenarioConfig(scenario), t.step, scopeBound(scope), start.world) : null;
  const first = recurringArrival(scope, start.world, [], 0);
  const pending = first === null ? [] : [first];
  const state = { world: start.world, pending, used: 0, lastArrivalUs: 0, episodes: 0, nextId: 1, history };
  return { state, start };
}

export function expansionFor(scope: CheckScope): Expansion {
  const k = scenarioConfig(scenarioOf(scope)).policy.k;
  return expansionOf(scope, k, arrivalShapes(scope));
}

class Growable {
  a = new Int32Array(1 << 16);
  set(i: number, v: number): void {
    if (i >= this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[i] = v;
  }
}

export function search(scope: CheckScope, opts: SearchOptions = {}): SearchResult {
  const t0 = performance.now();
  const t = opts.transition ?? SPEC;
  const invariants = opts.invariants ?? INVARIANTS;
  const observe = invariants.length > 0 || opts.coverage !== undefined;
  const maxStates = opts.maxStates ?? 5_000_000;
  const maxDepth = opts.maxDepth ?? 10_000;
  const { state: root, start } = rootOf(scope, t, observe);
  opts.coverage?.recordStart({ result: start });
  const symmetry = opts.symmetry ?? true;
  const ex = new Expander(
    { scope, transition: t, invariants, symmetry, coverage: opts.coverage },
    expansionFor(scope),
    root,
  );
  const fp = ex.fp;
  const raw = opts.measureReduction ? new Fingerprinter(false, [], scope.shards) : null;
  const seen = new FingerprintSet();
  const rawSeen = new FingerprintSet();
  const parent = new Growable();
  const move = new Growable();
  let states = 0;
  let depth = 0;
  let lastProgress = t0;
  let stoppedBy: Bound | null = null;
  const memory = new MemoryBound(opts.maxMemoryMB);
  let next: Entry[] = [];
  let from = -1;
  const admit = (s: CheckState, mv: number): boolean => {
    if (raw !== null) {
      raw.of(s);
      rawSeen.add(raw.lo, raw.hi);
    }
    ex.fingerprint(s);
    if (!seen.add(fp.lo, fp.hi)) return false;
    parent.set(states, from);
    move.set(states, mv);
    const index = states++;
    if (depth + 1 < maxDepth) next.push({ state: s, index, lo: fp.lo, hi: fp.hi });
    else stoppedBy ??= 'depth';
    if (states >= maxStates || memory.exceeded()) {
      stoppedBy = states >= maxStates ? 'states' : 'memory';
      ex.stop = true;
    }
    return true;
  };
  admit(root, -1);
  let level: Entry[] = [{ state: root, index: 0, lo: fp.lo, hi: fp.hi }];
  next = [];
  let violation: SearchViolation | null = null;
  explore: while (level.length > 0) {
    for (const { state, index, lo, hi } of level) {
      from = index;
      const v = ex.expand(state, lo, hi, admit);
      if (v !== null) {
        const events = eventsAlong(scope, t, movesTo(parent.a, move.a, index));
        if (v.ev !== null) events.push(v.ev);
        violation = { property: v.property, message: v.message, events, final: v.ev === null };
        break explore;
      }
      if (ex.stop) break explore;
      if (opts.onProgress !== undefined && performance.now() - lastProgress > 1000) {
        lastProgress = performance.now();
        opts.onProgress({ states, depth, frontier: next.length, seconds: (lastProgress - t0) / 1000 });
      }
    }
    if (next.length > 0) depth++;
    level = next;
    next = [];
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    name: scope.name,
    states,
    transitions: ex.transitions,
    diameter: depth,
    seconds,
    statesPerS: Math.round(states / Math.max(seconds, 1e-6)),
    symmetryReduction: raw === null ? null : rawSeen.size / states,
    complete: stoppedBy === null && violation === null,
    stoppedBy,
    violations: violation === null ? [] : [violation],
  };
}

/** The moves (index into movesOf * 64 + routing) from the root to state `i`. */
function movesTo(parent: Int32Array, move: Int32Array, i: number): number[] {
  const path: number[] = [];
  for (let j = i; j > 0; j = parent[j]) path.push(move[j]);
  return path.reverse();
}

/** Replays moves from the root: the events they deliver. */
export function eventsAlong(scope: CheckScope, t: Transition, path: readonly number[]): ModelEvent[] {
  return walk(scope, t, rootOf(scope, t, false).state, path).events;
}

/** Replays moves (movesOf index * 64 + routing) from a state: the events and the states they lead to. */
export function walk(scope: CheckScope, t: Transition, from: CheckState, path: readonly number[]) {
  const x = expansionFor(scope);
  let s = from;
  const events: ModelEvent[] = [];
  const states: CheckState[] = [];
  for (const code of path) {
    const m = movesOf(x, s)[Math.floor(code / 64)];
    if (m === undefined) throw new Error(`no move ${code} from the state at step ${events.length}`);
    const r = t.step(s.world, m.ev);
    events.push(m.ev);
    const pending = routings(r.outputs, m.pending, scope.shards)[code % 64];
    s = successor(m, r.world, pending, s.history);
    states.push(s);
  }
  return { events, states, last: s };
}
