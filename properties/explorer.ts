import type { ModelEvent, Output, StepResult, World } from '../model/index.ts';
import { enabledEvents } from '../model/index.ts';
import { canonicalJson } from '../sim/util/canonical-json.ts';
import type { Coverage } from './coverage.ts';
import { boundOf, checkFinal, checkStep } from './driver.ts';
import type { History } from './history.ts';
import { advance, newHistory } from './history.ts';
import type { Invariant } from './invariants/index.ts';
import { INVARIANTS } from './invariants/index.ts';
import type { Scenario } from './scenario.ts';
import { externalEvents, scenarioConfig, scenarioWorld } from './scenario.ts';
import type { Scope } from './scopes.ts';
import type { Transition } from './transition.ts';
import { SPEC } from './transition.ts';

// Bounded exhaustive exploration of a small scope, breadth first, on the same model the simulator runs. From each
// state the successors are every event due at the earliest time (the model's timers and the pending external
// events, in any order), with every ordered sample of min(k, machines) machines for a placement and of
// min(k, shards) shards for a join, and every shard for a spawned child. States are deduplicated by a canonical
// hash of the world, the pending events and the finished invocations. Every invariant is checked on every
// transition, and the final ones on every quiescent state.

export interface ExploreViolation {
  readonly property: string;
  readonly message: string;
  /** The events from the initial state to the violating step (the last one). */
  readonly events: readonly ModelEvent[];
}

export interface ExploreResult {
  readonly scope: string;
  readonly states: number;
  readonly transitions: number;
  readonly timeMs: number;
  readonly complete: boolean;
  readonly violation: ExploreViolation | null;
}

interface Node {
  readonly world: World;
  readonly pending: readonly ModelEvent[];
  readonly history: History;
  readonly parent: number;
  readonly event: ModelEvent | null;
}

function orderedSamples(n: number, size: number): number[][] {
  if (size === 0) return [[]];
  return orderedSamples(n, size - 1).flatMap((prefix) =>
    Array.from({ length: n }, (_, i) => i)
      .filter((i) => !prefix.includes(i))
      .map((i) => [...prefix, i]),
  );
}

function hashOf(n: Pick<Node, 'world' | 'pending' | 'history'>): string {
  const done = [...n.history.done.keys()].sort((a, b) => a - b).join(',');
  return `${canonicalJson(n.world)}|${canonicalJson(n.pending)}|${done}`;
}

/** Every concrete event that can run next from this node, with the pending list left after it. */
function successors(node: Node, k: number): { ev: ModelEvent; pending: readonly ModelEvent[] }[] {
  const world = node.world;
  const timers = enabledEvents(world);
  const tMin = Math.min(...timers.map((e) => e.atUs), ...node.pending.map((e) => e.atUs));
  if (tMin === Infinity) return [];
  const succ: { ev: ModelEvent; pending: readonly ModelEvent[] }[] = [];
  for (const e of timers) {
    if (e.atUs !== tMin) continue;
    if (e.type === 'place') {
      for (const s of orderedSamples(world.machines.length, Math.min(k, world.machines.length))) {
        succ.push({ ev: { ...e, sampledMachines: s }, pending: node.pending });
      }
    } else if (e.type === 'idleJoin') {
      for (const s of orderedSamples(world.shards.length, Math.min(k, world.shards.length))) {
        succ.push({ ev: { ...e, sampledShards: s }, pending: node.pending });
      }
    } else succ.push({ ev: e, pending: node.pending });
  }
  node.pending.forEach((e, i) => {
    if (e.atUs === tMin) succ.push({ ev: e, pending: node.pending.filter((_, j) => j !== i) });
  });
  return succ;
}

