import { describe, expect, it } from 'vitest';
import { isOverBudget, NEW_BUDGET, releaseTimeUs } from '../../model/budget.ts';
import type { BudgetState, ModelConfig } from '../../model/index.ts';
import { MONTH_US, step, topLevel } from '../../model/index.ts';
import { memoryWorkIntegralMBUs } from '../../model/memory-growth.ts';
import { arrive, completionTimes, config, inv, kills, ofType, run, S, THREE_CLASSES, tmpl, world } from './helpers.ts';

// Budgets (model/budget.ts: one global budget actor that admits every arrival) and billing (model/billing.ts:
// a `billed` output per completion, and a `spend` to the budget for budgeted tenants).
// Classes (TWO_CLASSES): low 0.5, high 2 per CPU-second. MONTH_US = 30 days = 2.592e12 us.
// Tenant 7 has a monthly budget of 128 and a tolerance of 1/128 of it (= 1), so at time t it is over budget
// when spent > 128 * (t / MONTH + 1/128) = 1 + 128 t / MONTH. Memory is free here (memoryPricePerGBs = 0),
// so a 1 s high invocation costs exactly 2.

const budgetCfg = (extra: Partial<ModelConfig> = {}, policy: string | Record<string, unknown> = 'xx') =>
  config(policy, { memoryPricePerGBs: 0, budgets: { 7: 128 }, budgetToleranceFraction: 1 / 128, ...extra });

const spent = (spentByTenant: Record<number, number>): BudgetState => ({ ...NEW_BUDGET, spentByTenant });

const X1 = inv(1, 1, 1 * S, 0, { tenantId: 7 });
const X2 = inv(2, 1, 1 * S, 2 * S, { tenantId: 7 });
const OTHER = inv(3, 1, 1 * S, 3 * S, { tenantId: 8 });

// Hand computation:
//   X1 (tenant 7, high, 1 s) arrives at 0: spent 0, admitted; completes at 1 s -> billed 2 -> spent 2.
//   X2 (tenant 7, high, 1 s) arrives at 2 s: 2 > 1 + 128 * 2e6 / 2.592e12 = 1.0000988 -> over budget.
//   hold: release time = ceil((spent / budget - tolerance) * MONTH) + 1
//                      = ceil((2/128 - 1/128) * 2.592e12) + 1 = 2.592e12 / 128 + 1 = 20_250_000_001 us.
//   At that time: 1 + 128 * 20_250_000_001 / 2.592e12 = 2.00000000005 >= 2 -> released, placed, done 1 s later.
const RELEASE = 20_250_000_001;

