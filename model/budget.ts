import type { ModelConfig } from './config.ts';
import { MONTH_US } from './config.ts';

// Budgets (paper 3.1): each tenant declares a monthly budget, and XX "throttles invocations or decreases
// quality of service in the case that usage is not within reason given the expected budget, though it does
// not guarantee that the budget will not be exceeded by small amounts".
// Rule: a tenant is over budget at time t when what it has been billed exceeds the budget pro-rated to t plus
// a tolerance of `budgetToleranceFraction` of the monthly budget. Spending is recorded when an invocation
// completes (billing is per use), so work already admitted can overshoot a little: the allowed small amount.

export interface Ledger {
  /** Amount billed so far, for tenants that have a budget. */
  readonly spentByTenant: Readonly<Record<number, number>>;
}

export const EMPTY_LEDGER: Ledger = { spentByTenant: {} };

export function isOverBudget(ledger: Ledger, tenantId: number, atUs: number, config: ModelConfig): boolean {
  const budget = config.budgets[tenantId];
  if (budget === undefined) return false;
  const spent = ledger.spentByTenant[tenantId] ?? 0;
  return spent > budget * (atUs / MONTH_US + config.budgetToleranceFraction);
}

/** The first time at which the tenant is no longer over budget, if nothing else is billed meanwhile. */
export function budgetReleaseUs(ledger: Ledger, tenantId: number, config: ModelConfig): number {
  const budget = config.budgets[tenantId];
  if (budget === undefined) return 0;
  const spent = ledger.spentByTenant[tenantId] ?? 0;
  // +1us so that rounding can never leave the tenant still (barely) over budget at the returned time.
  return Math.max(0, Math.ceil((spent / budget - config.budgetToleranceFraction) * MONTH_US) + 1);
}

export function recordSpend(ledger: Ledger, tenantId: number, amount: number, config: ModelConfig): Ledger {
  if (config.budgets[tenantId] === undefined) return ledger;
  const spentByTenant = { ...ledger.spentByTenant, [tenantId]: (ledger.spentByTenant[tenantId] ?? 0) + amount };
  return { spentByTenant };
}
