import { describe, expect, it } from 'vitest';
import { start } from '../../model/index.ts';
import { workDoneUs } from '../../model/machine/progress.ts';
import { heldRamMB as residentMB } from '../../model/machine/state.ts';
import { memoryAtWorkMB, nextGrowthWorkUs } from '../../model/memory-growth.ts';
import { arrive, config, inv, ofType, placeEv, S, stepAll, tmpl, wakeEv, world } from './helpers.ts';

// Memory growth (model/memory-growth.ts): level j (j = 0..steps-1) starts after j * workUs / steps of work and
// holds initial + floor((peak - initial) * j / (steps - 1)) MB; one step means the peak from the start. On a
// machine each level start is a checkpoint: the machine wakes there and the task's footprint steps up.

describe('memory levels', () => {
  it('4 steps from 100 to 400 MB over 4 s: 100, 200, 300, 400 MB, entered at 0, 1, 2, 3 s of work', () => {
    const t = tmpl(1, 0, 4 * S, { initialMemoryMB: 100, peakMemoryMB: 400 });
    expect([0, 0.999999 * S, 1 * S, 2 * S, 3 * S, 4 * S].map((d) => memoryAtWorkMB(t, d, 4))).toEqual([
      100, 100, 200, 300, 400, 400,
    ]);
    // The next level start after a given amount of work: strictly after it.
    expect([0, 0.5 * S, 1 * S, 2.5 * S, 3 * S].map((d) => nextGrowthWorkUs(t, d, 4))).toEqual([
      1 * S,
      1 * S,
      2 * S,
      3 * S,
      Infinity,
    ]);
  });

  it('levels round down to whole MB: 100 -> 200 MB in 4 steps is 100, 133, 166, 200; one step is the peak', () => {
    // 100 + floor(100 * j / 3) for j = 0..3.
    const t = tmpl(1, 0, 3 * S, { initialMemoryMB: 100, peakMemoryMB: 200 });
    expect([0, 0.75 * S, 1.5 * S, 2.25 * S].map((d) => memoryAtWorkMB(t, d, 4))).toEqual([100, 133, 166, 200]);
    expect(memoryAtWorkMB(t, 0, 1)).toBe(200);
    expect(nextGrowthWorkUs(t, 0, 1)).toBe(Infinity);
  });
});

describe('memory growth on a machine', () => {
  // 1 machine, 1 core, 16384 MB; W low 2 s, 100 -> 1100 MB in 2 steps: 100 MB for the first 1 s of work,
  // 1100 MB after. Placed at 0; the machine asks for a wake at 1 s (the level start) and one at 2 s.
  const cfg = config('xx', { memoryGrowthSteps: 2 });
  const W = inv(1, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 1100 });
  const placed = () => stepAll(start(world(cfg, 1, 1, 1, 16384)).world, [arrive(W), placeEv(0)]);

  it('the machine wakes at the level start', () => {
    const p = placed();
    expect(ofType(p.out, 'needWake').map((o) => o.atUs)).toEqual([1 * S]);
    expect(p.world.machines[0].tasks[0].memoryMB).toBe(100);
    const w = stepAll(p.world, [wakeEv(1 * S)]);
    expect(ofType(w.out, 'needWake').map((o) => o.atUs)).toEqual([2 * S]);
  });

  // Regression: at the 1 s wake progress is exactly at the level start, and the next checkpoint computed from
  // that progress is the following one; the footprint must still step (it once stayed at 100 MB for good, so
  // memory never grew under priority scheduling). The footprint now follows the work done (checkpoints.ts).
  it('at the level start the task steps to 1100 MB', () => {
    const w = stepAll(placed().world, [wakeEv(1 * S)]).world;
    const m = w.machines[0];
    expect(workDoneUs(m, m.tasks[0])).toBe(1 * S);
    expect(m.tasks[0].memoryMB).toBe(1100);
    expect(residentMB(w.machines[0])).toBe(1100);
  });
});
