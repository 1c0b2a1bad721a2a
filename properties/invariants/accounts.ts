import { expectedBill, overBudget } from '../oracle/rules.ts';
import type { Invariant, Probe, StepView } from './types.ts';

// Billing and budgets (paper 3, 3.1; model README). Each completed invocation is billed once, in the step it
// completes: CPU-seconds at its effective class's price plus GB-seconds of memory over its work at one price;
// killed work is not billed. An arrival of a tenant over budget (billed more than its budget pro-rated to now plus
// the tolerance) is held (throttle: hold) or demoted to the lowest class (demote); a release lets out exactly the
// held invocations whose tenants are no longer over.

export const billing: Invariant = {
  name: 'billing',
  description: 'every completion is billed once, at its effective class price plus memory by use; kills are not billed',
  check(v, probe) {
    const completed = v.result.outputs.flatMap((o) => (o.type === 'completed' ? [o.inv] : []));
    const billed = v.result.outputs.flatMap((o) => (o.type === 'billed' ? [o] : []));
    if (billed.length !== completed.length) return `${completed.length} completions, ${billed.length} bills`;
    for (const inv of completed) {
      probe.checked();
      const bill = billed.find((b) => b.invId === inv.id);
      if (bill === undefined) return `invocation ${inv.id} completed without a bill`;
      const want = expectedBill(inv, v.after.spec);
      const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
      if (!near(bill.cpuCost, want.cpuCost) || !near(bill.memoryCost, want.memoryCost)) {
        const expected = `${want.cpuCost} + ${want.memoryCost}`;
        return `invocation ${inv.id} billed ${bill.cpuCost} + ${bill.memoryCost}, expected ${expected}`;
      }
    }
    return null;
  },
};

export const budget: Invariant = {
  name: 'budget',
  description:
    'an over-budget tenant is throttled (held or demoted), others are not; a release lets out those back within budget',
  check(v, probe) {
    if (v.event.type === 'arrive') return admission(v, probe);
    if (v.event.type === 'release') return release(v, probe);
    return null;
  },
};

function admission(v: StepView, probe: Probe): string | null {
  if (v.event.type !== 'arrive') return null;
  probe.checked();
  const config = v.after.spec;
  const inv = v.event.inv;
  const over = overBudget(
    v.before.spentByTenant.get(inv.tenantId) ?? 0,
    config.budgets[inv.tenantId],
    v.event.atUs,
    config,
  );
  const throttled = v.result.outputs.some((o) => o.type === 'throttled' && o.invId === inv.id);
  const demoted = v.result.outputs.some((o) => o.type === 'demoted' && o.invId === inv.id);
  const held = v.next.budget.held.some((h) => h.inv.id === inv.id);
  if (!over)
    return throttled || demoted || held ? `tenant ${inv.tenantId} is within budget, yet ${inv.id} was throttled` : null;
  if (config.policy.throttle === 'hold')
    return throttled && held ? null : `tenant ${inv.tenantId} is over budget, yet ${inv.id} was not held`;
  const admitted = v.after.known.get(inv.id);
  return demoted && admitted?.effectiveClass === 0
    ? null
    : `tenant ${inv.tenantId} is over budget, yet ${inv.id} was not demoted to class 0`;
}

function release(v: StepView, probe: Probe): string | null {
  const config = v.after.spec;
  const released = new Set(v.result.outputs.flatMap((o) => (o.type === 'released' ? [o.invId] : [])));
  for (const h of v.prev.budget.held) {
    probe.checked();
    const spent = v.before.spentByTenant.get(h.inv.tenantId) ?? 0;
    const stillOver = overBudget(spent, config.budgets[h.inv.tenantId], v.event.atUs, config);
    if (stillOver === released.has(h.inv.id)) {
      const what = stillOver ? 'released while its tenant is over budget' : 'kept though its tenant is within budget';
      return `release at ${v.event.atUs}us: ${h.inv.id} ${what}`;
    }
  }
  return null;
}
