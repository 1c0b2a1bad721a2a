import { describe, expect, it } from 'vitest';
import type { Chooser, InvocationTemplate } from '../../model/index.ts';
import { ALL_CHOOSER, topLevel } from '../../model/index.ts';
import { childOf } from '../../model/invocation.ts';
import { arrive, completionTimes, config, inv, ofType, run, S, THREE_CLASSES, tmpl, world } from './helpers.ts';

// Inheritance (paper 3.1): a child runs at max(declared class, parent's effective class), transitively.
// Classes: 0 = low, 1 = mid, 2 = high. Children are declared with `children: [{ afterWorkUs, spec }]` and come
// out of the machine as `spawned` outputs; drive routes each back as an `arrive` at the spawn time, to the shard
// chooser.shardForChild picks (ALL_CHOOSER: shard 0).

const cfg = config('xx', { priceClasses: THREE_CLASSES });

/** A -> B -> C: A spawns B after 1 s of its work, B spawns C after 0.5 s of its work. */
function chain(aCls: number, bCls: number, cCls: number): InvocationTemplate {
  const c = tmpl(3, cCls, 1 * S);
  const b = tmpl(2, bCls, 2 * S, { children: [{ afterWorkUs: 0.5 * S, spec: c }] });
  return tmpl(1, aCls, 2 * S, { children: [{ afterWorkUs: 1 * S, spec: b }] });
}

describe('inheritance along a 3-deep call chain', () => {
  it("high -> low -> mid: both descendants run high (C inherits B's effective class, not its declared one)", () => {
    // A (declared 2) runs 0..2 s on a 4-core machine.
    //   1 s:   A has done 1 s -> spawns B: effective max(0, 2) = 2; placed at 1 s, runs 1..3 s.
    //   1.5 s: B has done 0.5 s -> spawns C: effective max(1, B's effective 2) = 2 (max(1, B's declared 0)
    //          would be 1); runs 1.5..2.5 s.
    // Completions: A 2 s, C 2.5 s, B 3 s (a parent does not wait for its children).
    const r = run(world(cfg, 1, 4), [arrive(topLevel(chain(2, 0, 1), 0))]);
    const spawned = ofType(r.outs, 'spawned').map((o) => {
      const c = o.inv;
      return [o.atUs, c.arrivalUs, c.id, c.parentId, c.declaredClass, c.effectiveClass];
    });
    expect(spawned).toEqual([
      [1 * S, 1 * S, 2, 1, 0, 2],
      [1.5 * S, 1.5 * S, 3, 2, 1, 2],
    ]);
    expect(completionTimes(r.outs)).toEqual({ 1: 2 * S, 2: 3 * S, 3: 2.5 * S });
    expect(ofType(r.outs, 'completed').map((o) => [o.inv.id, o.inv.effectiveClass])).toEqual([
      [1, 2],
      [3, 2],
      [2, 2],
    ]);
  });

  it('low -> mid -> low: the mid class in the middle is passed down to C', () => {
    // B: max(1, 0) = 1; C: max(0, B's 1) = 1.
    const r = run(world(cfg, 1, 4), [arrive(topLevel(chain(0, 1, 0), 0))]);
    expect(ofType(r.outs, 'spawned').map((o) => [o.inv.id, o.inv.effectiveClass])).toEqual([
      [2, 1],
      [3, 1],
    ]);
  });

  it('drive routes each spawned child to the shard chooser.shardForChild names, at its spawn time', () => {
    // Two shards; A arrives at shard 0 and children go to shard 1. Every machine joins shard 0's list (ALL_CHOOSER
    // compares lists in id order, and the tie goes to the first sampled), so shard 1 polls the machine.
    //   B arrives at 1 s at shard 1 (placed by poll), C at 1.5 s at shard 1 (poll). Times as in the first test.
    const toShard1: Chooser = { ...ALL_CHOOSER, shardForChild: () => 1 };
    const r = run(world(cfg, 1, 4, 2), [arrive(topLevel(chain(2, 0, 1), 0))], { chooser: toShard1 });
    const arrivals = r.steps.filter((s) => s.event.type === 'arrive').map((s) => s.event);
    expect(arrivals.map((e) => (e.type === 'arrive' ? [e.atUs, e.inv.id, e.shardId] : []))).toEqual([
      [0, 1, 0],
      [1 * S, 2, 1],
      [1.5 * S, 3, 1],
    ]);
    expect(ofType(r.outs, 'placed').map((o) => [o.invId, o.atUs, o.shardId, o.route])).toEqual([
      [1, 0, 0, 'idleList'],
      [2, 1 * S, 1, 'poll'],
      [3, 1.5 * S, 1, 'poll'],
    ]);
    expect(completionTimes(r.outs)).toEqual({ 1: 2 * S, 2: 3 * S, 3: 2.5 * S });
  });

  it("childOf takes the max of the declared class and the parent's effective class", () => {
    const parent = { ...inv(1, 0, S, 0), effectiveClass: 2 };
    expect(childOf(parent, tmpl(2, 1, S), 5).effectiveClass).toBe(2);
    expect(childOf(inv(1, 1, S, 0), tmpl(2, 2, S), 5)).toMatchObject({ effectiveClass: 2, parentId: 1, arrivalUs: 5 });
    expect(childOf(inv(1, 1, S, 0), tmpl(2, 0, S), 5).effectiveClass).toBe(1);
  });

  it('an inherited class schedules the child: a low-declared child of a high parent preempts a low function', () => {
    // 2 cores. L low 10 s at 0 (core 1); A high 2 s at 0 (core 2) spawns B (declared low, 1 s) after 1 s.
    //   1 s: B arrives with effective class 2; no free core -> preempts L (done 1 s). B runs 1..2 s.
    //   2 s: A and B complete; L resumes with 9 s left -> completes 11 s.
    // Without inheritance B (class 0) would queue behind L and run 2..3 s, and L would complete at 10 s.
    const L = inv(1, 0, 10 * S, 0);
    const A = inv(2, 2, 2 * S, 0, { children: [{ afterWorkUs: 1 * S, spec: tmpl(3, 0, 1 * S) }] });
    const r = run(world(cfg, 1, 2), [arrive(L), arrive(A)]);
    expect(ofType(r.outs, 'preempted').map((o) => [o.atUs, o.invId, o.byInvId])).toEqual([[1 * S, 1, 3]]);
    expect(completionTimes(r.outs)).toEqual({ 1: 11 * S, 2: 2 * S, 3: 2 * S });
  });
});