/** Spawned children arrive later at any shard: one pending list per routing choice. */
function routings(out: readonly Output[], pending: readonly ModelEvent[], shards: number): (readonly ModelEvent[])[] {
  let lists: ModelEvent[][] = [[]];
  for (const o of out) {
    if (o.type !== 'spawned') continue;
    lists = lists.flatMap((rs) =>
      Array.from({ length: shards }, (_, sh) => [
        ...rs,
        { type: 'arrive' as const, atUs: o.atUs, inv: o.inv, shardId: sh },
      ]),
    );
  }
  return lists.map((rs) => (rs.length === 0 ? pending : [...pending, ...rs].sort((a, b) => a.atUs - b.atUs)));
}

export interface ExploreOptions {
  readonly maxStates?: number;
  readonly invariants?: readonly Invariant[];
  readonly coverage?: Coverage;
  /** Called every few thousand states explored (a progress bar on a terminal). */
  readonly onProgress?: (p: { readonly scope: string; readonly explored: number; readonly states: number }) => void;
}

const PROGRESS_EVERY = 2000;

export function explore(scope: Scope, t: Transition = SPEC, opts: ExploreOptions = {}): ExploreResult {
  const t0 = Date.now();
  const maxStates = opts.maxStates ?? 200_000;
  const invariants = opts.invariants ?? INVARIANTS;
  const s: Scenario = scope.scenario;
  const spec = scenarioConfig(s);
  const started = t.start(scenarioWorld(s));
  opts.coverage?.recordStart({ result: started });
  const root: Node = {
    world: started.world,
    pending: externalEvents(s),
    history: newHistory(spec, t.step, boundOf(s), started.world),
    parent: -1,
    event: null,
  };
  const nodes: Node[] = [root];
  const seen = new Set<string>([hashOf(root)]);
  let transitions = 0;
  const pathTo = (i: number, last: ModelEvent): ModelEvent[] => {
    const evs: ModelEvent[] = [last];
    for (let j = i; j > 0; j = nodes[j].parent) evs.push(nodes[j].event as ModelEvent);
    return evs.reverse();
  };
  const result = (violation: ExploreViolation | null, complete: boolean): ExploreResult => ({
    scope: scope.name,
    states: nodes.length,
    transitions,
    timeMs: Date.now() - t0,
    complete,
    violation,
  });
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (i % PROGRESS_EVERY === 0) opts.onProgress?.({ scope: scope.name, explored: i, states: nodes.length });
    const succ = successors(node, spec.policy.k);
    if (succ.length === 0) {
      const v = checkFinal(node.world, node.history, invariants, opts.coverage);
      if (v !== null)
        return result(
          {
            property: v.property,
            message: v.message,
            events: i === 0 ? [] : pathTo(node.parent, node.event as ModelEvent),
          },
          false,
        );
      continue;
    }
    for (const { ev, pending } of succ) {
      transitions++;
      let r: StepResult;
      try {
        r = t.step(node.world, ev);
      } catch (e) {
        return result(
          { property: 'modelError', message: `step threw: ${(e as Error).message}`, events: pathTo(i, ev) },
          false,
        );
      }
      const next = advance(node.history, node.world, ev, r);
      const view = {
        prev: node.world,
        event: ev,
        result: r,
        next: r.world,
        before: node.history,
        after: next.history,
        replay: next.replay,
      };
      const v = checkStep(view, invariants, opts.coverage);
      if (v !== null) return result({ property: v.property, message: v.message, events: pathTo(i, ev) }, false);
      for (const rs of routings(r.outputs, pending, r.world.shards.length)) {
        const child: Node = { world: r.world, pending: rs, history: next.history, parent: i, event: ev };
        const h = hashOf(child);
        if (seen.has(h)) continue;
        seen.add(h);
        nodes.push(child);
        if (nodes.length >= maxStates) return result(null, false);
      }
    }
  }
  return result(null, true);
}

/** Explores every scope in order; stops at the first violation. */
export function exploreAll(
  scopeList: readonly Scope[],
  t: Transition = SPEC,
  opts: ExploreOptions = {},
): ExploreResult[] {
  const results: ExploreResult[] = [];
  for (const sc of scopeList) {
    const r = explore(sc, t, opts);
    results.push(r);
    if (r.violation !== null) break;
  }
  return results;
}
