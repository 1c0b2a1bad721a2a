import { describe, expect, it } from 'vitest';
import type { ModelEvent, Output, World } from '../../model/index.ts';
import { initialWorld, start, step } from '../../model/index.ts';
import { S, THREE_CLASSES, canonical, config, deepFreeze, driveRouted, inv, ofType, outputsOf, tmpl } from './helpers.ts';

// Purity: a step never mutates its input (checked by deep-freezing every world and event before stepping,
// and by re-checking every earlier world after the run) and is deterministic (same events, same worlds and
// outputs). The run exercises idle lists on 2 shards, polling, preemption, memory growth, swap, kills,
// children and a budget hold.

const cfg = config({ name: 'xx', shardDecisionUs: 1000 }, {
  priceClasses: THREE_CLASSES,
  memoryGrowthSteps: 2,
  idleThresholdMB: 1500,
  idleUpdateDeltaMB: 200,
  budgets: { 7: 100 },
  budgetToleranceFraction: 0.001,
});

function initial(): World {
  return initialWorld(cfg, {
    shards: 2,
    machines: [
      { cores: 2, memoryMB: 2000, swapMB: 400 },
      { cores: 1, memoryMB: 2000, swapMB: 0 },
      { cores: 2, memoryMB: 3000, swapMB: 1000 },
    ],
  });
}

function external(): ModelEvent[] {
  const evs: ModelEvent[] = [];
  for (let i = 0; i < 20; i++) {
    const cls = [0, 2, 1, 0, 0, 2, 1][i % 7];
    const children = i % 4 === 1 ? [{ afterWorkUs: 0.2 * S, spec: tmpl(100 + i, 0, 0.5 * S, { children: [{ afterWorkUs: 0.1 * S, spec: tmpl(200 + i, 1, 0.3 * S) }] }) }] : [];
    const x = inv(i + 1, cls, (3 + (i % 5) * 4) * 100_000, i * 60_000, {
      tenantId: i % 3 === 0 ? 7 : 1,
      initialMemoryMB: 100,
      peakMemoryMB: 300 + (i % 6) * 250,
      children,
    });
    evs.push({ type: 'arrive', atUs: x.arrivalUs, inv: x, shardId: i % 2 });
  }
  evs.push({ type: 'setUsableMemory', atUs: 0.9 * S, machineId: 2, memoryMB: 1200 });
  evs.push({ type: 'setUsableMemory', atUs: 2.5 * S, machineId: 2, memoryMB: 3000 });
  return evs;
}

const shardFor = (child: { id: number }) => child.id % 2;

describe('purity and determinism', () => {
  const reference = driveRouted(initial(), external(), { shardFor });
  const refOuts = outputsOf(reference);

  it('the run is nontrivial', () => {
    const kinds = new Set(refOuts.map((o) => o.type));
    for (const k of ['needJoin', 'placed', 'preempted', 'spawned', 'completed', 'swappedOut', 'swappedIn', 'killed', 'throttled'] as const) expect(kinds, k).toContain(k);
    expect(reference.steps.length).toBeGreaterThan(100);
    expect(ofType(refOuts, 'completed').length).toBeGreaterThan(20);
  });

  it('stepping deep-frozen worlds and events never throws and gives the same worlds and outputs', () => {
    let w = deepFreeze(start(deepFreeze(initial())).world);
    for (const [i, s] of reference.steps.entries()) {
      const e = deepFreeze(structuredClone(s.event));
      let r: { world: World; out: Output[] } | undefined;
      expect(() => {
        r = step(w, e);
      }, `step ${i} (${e.type} at ${e.atUs})`).not.toThrow();
      expect(r!.out, `outputs of step ${i}`).toEqual(s.out);
      expect(canonical(r!.world), `world after step ${i}`).toEqual(canonical(s.world));
      w = deepFreeze(r!.world);
    }
  });

  it('no step changes an earlier world (snapshots taken as the run goes still match afterwards)', () => {
    const snapshots: unknown[] = [];
    let w = start(initial()).world;
    snapshots.push(structuredClone(canonical(w)));
    const worlds: World[] = [w];
    for (const s of reference.steps) {
      w = step(w, s.event).world;
      worlds.push(w);
      snapshots.push(structuredClone(canonical(w)));
    }
    for (let i = 0; i < worlds.length; i++) expect(canonical(worlds[i]), `world ${i}`).toEqual(snapshots[i]);
  });

  it('two runs from the same events are equal, step by step', () => {
    const again = driveRouted(initial(), external(), { shardFor });
    expect(again.steps.length).toBe(reference.steps.length);
    expect(outputsOf(again)).toEqual(refOuts);
    for (let i = 0; i < again.steps.length; i++) {
      expect(again.steps[i].event).toEqual(reference.steps[i].event);
      expect(canonical(again.steps[i].world)).toEqual(canonical(reference.steps[i].world));
    }
  });

  it('an event earlier than the world time is rejected', () => {
    const w = reference.world;
    expect(() => step(w, { type: 'wake', atUs: w.nowUs - 1, machineId: 0 })).toThrow(/before/);
  });
});