describe('budget throttle', () => {
  it("'hold': the over-budget arrival is held and released at the computed time; other tenants are not", () => {
    const r = run(world(budgetCfg(), 1, 4), [arrive(X1), arrive(X2), arrive(OTHER)]);
    expect(ofType(r.outs, 'throttled')).toEqual([{ type: 'throttled', atUs: 2 * S, invId: 2, tenantId: 7 }]);
    expect(ofType(r.outs, 'needRelease')).toEqual([{ type: 'needRelease', atUs: RELEASE }]);
    expect(r.steps.filter((s) => s.event.type === 'release').map((s) => s.event.atUs)).toEqual([RELEASE]);
    expect(ofType(r.outs, 'released')).toEqual([{ type: 'released', atUs: RELEASE, invId: 2, shardId: 0 }]);
    expect(ofType(r.outs, 'placed').map((o) => [o.invId, o.atUs])).toEqual([
      [1, 0],
      [3, 3 * S],
      [2, RELEASE],
    ]);
    expect(completionTimes(r.outs)).toEqual({ 1: 1 * S, 2: RELEASE + 1 * S, 3: 4 * S });
    // Only budgeted tenants are in the ledger: 2 + 2 for tenant 7; the budget holds nothing and has no timer.
    expect(r.world.budget).toEqual({ spentByTenant: { 7: 4 }, held: [], releaseAtUs: Infinity });
  });

  it('the release time is releaseTimeUs; the tenant stops being over budget 1 us before it (the +1 guard)', () => {
    const cfg = budgetCfg();
    expect(releaseTimeUs(spent({ 7: 2 }), 7, cfg)).toBe(RELEASE);
    expect(MONTH_US / 128 + 1).toBe(RELEASE);
    // At t = MONTH/128 = RELEASE - 1: 1 + 128 * (1/128) = 2, and 2 > 2 is false: not over.
    // At t = RELEASE - 2: 1 + 128 * t / MONTH < 2: over.
    expect(isOverBudget(spent({ 7: 2 }), 7, RELEASE - 1, cfg)).toBe(false);
    expect(isOverBudget(spent({ 7: 2 }), 7, RELEASE - 2, cfg)).toBe(true);
    // Run up to the throttle: X2 is held and the budget's timer is RELEASE.
    const upTo = run(world(cfg, 1, 4), [arrive(X1), arrive(X2)], { maxSteps: 1000 });
    const throttledAt = upTo.steps.findIndex((s) => s.out.some((o) => o.type === 'throttled'));
    const w = upTo.steps[throttledAt].world;
    expect(w.budget.held.map((h) => [h.inv.id, h.shardId])).toEqual([[2, 0]]);
    expect(w.budget.releaseAtUs).toBe(RELEASE);
    // A release at any other time is not a timer the model set: step refuses it.
    expect(() => step(w, { type: 'release', atUs: RELEASE - 1_000_000 })).toThrow(/no such timer/);
  });

  it('a second held arrival whose release time is already the timer asks for no new timer', () => {
    // X2 is held with the timer at RELEASE. X3 (tenant 7 again, 3 s) is over budget too and has the same release
    // time (the tenant's spending has not changed): it joins the held list, and the timer stays as it is.
    const cfg = budgetCfg();
    const upTo = run(world(cfg, 1, 4), [arrive(X1), arrive(X2)], { maxSteps: 1000 });
    const throttledAt = upTo.steps.findIndex((s) => s.out.some((o) => o.type === 'throttled'));
    const w = upTo.steps[throttledAt].world;
    const X3 = inv(4, 1, 1 * S, 3 * S, { tenantId: 7 });
    const r = step(w, arrive(X3));
    expect(r.outputs).toEqual([{ type: 'throttled', atUs: 3 * S, invId: 4, tenantId: 7 }]);
    expect(r.world.budget.held.map((h) => h.inv.id)).toEqual([2, 4]);
    expect(r.world.budget.releaseAtUs).toBe(RELEASE);
  });

  it('small overshoots are allowed: with a tolerance of 1/64 (= 2) the second arrival is admitted', () => {
    // At 2 s: 2 > 2 + 128 * 2e6 / MONTH? No -> not throttled. X2 runs 2..3 s.
    const r = run(world(budgetCfg({ budgetToleranceFraction: 1 / 64 }), 1, 4), [arrive(X1), arrive(X2)]);
    expect(ofType(r.outs, 'throttled')).toEqual([]);
    expect(completionTimes(r.outs)).toEqual({ 1: 1 * S, 2: 3 * S });
  });

  it("'demote': the over-budget arrival runs at once but at class 0, and is billed at the low price", () => {
    // X2 over budget at 2 s (as above): demoted, runs 2..3 s as class 0: 1 s * 0.5 = 0.5.
    const r = run(world(budgetCfg({}, { name: 'xx', throttle: 'demote' }), 1, 4), [arrive(X1), arrive(X2)]);
    expect(ofType(r.outs, 'throttled')).toEqual([]);
    expect(ofType(r.outs, 'demoted')).toEqual([{ type: 'demoted', atUs: 2 * S, invId: 2, tenantId: 7 }]);
    const done = ofType(r.outs, 'completed').map((o) => [o.inv.id, o.atUs, o.inv.declaredClass, o.inv.effectiveClass]);
    expect(done).toEqual([
      [1, 1 * S, 1, 1],
      [2, 3 * S, 1, 0],
    ]);
    expect(ofType(r.outs, 'billed').map((o) => [o.invId, o.atUs, o.cpuCost])).toEqual([
      [1, 1 * S, 2],
      [2, 3 * S, 0.5],
    ]);
  });

  it('isOverBudget: unlisted tenants are never over budget; listed ones over spent > budget * tolerance at 0', () => {
    // At t = 0 tenant 7's allowance is 128 * 1/128 = 1.
    const cfg = budgetCfg();
    expect(isOverBudget(spent({ 8: 1e9 }), 8, 0, cfg)).toBe(false);
    expect(isOverBudget(spent({ 7: 1.0001 }), 7, 0, cfg)).toBe(true);
    expect(isOverBudget(spent({ 7: 1 }), 7, 0, cfg)).toBe(false);
    expect(releaseTimeUs(spent({ 8: 1e9 }), 8, cfg)).toBe(0);
  });
});

