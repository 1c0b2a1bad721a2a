import { MONTH_US } from '../../../model/config.ts';
import { invalidInvocation, withEffectiveClass } from '../../../model/invocation.ts';
import { ENQUEUE } from './fifo.ts';
import type { FastWorld } from './world.ts';

// The budget component (the spec's model/budget.ts): admission of every arrival, held invocations and the
// release timer, the ledger of what budgeted tenants were billed.

function isOverBudget(w: FastWorld, tenantId: number, atUs: number): boolean {
  const budget = w.config.budgets[tenantId];
  if (budget === undefined) return false;
  return (w.spentByTenant.get(tenantId) ?? 0) > budget * (atUs / MONTH_US + w.config.budgetToleranceFraction);
}

function releaseTimeUs(w: FastWorld, tenantId: number): number {
  const budget = w.config.budgets[tenantId];
  if (budget === undefined) return 0;
  const spent = w.spentByTenant.get(tenantId) ?? 0;
  return Math.max(0, Math.ceil((spent / budget - w.config.budgetToleranceFraction) * MONTH_US) + 1);
}

export function admit(w: FastWorld, slot: number): void {
  const inv = w.tasks.invOf(slot);
  const invalid = invalidInvocation(inv, w.config.priceClasses.length);
  if (invalid !== null) throw new Error(invalid);
  const shardId = w.tasks.shardId[slot];
  if (!isOverBudget(w, inv.tenantId, w.nowUs)) {
    w.fifo.push(ENQUEUE, shardId, slot);
    return;
  }
  const tenantId = inv.tenantId;
  if (w.config.policy.throttle === 'demote') {
    w.sink.output?.({ type: 'demoted', atUs: w.nowUs, invId: inv.id, tenantId });
    w.tasks.inv[slot] = withEffectiveClass(inv, 0);
    w.fifo.push(ENQUEUE, shardId, slot);
    return;
  }
  w.sink.output?.({ type: 'throttled', atUs: w.nowUs, invId: inv.id, tenantId });
  w.heldSlots.push(slot);
  setReleaseTimer(w);
}

export function spend(w: FastWorld, tenantId: number, amount: number): void {
  w.spentByTenant.set(tenantId, (w.spentByTenant.get(tenantId) ?? 0) + amount);
}

export function release(w: FastWorld): void {
  w.releaseAtUs = Infinity;
  const held = w.heldSlots;
  let kept = 0;
  const free: number[] = [];
  for (const slot of held) {
    if (isOverBudget(w, w.tasks.invOf(slot).tenantId, w.nowUs)) held[kept++] = slot;
    else free.push(slot);
  }
  held.length = kept;
  // Time spent held earns no aging credit at the shard: its wait there starts when it is released.
  for (const slot of free) w.fifo.push(ENQUEUE, w.tasks.shardId[slot], slot);
  for (const slot of free) {
    const invId = w.tasks.invOf(slot).id;
    w.sink.output?.({ type: 'released', atUs: w.nowUs, invId, shardId: w.tasks.shardId[slot] });
  }
  setReleaseTimer(w);
}

/** Sets the release timer for the earliest held tenant, asking for it when it moved. */
function setReleaseTimer(w: FastWorld): void {
  let atUs = Infinity;
  for (const slot of w.heldSlots) {
    atUs = Math.min(atUs, Math.max(w.nowUs, releaseTimeUs(w, w.tasks.invOf(slot).tenantId)));
  }
  if (atUs === w.releaseAtUs) return;
  w.releaseAtUs = atUs;
  if (atUs !== Infinity) w.sink.needRelease(atUs);
}
