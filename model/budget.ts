import type { ModelConfig } from './config.ts';
import { MONTH_US } from './config.ts';
import type { Output } from './events.ts';
import type { Invocation } from './invocation.ts';
import { invalidInvocation, withEffectiveClass } from './invocation.ts';
import type { Message, MessageBody } from './messages.ts';
import { toShard } from './messages.ts';
import type { Context, Reaction } from './reaction.ts';
import { react, unexpected } from './reaction.ts';

// Budgets (paper 3.1): each tenant declares a monthly budget, and XX "throttles invocations or decreases quality
// of service in the case that usage is not within reason given the expected budget, though it does not guarantee
// that the budget will not be exceeded by small amounts". Every arrival passes the budget's admission check on
// its way to its shard. A tenant is over budget at time t when what it has been billed exceeds its budget
// pro-rated to t plus budgetToleranceFraction of the monthly budget. Spending is recorded when an invocation is
// billed (at completion: billing is per use), so work already admitted can overshoot a little: the "small
// amounts". Policy `throttle: hold` keeps the tenant's new invocations here until the pro-rated budget catches up
// (a release timer); `demote` admits them in the lowest class.

export interface HeldInvocation {
  readonly inv: Invocation;
  readonly shardId: number;
}

export interface BudgetState {
  /** Amount billed so far, for tenants that have a budget. */
  readonly spentByTenant: Readonly<Record<number, number>>;
  /** Throttled invocations, in arrival order. */
  readonly held: readonly HeldInvocation[];
  /** The release timer (re-check the held invocations), or Infinity. */
  readonly releaseAtUs: number;
}

export const NEW_BUDGET: BudgetState = { spentByTenant: {}, held: [], releaseAtUs: Infinity };

export function budgetHandler(b: BudgetState, body: MessageBody, ctx: Context): Reaction<BudgetState> {
  switch (body.type) {
    case 'admit':
      return admit(b, body.inv, body.shardId, ctx);
    case 'spend': {
      const spent = (b.spentByTenant[body.tenantId] ?? 0) + body.amount;
      return react({ ...b, spentByTenant: { ...b.spentByTenant, [body.tenantId]: spent } });
    }
    case 'releaseTimer':
      return release({ ...b, releaseAtUs: Infinity }, ctx);
    default:
      return unexpected('budget', body);
  }
}

export function isOverBudget(b: BudgetState, tenantId: number, atUs: number, config: ModelConfig): boolean {
  const budget = config.budgets[tenantId];
  if (budget === undefined) return false;
  return (b.spentByTenant[tenantId] ?? 0) > budget * (atUs / MONTH_US + config.budgetToleranceFraction);
}

/** The first time at which the tenant is no longer over budget, if nothing else is billed meanwhile. */
export function releaseTimeUs(b: BudgetState, tenantId: number, config: ModelConfig): number {
  const budget = config.budgets[tenantId];
  if (budget === undefined) return 0;
  const spent = b.spentByTenant[tenantId] ?? 0;
  // +1us so that rounding can never leave the tenant still (barely) over budget at the returned time.
  return Math.max(0, Math.ceil((spent / budget - config.budgetToleranceFraction) * MONTH_US) + 1);
}

function admit(b: BudgetState, inv: Invocation, shardId: number, ctx: Context): Reaction<BudgetState> {
  const invalid = invalidInvocation(inv, ctx.config.priceClasses.length);
  if (invalid !== null) throw new Error(invalid);
  if (!isOverBudget(b, inv.tenantId, ctx.nowUs, ctx.config)) return react(b, [enqueue(inv, shardId)]);
  const tenantId = inv.tenantId;
  if (ctx.config.policy.throttle === 'demote') {
    const demoted: Output = { type: 'demoted', atUs: ctx.nowUs, invId: inv.id, tenantId };
    return react(b, [enqueue(withEffectiveClass(inv, 0), shardId)], [demoted]);
  }
  const throttled: Output = { type: 'throttled', atUs: ctx.nowUs, invId: inv.id, tenantId };
  return withReleaseTimer({ ...b, held: [...b.held, { inv, shardId }] }, ctx, [], [throttled]);
}

function release(b: BudgetState, ctx: Context): Reaction<BudgetState> {
  const free = b.held.filter((h) => !isOverBudget(b, h.inv.tenantId, ctx.nowUs, ctx.config));
  const still = b.held.filter((h) => isOverBudget(b, h.inv.tenantId, ctx.nowUs, ctx.config));
  // Time spent held earns no aging credit at the shard: its wait there starts when it is released.
  const sent = free.map((h) => enqueue(h.inv, h.shardId));
  const outputs: Output[] = free.map((h) => ({
    type: 'released',
    atUs: ctx.nowUs,
    invId: h.inv.id,
    shardId: h.shardId,
  }));
  return withReleaseTimer({ ...b, held: still }, ctx, sent, outputs);
}

/** Sets the release timer for the earliest held tenant, asking for it when it moved. */
function withReleaseTimer(b: BudgetState, ctx: Context, sent: Message[], outputs: Output[]): Reaction<BudgetState> {
  let atUs = Infinity;
  for (const h of b.held) atUs = Math.min(atUs, Math.max(ctx.nowUs, releaseTimeUs(b, h.inv.tenantId, ctx.config)));
  if (atUs === b.releaseAtUs) return react(b, sent, outputs);
  const request: Output[] = atUs === Infinity ? [] : [{ type: 'needRelease', atUs }];
  return react({ ...b, releaseAtUs: atUs }, sent, [...outputs, ...request]);
}

function enqueue(inv: Invocation, shardId: number): Message {
  return toShard(shardId, { type: 'enqueue', inv });
}