describe('billing', () => {
  it('cpuCost = work seconds * price of the effective class (inherited classes bill at the inherited price)', () => {
    // THREE_CLASSES: low 0.5, mid 1.5, high 2.
    //   P: high, 1.5 s -> 1.5 * 2 = 3.   Its child C: declared low, 1 s, inherits high -> 1 * 2 = 2.
    //   Q: mid, 2 s -> 2 * 1.5 = 3.
    const cfg = config('xx', { priceClasses: THREE_CLASSES, memoryPricePerGBs: 0 });
    const P = inv(1, 2, 1.5 * S, 0, { children: [{ afterWorkUs: 0.5 * S, spec: tmpl(2, 0, 1 * S) }] });
    const Q = inv(3, 1, 2 * S, 0);
    const r = run(world(cfg, 1, 4), [arrive(P), arrive(Q)]);
    const cost = Object.fromEntries(ofType(r.outs, 'billed').map((o) => [o.invId, [o.cpuCost, o.memoryCost]]));
    expect(cost).toEqual({ 1: [3, 0], 2: [2, 0], 3: [3, 0] });
  });

  it('memoryCost = memoryWorkIntegralMBUs / (1024 * 1e6) * memoryPricePerGBs, over work done', () => {
    // 4 s of work, 100 MB -> 400 MB in 4 steps: 100, 200, 300, 400 MB for 1 s each.
    //   integral = (100 + 200 + 300 + 400) MB * 1e6 us = 1e9 MB-us = 1e9 / (1024 * 1e6) = 0.9765625 GB-s.
    //   At 1.024 per GB-s: 1.0. cpuCost: low, 4 s * 0.5 = 2.
    const t = tmpl(1, 0, 4 * S, { initialMemoryMB: 100, peakMemoryMB: 400 });
    const rule = (steps: number) => ({
      memoryGrowth: 'work' as const,
      memoryGrowthSteps: steps,
      memoryGrowthFrontFraction: 1,
    });
    expect(memoryWorkIntegralMBUs(t, rule(4))).toBe(1e9);
    expect(memoryWorkIntegralMBUs(t, rule(1))).toBe(400 * 4 * S); // one step: the peak throughout
    const cfg = config('xx', { memoryGrowthSteps: 4, memoryPricePerGBs: 1.024, budgets: { 0: 1e12 } });
    // Preempted for 1 s by a high function (1 core): wall time is 5 s but billing counts work: same cost.
    const H = inv(2, 1, 1 * S, 1 * S, { tenantId: 9 });
    const r = run(world(cfg, 1, 1), [arrive(topLevel(t, 0)), arrive(H)]);
    expect(completionTimes(r.outs)[1]).toBe(5 * S);
    const billed = ofType(r.outs, 'billed').find((o) => o.invId === 1);
    if (billed === undefined) throw new Error('invocation 1 was not billed');
    expect(billed).toMatchObject({ atUs: 5 * S, tenantId: 0, cpuCost: 2 });
    expect(billed.memoryCost).toBeCloseTo(1.0, 12);
    // The ledger holds tenant 0 (it has a budget): cpu + memory = 3. Tenant 9 has no budget: not recorded.
    expect(r.world.budget.spentByTenant[0]).toBeCloseTo(3, 12);
    expect(Object.keys(r.world.budget.spentByTenant)).toEqual(['0']);
  });

  it('killed work is not billed', () => {
    // 1 core, 1000 MB, no swap (swap: false). W low 2 s 100 -> 1100 MB at 1 s: over RAM -> killed at 1 s.
    const cfg = config({ name: 'xx', swap: false }, { memoryGrowthSteps: 2, budgets: { 0: 1000 } });
    const W = inv(1, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 1100 });
    const r = run(world(cfg, 1, 1, 1, 1000), [arrive(W)]);
    expect(kills(r.outs)).toEqual([[1 * S, 1]]);
    expect(ofType(r.outs, 'billed')).toEqual([]);
    expect(r.world.budget.spentByTenant).toEqual({});
  });
});
