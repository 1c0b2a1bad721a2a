import { describe, expect, it } from 'vitest';
import type { ModelConfig, ModelEvent } from '../../model/index.ts';
import { MONTH_US, budgetReleaseUs, isOverBudget, memoryWorkIntegralMBUs, step, topLevel } from '../../model/index.ts';
import { S, THREE_CLASSES, arrive, completionTimes, config, driveRouted, inv, ofType, outputsOf, tmpl, world } from './helpers.ts';

// Budgets and billing. Classes (TWO_CLASSES): low 0.5, high 2 per CPU-second. MONTH_US = 30 days = 2.592e12 us.
// Tenant 7 has a monthly budget of 128 and a tolerance of 1/128 of it (= 1), so at time t it is over budget
// when spent > 128 * (t / MONTH + 1/128) = 1 + 128 t / MONTH. Memory is free here (memoryPricePerGBs = 0),
// so a 1 s high invocation costs exactly 2.

const budgetCfg = (extra: Partial<ModelConfig> = {}, policy: string | Record<string, unknown> = 'xx') =>
  config(policy, { memoryPricePerGBs: 0, budgets: { 7: 128 }, budgetToleranceFraction: 1 / 128, ...extra });

const X1 = inv(1, 1, 1 * S, 0, { tenantId: 7 });
const X2 = inv(2, 1, 1 * S, 2 * S, { tenantId: 7 });
const OTHER = inv(3, 1, 1 * S, 3 * S, { tenantId: 8 });

