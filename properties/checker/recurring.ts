import type { Invocation, ModelEvent, World } from '../../model/index.ts';
import { topLevel } from '../../model/index.ts';
import type { CheckScope } from './scope.ts';

// A recurring source (liveness scopes): one shape arrives every period, forever, so behaviours are infinite and
// the liveness search finds their cycles. Its invocations recycle identities: each takes the least id from
// RECURRING_BASE up that no invocation in the system holds, so a steady stream revisits the same states.

export const RECURRING_BASE = 1000;

export function isRecurring(ev: ModelEvent): boolean {
  return ev.type === 'arrive' && ev.inv.id >= RECURRING_BASE && ev.inv.parentId === -1;
}

function liveIds(world: World, pending: readonly ModelEvent[]): Set<number> {
  const ids = new Set<number>();
  const add = (inv: Invocation) => ids.add(inv.id);
  for (const m of world.machines) for (const t of m.tasks) add(t.inv);
  for (const s of world.shards) {
    for (const q of s.queues) for (const x of q) add(x.inv);
    if (s.poll !== null) add(s.poll.item.inv);
  }
  for (const h of world.budget.held) add(h.inv);
  for (const e of pending) if (e.type === 'arrive') add(e.inv);
  return ids;
}

/** The source's arrival at `atUs`, with the least free recycled id. */
export function recurringArrival(scope: CheckScope, world: World, pending: readonly ModelEvent[], atUs: number) {
  const r = scope.recurring;
  if (r === undefined) return null;
  const live = liveIds(world, pending);
  let id = RECURRING_BASE;
  while (live.has(id)) id++;
  const template = {
    id,
    tenantId: 0,
    functionId: RECURRING_BASE,
    declaredClass: r.cls,
    workUs: r.workUnits * scope.unitUs,
    initialMemoryMB: r.memoryMB,
    peakMemoryMB: r.memoryMB,
    children: [],
  };
  const ev: ModelEvent = { type: 'arrive', atUs, inv: topLevel(template, atUs), shardId: r.shardId };
  return ev;
}
