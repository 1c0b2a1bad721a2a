import type { World } from './cluster.ts';

// Which events can happen next in a world, separately from how they change it (cluster.ts). Arrivals and
// memory antagonists come from outside and are not listed. `place` and `idleJoin` still need their
// nondeterministic data (sampled machines, sampled shards), which the driver chooses.

export type EnabledEvent =
  | { readonly type: 'wake'; readonly atUs: number; readonly machineId: number }
  | { readonly type: 'place'; readonly atUs: number; readonly shardId: number }
  | { readonly type: 'release'; readonly atUs: number; readonly shardId: number }
  | { readonly type: 'idleJoin'; readonly atUs: number; readonly machineId: number };

export function enabledEvents(world: World): EnabledEvent[] {
  const events: EnabledEvent[] = [];
  for (const s of world.shards) {
    if (s.placePending) events.push({ type: 'place', atUs: Math.max(world.nowUs, s.busyUntilUs), shardId: s.id });
    if (s.releaseAtUs !== Infinity) events.push({ type: 'release', atUs: Math.max(world.nowUs, s.releaseAtUs), shardId: s.id });
  }
  for (const m of world.machines) {
    if (m.wakeAtUs !== Infinity) events.push({ type: 'wake', atUs: m.wakeAtUs, machineId: m.id });
    if (m.dispatcher.joinRequested) events.push({ type: 'idleJoin', atUs: world.nowUs, machineId: m.id });
  }
  return events;
}
