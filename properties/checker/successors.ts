import type { EnabledEvent, ModelEvent, Output, World } from '../../model/index.ts';
import { enabledEvents, topLevel } from '../../model/index.ts';
import type { History } from '../history.ts';
import { isRecurring, recurringArrival } from './recurring.ts';
import type { CheckScope } from './scope.ts';
import type { CheckState } from './state.ts';
import type { Shape } from './workload.ts';
import { templateOf } from './workload.ts';

// The moves out of a state: every event that can happen at the earliest time anything is due. Those are the
// model's timers due then (enabledEvents: every kind, so a kind added to the model is explored without a change
// here), with each ordered sample of min(k, n) machines for a placement and of shards for an idle-list join; the
// pending events due then; and, while the bounds allow, an arrival of any shape at any shard, or an antagonist
// episode on any machine, at any instant of the scope from the last arrival up to that time.

export interface Move {
  readonly ev: ModelEvent;
  readonly pending: readonly ModelEvent[];
  readonly used: number;
  readonly lastArrivalUs: number;
  readonly episodes: number;
  readonly nextId: number;
}

export interface Expansion {
  readonly scope: CheckScope;
  readonly shapes: readonly Shape[];
  readonly k: number;
  readonly machineSamples: readonly (readonly number[])[];
  readonly shardSamples: readonly (readonly number[])[];
}

export function orderedSamples(n: number, size: number): number[][] {
  if (size === 0) return [[]];
  return orderedSamples(n, size - 1).flatMap((prefix) =>
    Array.from({ length: n }, (_, i) => i)
      .filter((i) => !prefix.includes(i))
      .map((i) => [...prefix, i]),
  );
}

export function expansionOf(scope: CheckScope, k: number, shapes: readonly Shape[]): Expansion {
  const m = scope.machines.length;
  return {
    scope,
    shapes,
    k,
    machineSamples: orderedSamples(m, Math.min(k, m)),
    shardSamples: orderedSamples(scope.shards, Math.min(k, scope.shards)),
  };
}

function timerMoves(e: EnabledEvent, x: Expansion, s: CheckState, out: Move[]): void {
  const base = { pending: s.pending, used: s.used, lastArrivalUs: s.lastArrivalUs, episodes: s.episodes };
  const nextId = s.nextId;
  if (e.type === 'place') {
    for (const sampledMachines of x.machineSamples) out.push({ ev: { ...e, sampledMachines }, ...base, nextId });
  } else if (e.type === 'idleJoin') {
    for (const sampledShards of x.shardSamples) out.push({ ev: { ...e, sampledShards }, ...base, nextId });
  } else out.push({ ev: e as ModelEvent, ...base, nextId });
}

function externalMoves(x: Expansion, s: CheckState, tMin: number, out: Move[]): void {
  const sc = x.scope;
  const now = Math.max(s.world.nowUs, s.lastArrivalUs);
  for (const unit of sc.instantsUnits) {
    const atUs = unit * sc.unitUs;
    if (atUs < now || atUs > tMin) continue;
    for (const shape of x.shapes) {
      if (s.used + shape.size > sc.invocations) continue;
      const inv = topLevel(templateOf(shape, s.nextId), atUs);
      for (let shardId = 0; shardId < sc.shards; shardId++) {
        const ev: ModelEvent = { type: 'arrive', atUs, inv, shardId };
        const used = s.used + shape.size;
        out.push({
          ev,
          pending: s.pending,
          used,
          lastArrivalUs: atUs,
          episodes: s.episodes,
          nextId: s.nextId + shape.size,
        });
      }
    }
    const a = sc.antagonists;
    if (a === undefined || s.episodes >= a.episodes) continue;
    for (let machineId = 0; machineId < sc.machines.length; machineId++) {
      const restore: ModelEvent = {
        type: 'setUsableMemory',
        atUs: atUs + a.durationUnits * sc.unitUs,
        machineId,
        memoryMB: sc.machines[machineId].memoryMB,
      };
      for (const memoryMB of a.usableMB) {
        const ev: ModelEvent = { type: 'setUsableMemory', atUs, machineId, memoryMB };
        const pending = insertByTime(s.pending, restore);
        out.push({ ev, pending, used: s.used, lastArrivalUs: atUs, episodes: s.episodes + 1, nextId: s.nextId });
      }
    }
  }
}

function insertByTime(list: readonly ModelEvent[], e: ModelEvent): ModelEvent[] {
  const out = [...list];
  let j = 0;
  while (j < out.length && out[j].atUs <= e.atUs) j++;
  out.splice(j, 0, e);
  return out;
}

/** The earliest time anything is due (Infinity: nothing is). */
export function dueUs(timers: readonly EnabledEvent[], pending: readonly ModelEvent[]): number {
  let t = Infinity;
  for (const e of timers) if (e.atUs < t) t = e.atUs;
  for (const e of pending) if (e.atUs < t) t = e.atUs;
  return t;
}

/** Every move out of `s`, in a fixed order (a trace is stored as move indices). */
export function movesOf(x: Expansion, s: CheckState): Move[] {
  const timers = enabledEvents(s.world);
  const tMin = dueUs(timers, s.pending);
  const out: Move[] = [];
  for (const e of timers) if (e.atUs === tMin) timerMoves(e, x, s, out);
  for (let i = 0; i < s.pending.length; i++) {
    const e = s.pending[i];
    if (e.atUs !== tMin) continue;
    let pending = s.pending.filter((_, j) => j !== i);
    if (isRecurring(e)) {
      const period = (x.scope.recurring?.periodUnits ?? 1) * x.scope.unitUs;
      const again = recurringArrival(x.scope, s.world, s.pending, e.atUs + period);
      if (again !== null) pending = insertByTime(pending, again);
    }
    out.push({ ev: e, pending, used: s.used, lastArrivalUs: s.lastArrivalUs, episodes: s.episodes, nextId: s.nextId });
  }
  externalMoves(x, s, tMin, out);
  return out;
}

/** The state a move leads to: the step's world, one routing of the pending events, the bounds the move used. */
export function successor(m: Move, world: World, pending: readonly ModelEvent[], history: History | null): CheckState {
  const { used, lastArrivalUs, episodes, nextId } = m;
  return { world, pending, used, lastArrivalUs, episodes, nextId, history };
}

/** Whether nothing is due: no timer set and nothing pending (more arrivals may still come). */
export function isQuiescent(s: CheckState): boolean {
  return s.pending.length === 0 && enabledEvents(s.world).length === 0;
}

/** Spawned children arrive later at a shard the load balancer picks: one pending list per routing. */
export function routings(out: readonly Output[], pending: readonly ModelEvent[], shards: number): ModelEvent[][] {
  let lists: ModelEvent[][] = [[...pending]];
  for (const o of out) {
    if (o.type !== 'spawned') continue;
    lists = lists.flatMap((l) =>
      Array.from({ length: shards }, (_, shardId) =>
        insertByTime(l, { type: 'arrive', atUs: o.atUs, inv: o.inv, shardId }),
      ),
    );
  }
  return lists;
}
