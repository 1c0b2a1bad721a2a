import type { ModelConfig } from './config.ts';
import type { Invocation } from './invocation.ts';
import { memoryWorkIntegralMBUs } from './memory-growth.ts';
import type { MessageBody } from './messages.ts';
import { toBudget } from './messages.ts';
import type { Context, Reaction } from './reaction.ts';
import { react, unexpected } from './reaction.ts';

// Billing (paper 3): CPU time at the price of the class the invocation ran as (its effective class, inheritance
// and demotion included), plus memory "billed separately and by use" at one price for every class: GB-seconds
// integrated over the work done (time spent waiting or in swap because of the provider's scheduling is not
// billed). Killed invocations are not billed. The amount goes to the budget's ledger for budgeted tenants.
// Billing keeps no state of its own.

export type BillingState = null;

export function billingHandler(state: BillingState, body: MessageBody, ctx: Context): Reaction<BillingState> {
  if (body.type !== 'bill') return unexpected('billing', body);
  const { cpuCost, memoryCost } = costOf(body.inv, ctx.config);
  const inv = body.inv;
  const billed = {
    type: 'billed',
    atUs: ctx.nowUs,
    invId: inv.id,
    tenantId: inv.tenantId,
    cpuCost,
    memoryCost,
  } as const;
  const budgeted = ctx.config.budgets[inv.tenantId] !== undefined;
  const spend = toBudget({ type: 'spend', tenantId: inv.tenantId, amount: cpuCost + memoryCost });
  return react(state, budgeted ? [spend] : [], [billed]);
}

export function costOf(inv: Invocation, config: ModelConfig): { cpuCost: number; memoryCost: number } {
  const cpuCost = (inv.workUs / 1e6) * config.priceClasses[inv.effectiveClass].pricePerCpuS;
  const gbSeconds = memoryWorkIntegralMBUs(inv, config) / (1024 * 1e6);
  return { cpuCost, memoryCost: gbSeconds * config.memoryPricePerGBs };
}
