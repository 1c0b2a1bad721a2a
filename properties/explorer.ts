import type { ModelEvent, Output, World } from '../model/index.ts';
import { enabledEvents, start, step as realStep } from '../model/index.ts';
import { boundOf } from './driver.ts';
import type { History, StepFn } from './history.ts';
import { advance, newHistory } from './history.ts';
import type { Invariant } from './invariants.ts';
import { INVARIANTS } from './invariants.ts';
import type { Scenario } from './scenario.ts';
import { externalEvents, scenarioConfig, scenarioWorld } from './scenario.ts';
import type { Scope } from './scopes.ts';
import { canonicalJson, jsonOf } from './view.ts';

// Bounded exhaustive exploration of a small scope, breadth first (what TLC and stateright do, on the same model
// the simulator runs). From each state, the successors are: every event due at the earliest time (internal
// ones from enabledEvents and pending external arrivals, in any order), with every ordered sample of
// min(k, machines) machines for a placement and of min(k, shards) shards for an idle-list join, and every shard
// for a spawned child. States are deduplicated by a canonical hash of the world (FIFO queues by their items,
// model/fifo.ts), the pending external events and the finished invocations. Every invariant is checked on every
// transition and the final ones on every quiescent state.

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

function permutations(n: number, size: number): number[][] {
  const out: number[][] = [];
  const rec = (prefix: number[]) => {
    if (prefix.length === size) {
      out.push(prefix);
      return;
    }
    for (let i = 0; i < n; i++) if (!prefix.includes(i)) rec([...prefix, i]);
  };
  rec([]);
  return out;
}

function hashOf(n: { world: World; pending: readonly ModelEvent[]; history: History }): string {
  const done = [...n.history.done.keys()].sort((a, b) => a - b).join(',');
  return `${canonicalJson(n.world)}|${jsonOf(n.pending)}|${done}`;
}

/** Every concrete event that can run next from this node, with the pending list left after it. */
function successors(node: Node, world: World, k: number): { ev: ModelEvent; pending: readonly ModelEvent[] }[] {
  const internal = enabledEvents(world);
  let tMin = Infinity;
  for (const e of internal) tMin = Math.min(tMin, e.atUs);
  for (const e of node.pending) tMin = Math.min(tMin, e.atUs);
  if (tMin === Infinity) return [];
  const succ: { ev: ModelEvent; pending: readonly ModelEvent[] }[] = [];
  for (const e of internal) {
    if (e.atUs !== tMin) continue;
    if (e.type === 'place') for (const s of permutations(world.machines.length, Math.min(k, world.machines.length))) succ.push({ ev: { ...e, sampledMachines: s }, pending: node.pending });
    else if (e.type === 'idleJoin') for (const s of permutations(world.shards.length, Math.min(k, world.shards.length))) succ.push({ ev: { ...e, sampledShards: s }, pending: node.pending });
    else succ.push({ ev: e, pending: node.pending });
  }
  node.pending.forEach((e, i) => {
    if (e.atUs === tMin) succ.push({ ev: e, pending: node.pending.filter((_, j) => j !== i) });
  });
  return succ;
}

export interface ExploreOptions {
  readonly maxStates?: number;
  readonly invariants?: readonly Invariant[];
}

export function explore(scope: Scope, stepFn: StepFn = realStep, opts: ExploreOptions = {}): ExploreResult {
  const t0 = Date.now();
  const maxStates = opts.maxStates ?? 200_000;
  const invariants = opts.invariants ?? INVARIANTS;
  const s: Scenario = scope.scenario;
  const spec = scenarioConfig(s);
  const k = spec.policy.k;
  const nodes: Node[] = [{ world: start(scenarioWorld(s)).world, pending: externalEvents(s), history: newHistory(spec, stepFn, boundOf(s)), parent: -1, event: null }];
  const seen = new Set<string>([hashOf(nodes[0])]);
  let transitions = 0;
  const pathTo = (i: number, last: ModelEvent): ModelEvent[] => {
    const evs: ModelEvent[] = [last];
    for (let j = i; j > 0; j = nodes[j].parent) evs.push(nodes[j].event!);
    return evs.reverse();
  };
  const result = (violation: ExploreViolation | null, complete: boolean): ExploreResult => ({ scope: scope.name, states: nodes.length, transitions, timeMs: Date.now() - t0, complete, violation });
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const succ = successors(node, node.world, k);
    if (succ.length === 0) {
      for (const inv of invariants) {
        const msg = inv.final?.(node.world, node.history) ?? null;
        if (msg !== null) return result({ property: inv.name, message: msg, events: i === 0 ? [] : pathTo(node.parent, node.event!) }, false);
      }
      continue;
    }
    for (const { ev, pending } of succ) {
      transitions++;
      let r: { world: World; out: Output[] };
      try {
        r = stepFn(node.world, ev);
      } catch (e) {
        return result({ property: 'modelError', message: `step threw: ${(e as Error).message}`, events: pathTo(i, ev) }, false);
      }
      const history = advance(node.history, ev, r.out, r.world);
      for (const inv of invariants) {
        const msg = inv.check(node.world, ev, r.out, r.world, history);
        if (msg !== null) return result({ property: inv.name, message: msg, events: pathTo(i, ev) }, false);
      }
      // Spawned children arrive later in any shard: one successor per routing choice.
      const spawned = r.out.filter((o): o is Extract<Output, { type: 'spawned' }> => o.type === 'spawned');
      let routings: ModelEvent[][] = [[]];
      for (const o of spawned) routings = routings.flatMap((rs) => Array.from({ length: r.world.shards.length }, (_, sh) => [...rs, { type: 'arrive' as const, atUs: o.atUs, inv: o.inv, shardId: sh }]));
      for (const rs of routings) {
        const next: Node = { world: r.world, pending: rs.length === 0 ? pending : [...pending, ...rs].sort((a, b) => a.atUs - b.atUs), history, parent: i, event: ev };
        const h = hashOf(next);
        if (seen.has(h)) continue;
        seen.add(h);
        nodes.push(next);
        if (nodes.length >= maxStates) return result(null, false);
      }
    }
  }
  return result(null, true);
}

/** Explores every scope in order; stops at the first violation. */
export function exploreAll(scopeList: readonly Scope[], stepFn: StepFn = realStep, opts: ExploreOptions = {}): ExploreResult[] {
  const results: ExploreResult[] = [];
  for (const sc of scopeList) {
    const r = explore(sc, stepFn, opts);
    results.push(r);
    if (r.violation !== null) break;
  }
  return results;
}