describe('budget throttle', () => {
  // Hand computation:
  //   X1 (tenant 7, high, 1 s) arrives at 0: spent 0, admitted; completes at 1 s -> spent 2.
  //   X2 (tenant 7, high, 1 s) arrives at 2 s: 2 > 1 + 128 * 2e6 / 2.592e12 = 1.0000988 -> over budget.
  //   hold: release time = ceil((spent / budget - tolerance) * MONTH) + 1
  //                      = ceil((2/128 - 1/128) * 2.592e12) + 1 = 2.592e12 / 128 + 1 = 20_250_000_001 us.
  //   At that time: 1 + 128 * 20_250_000_001 / 2.592e12 = 2.00000000005 >= 2 -> released, placed, done 1 s later.
  const RELEASE = 20_250_000_001;

  it("'hold': the over-budget arrival is throttled and released at the computed time; other tenants are not", () => {
    const cfg = budgetCfg();
    const run = driveRouted(world(cfg, 1, 4), [arrive(X1), arrive(X2), arrive(OTHER)]);
    const outs = outputsOf(run);
    expect(ofType(outs, 'throttled')).toEqual([{ type: 'throttled', atUs: 2 * S, invId: 2, shardId: 0 }]);
    expect(ofType(outs, 'needRelease')).toEqual([{ type: 'needRelease', atUs: RELEASE, shardId: 0 }]);
    expect(run.steps.filter((s) => s.event.type === 'release').map((s) => s.event.atUs)).toEqual([RELEASE]);
    expect(ofType(outs, 'placed').map((o) => [o.invId, o.atUs])).toEqual([
      [1, 0],
      [3, 3 * S],
      [2, RELEASE],
    ]);
    expect(completionTimes(outs)).toEqual({ 1: 1 * S, 2: RELEASE + 1 * S, 3: 4 * S });
    // Only budgeted tenants are in the ledger: 2 + 2 for tenant 7.
    expect(run.world.ledger.spentByTenant).toEqual({ 7: 4 });
  });

  it('the release time matches budgetReleaseUs, and a release 1 ms earlier keeps holding', () => {
    const cfg = budgetCfg();
    expect(budgetReleaseUs({ spentByTenant: { 7: 2 } }, 7, cfg)).toBe(RELEASE);
    expect(MONTH_US / 128 + 1).toBe(RELEASE);
    // Run up to the throttle, then send an early release by hand.
    const upTo = driveRouted(world(cfg, 1, 4), [arrive(X1), arrive(X2)], { maxSteps: 1000 });
    const throttledStep = upTo.steps.findIndex((s) => s.out.some((o) => o.type === 'throttled'));
    const w = upTo.steps[throttledStep].world;
    expect(w.shards[0].throttled.map((q) => q.inv.id)).toEqual([2]);
    const early: ModelEvent = { type: 'release', atUs: RELEASE - 1000_000, shardId: 0 };
    // 1 + 128 * (RELEASE - 1 ms) / MONTH = 1.99995 < 2: still over.
    const r = step(w, early);
    expect(r.world.shards[0].throttled.map((q) => q.inv.id)).toEqual([2]);
    expect(ofType(r.out, 'placed')).toEqual([]);
    expect(ofType(r.out, 'needRelease').map((o) => o.atUs)).toEqual([RELEASE]);
  });

  it('small overshoots are allowed: with a tolerance of 1/64 (= 2) the second arrival is admitted', () => {
    // 2 > 2 + 128 * 2e6 / MONTH? No -> not throttled.
    const outs = outputsOf(driveRouted(world(budgetCfg({ budgetToleranceFraction: 1 / 64 }), 1, 4), [arrive(X1), arrive(X2)]));
    expect(ofType(outs, 'throttled')).toEqual([]);
    expect(completionTimes(outs)).toEqual({ 1: 1 * S, 2: 3 * S });
  });

  it("'demote': the over-budget arrival runs at once but at class 0, and is billed at the low price", () => {
    const cfg = budgetCfg({}, { name: 'xx', throttle: 'demote' });
    const outs = outputsOf(driveRouted(world(cfg, 1, 4), [arrive(X1), arrive(X2)]));
    expect(ofType(outs, 'throttled')).toEqual([]);
    const done = ofType(outs, 'completed');
    expect(done.map((o) => [o.inv.id, o.atUs, o.inv.declaredClass, o.inv.effectiveClass, o.cpuCost])).toEqual([
      [1, 1 * S, 1, 1, 2],
      [2, 3 * S, 1, 0, 0.5],
    ]);
  });

  it('isOverBudget: unlisted tenants are never over budget', () => {
    const cfg = budgetCfg();
    expect(isOverBudget({ spentByTenant: { 8: 1e9 } }, 8, 0, cfg)).toBe(false);
    expect(isOverBudget({ spentByTenant: { 7: 1.0001 } }, 7, 0, cfg)).toBe(true);
    expect(isOverBudget({ spentByTenant: { 7: 1 } }, 7, 0, cfg)).toBe(false);
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
    const outs = outputsOf(driveRouted(world(cfg, 1, 4), [arrive(P), arrive(Q)]));
    const cost = Object.fromEntries(ofType(outs, 'completed').map((o) => [o.inv.id, [o.cpuCost, o.memoryCost]]));
    expect(cost).toEqual({ 1: [3, 0], 2: [2, 0], 3: [3, 0] });
  });

  it('memoryCost = memoryWorkIntegralMBUs / (1024 * 1e6) * memoryPricePerGBs, over work done', () => {
    // 4 s of work, 100 MB -> 400 MB in 4 steps: 100, 200, 300, 400 MB for 1 s each.
    //   integral = (100 + 200 + 300 + 400) MB * 1e6 us = 1e9 MB-us = 1e9 / (1024 * 1e6) = 0.9765625 GB-s.
    //   At 1.024 per GB-s: 1.0. cpuCost: low, 4 s * 0.5 = 2.
    const t = tmpl(1, 0, 4 * S, { initialMemoryMB: 100, peakMemoryMB: 400 });
    expect(memoryWorkIntegralMBUs(t, 4)).toBe(1e9);
    expect(memoryWorkIntegralMBUs(t, 1)).toBe(400 * 4 * S); // one step: the peak throughout
    const cfg = config('xx', { memoryGrowthSteps: 4, memoryPricePerGBs: 1.024, budgets: { 0: 1e12 } });
    // Preempted for 1 s by a high function: wall time is 5 s but billing counts work, so the cost is the same.
    const H = inv(2, 1, 1 * S, 1 * S, { initialMemoryMB: 100, peakMemoryMB: 100, tenantId: 9 });
    const run = driveRouted(world(cfg, 1, 1), [arrive(topLevel(t, 0)), arrive(H)]);
    const outs = outputsOf(run);
    const c = ofType(outs, 'completed').find((o) => o.inv.id === 1)!;
    expect(c.atUs).toBe(5 * S);
    expect(c.cpuCost).toBe(2);
    expect(c.memoryCost).toBeCloseTo(1.0, 12);
    // The ledger holds tenant 0 (it has a budget): cpu + memory = 3. Tenant 9 has no budget: not recorded.
    expect(run.world.ledger.spentByTenant[0]).toBeCloseTo(3, 12);
    expect(run.world.ledger.spentByTenant[9]).toBeUndefined();
  });

  it('killed work is not billed', () => {
    // 1 core, 1000 MB, no swap (swap: false). W low 2 s 100 -> 1100 MB at 1 s: over RAM -> killed at 1 s.
    const cfg = config({ name: 'xx', swap: false }, { memoryGrowthSteps: 2, budgets: { 0: 1000 } });
    const W = inv(1, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 1100 });
    const run = driveRouted(world(cfg, 1, 1, 1, 1000), [arrive(W)]);
    expect(ofType(outputsOf(run), 'killed').map((o) => [o.atUs, o.inv.id])).toEqual([[1 * S, 1]]);
    expect(run.world.ledger.spentByTenant).toEqual({});
  });
});
