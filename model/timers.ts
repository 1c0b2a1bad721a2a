import type { EventType, ModelEvent } from './events.ts';
import { deliverable } from './network.ts';
import type { World } from './world.ts';

// Which events can happen next, separately from what they do (router.ts). Arrivals and memory antagonists come
// from outside; the other events are timers the components set (a placement decision, a machine's wake, a budget
// release, an idle-list join), read off the world here, once, for every driver: the simulator's engines, the
// deterministic driver, the property suite's adversarial driver and the explorer.

/** A timer that is set, without the nondeterministic data (sampled machines or shards) its event will carry. */
export type EnabledEvent =
  | { readonly type: 'wake'; readonly atUs: number; readonly machineId: number }
  | { readonly type: 'place'; readonly atUs: number; readonly shardId: number }
  | { readonly type: 'release'; readonly atUs: number }
  | { readonly type: 'idleJoin'; readonly atUs: number; readonly machineId: number }
  | { readonly type: 'deliver'; readonly atUs: number; readonly seq: number };

export function enabledEvents(world: World): EnabledEvent[] {
  const events: EnabledEvent[] = [];
  for (const m of world.machines)
    if (m.wakeAtUs !== Infinity) events.push({ type: 'wake', atUs: m.wakeAtUs, machineId: m.id });
  if (world.budget.releaseAtUs !== Infinity) events.push({ type: 'release', atUs: world.budget.releaseAtUs });
  for (const d of world.dispatchers) {
    if (d.joinAtUs !== Infinity) events.push({ type: 'idleJoin', atUs: d.joinAtUs, machineId: d.machineId });
  }
  for (const s of world.shards)
    if (s.placeAtUs !== Infinity) events.push({ type: 'place', atUs: s.placeAtUs, shardId: s.id });
  for (const f of deliverable(world.inFlight)) events.push({ type: 'deliver', atUs: f.atUs, seq: f.seq });
  return events;
}

/**
 * Whether an event may be delivered to this world: an external event always; a timer event only while that
 * timer is set for that time (a timer that was moved or withdrawn leaves a stale event in a driver's agenda).
 */
export function isCurrent(world: World, ev: ModelEvent): boolean {
  switch (ev.type) {
    case 'arrive':
    case 'setUsableMemory':
      return true;
    case 'wake':
      return world.machines[ev.machineId]?.wakeAtUs === ev.atUs;
    case 'place':
      return world.shards[ev.shardId]?.placeAtUs === ev.atUs;
    case 'release':
      return world.budget.releaseAtUs === ev.atUs;
    case 'idleJoin':
      return world.dispatchers[ev.machineId]?.joinAtUs === ev.atUs;
    case 'deliver':
      return deliverable(world.inFlight).some((f) => f.seq === ev.seq && f.atUs === ev.atUs);
  }
}

/**
 * The canonical order of events at the same microsecond, used by every deterministic driver (both simulator
 * engines give identical results because they follow it; the property suite and the explorer deliberately try
 * every order). Machine timers first, so work finishing at t frees its core and memory before anything new lands;
 * then messages arriving over the network (in send order); then antagonists, budget releases and arrivals (in
 * invocation id order); then idle-list joins; shard decisions last, so every invocation and machine that arrives at
 * t is there when a shard decides at t.
 */
export const EVENT_RANK: Readonly<Record<EventType, number>> = {
  wake: 0,
  deliver: 1,
  setUsableMemory: 2,
  release: 3,
  arrive: 4,
  idleJoin: 5,
  place: 6,
};

/** The component (or invocation) id that orders events of the same kind at the same time. */
export function tieKey(ev: ModelEvent | EnabledEvent): number {
  switch (ev.type) {
    case 'wake':
    case 'setUsableMemory':
    case 'idleJoin':
      return ev.machineId;
    case 'place':
      return ev.shardId;
    case 'arrive':
      return ev.inv.id;
    case 'release':
      return 0;
    case 'deliver':
      return ev.seq;
  }
}

/** Negative when `a` comes first in the canonical order (time, kind, id). */
export function compareEvents(a: ModelEvent | EnabledEvent, b: ModelEvent | EnabledEvent): number {
  return a.atUs - b.atUs || EVENT_RANK[a.type] - EVENT_RANK[b.type] || tieKey(a) - tieKey(b);
}
