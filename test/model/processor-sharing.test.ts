import { describe, expect, it } from 'vitest';
import type { MachineState, ModelEvent, Output, Task } from '../../model/index.ts';
import { processDue } from '../../model/machine/checkpoints.ts';
import { PROCESSOR_SHARING } from '../../model/machine/processor-sharing.ts';
import { DUE_TOLERANCE_US, nextWakeUs } from '../../model/machine/progress.ts';
import { arrive, completionTimes, config, inv, run, S, tmpl, world } from './helpers.ts';

// Hermod's machine discipline: processor sharing (model/machine/processor-sharing.ts). With n functions on C
// cores each runs at rate min(1, C/n). Progress is a float; the machine's timer is set at the first whole
// microsecond at which a running task is within DUE_TOLERANCE_US (1e-6 us) of its checkpoint:
//   wake = now + ceil((checkpoint - done - 1e-6) * max(1, n/C)),
// a task within 1e-6 us below its checkpoint at a wake is at it, and work done past it is kept. So completion
// times are exact integers, computed below by hand with that rounding.

function psRun(cores: number, works: readonly number[]): Record<number, number> {
  const evs: ModelEvent[] = works.map((w, i) => arrive(inv(i + 1, 0, w, 0)));
  return completionTimes(run(world(config('hermod'), 1, cores), evs).outs);
}

/** The expected record: ids from..to all complete at `us`. */
function allAt(from: number, to: number, us: number): Record<number, number> {
  const r: Record<number, number> = {};
  for (let id = from; id <= to; id++) r[id] = us;
  return r;
}

describe('processor sharing (hermod)', () => {
  it('10 jobs of 1 s on 4 cores, all arriving at 0, finish together at 2.5 s', () => {
    // Rate = min(1, 4/10) = 0.4 per job. wake = ceil((1e6 - 1e-6) * 10/4) = ceil(2_499_999.9999975) = 2_500_000;
    // work by then = 2_500_000 * 0.4 = 1e6: every job is due at 2.5 s.
    expect(psRun(4, Array(10).fill(1 * S))).toEqual(allAt(1, 10, 2.5 * S));
  });

  it('fewer jobs than cores run at full speed', () => {
    // 3 jobs of 1 s on 4 cores: rate min(1, 4/3) = 1; wake = ceil(1e6 - 1e-6) = 1e6 -> each finishes at 1 s.
    expect(psRun(4, [S, S, S])).toEqual(allAt(1, 3, 1 * S));
  });

  it("5 jobs of 1 s and 5 of 2 s on 7 cores (the issue's stated setup) finish at 1_428_572 us and 2_428_572 us", () => {
    // The issue says these finish at 3.5714 s and 5.7143 s; with rate min(1, C/n) they do not:
    //   phase 1: n = 10 > 7 cores, rate 0.7. wake = ceil((1e6 - 1e-6) / 0.7) = ceil(1_428_571.43) = 1_428_572
    //            (10/7 s rounded up). Work done: 1_428_572 * 0.7 = 1_000_000.4: the 1 s jobs complete.
    //   phase 2: n = 5 <= 7, rate 1. The 2 s jobs have 2e6 - 1_000_000.4 = 999_999.6 us left:
    //            wake = ceil(999_999.6 - 1e-6) = 1_000_000 more -> 2_428_572 (17/7 s rounded up).
    const t = psRun(7, [...Array(5).fill(1 * S), ...Array(5).fill(2 * S)]);
    expect(t).toEqual({ ...allAt(1, 5, 1_428_572), ...allAt(6, 10, 2_428_572) });
  });

  it("10 jobs of 1 s and 15 of 2 s on 7 cores finish at 25/7 s and 40/7 s, rounded up (the issue's numbers)", () => {
    // The numbers 3.5714 s = 25/7 and 5.7143 s = 40/7 are exactly this setup:
    //   phase 1: n = 25 on 7 cores, rate 7/25 = 0.28. wake = ceil((1e6 - 1e-6) * 25/7) = ceil(3_571_428.57)
    //            = 3_571_429. Work done: 3_571_429 * 0.28 = 1_000_000.12: the 1 s jobs complete.
    //   phase 2: 15 jobs with 999_999.88 us left, rate 7/15. wake = ceil((999_999.88 - 1e-6) * 15/7)
    //            = ceil(2_142_856.89) = 2_142_857 more -> 5_714_286. Work: 2_142_857 * 7/15 = 999_999.93,
    //            so each has done 2_000_000.05 >= 2e6: complete.
    const t = psRun(7, [...Array(10).fill(1 * S), ...Array(15).fill(2 * S)]);
    expect(t).toEqual({ ...allAt(1, 10, 3_571_429), ...allAt(11, 25, 5_714_286) });
  });

  it('a later arrival slows the running ones down from its arrival on', () => {
    // 1 core. A 2 s at 0 runs alone at rate 1 until 1 s (done 1 s). B 1 s arrives at 1 s: both at rate 1/2.
    // A needs 1 s more -> 2 s of wall time; B needs 1 s -> 2 s too: both finish at 3 s exactly
    // (wake = 1 s + ceil((1e6 - 1e-6) * 2) = 3 s; work by then 1e6 each).
    const evs = [arrive(inv(1, 0, 2 * S, 0)), arrive(inv(2, 0, 1 * S, 1 * S))];
    expect(completionTimes(run(world(config('hermod'), 1, 1), evs).outs)).toEqual({ 1: 3 * S, 2: 3 * S });
  });
});

describe('float progress: a task within DUE_TOLERANCE_US below its checkpoint is at it (checkpoints.ts)', () => {
  // One machine, one running task; processDue applies what the work done brings about (spawns, completion,
  // footprint). Config: hermod (processor sharing), memory in 2 steps.
  const cfg = config('hermod', { memoryGrowthSteps: 2 });
  const task = (doneUs: number, extra: Partial<Task> = {}, template = inv(1, 0, 1 * S, 0)): Task => ({
    inv: template,
    cls: 0,
    seq: 0,
    running: true,
    residency: 'ram',
    requestedUs: 0,
    requestOrder: 0,
    doneUs,
    markVUs: 0,
    ageUs: 0,
    ageMarkUs: 0,
    memoryMB: template.initialMemoryMB,
    nextChild: 0,
    ...extra,
  });
  const machine = (t: Task): MachineState => ({
    id: 0,
    cores: 1,
    ramMB: 10_000,
    usableMB: 10_000,
    swapMB: 0,
    swapMBPerS: Infinity,
    transfer: null,
    requests: 0,
    nowUs: 5 * S,
    // The virtual clock at the tasks' mark: their work done is `doneUs` exactly.
    virtualUs: 0,
    tasks: [t],
    nextSeq: 1,
    wakeAtUs: Infinity,
  });
  const due = (t: Task) => {
    const outputs: Output[] = [];
    const m = processDue(machine(t), cfg, outputs, []);
    return { tasks: m.tasks, outputs: outputs.map((o) => o.type) };
  };

  it('1 s of work: done at 1e6 - 5e-7 completes; 1e6 - 2e-6 does not; a task that is not running does not', () => {
    expect(DUE_TOLERANCE_US).toBe(1e-6);
    expect(due(task(1e6 - 5e-7))).toEqual({ tasks: [], outputs: ['completed'] });
    expect(due(task(1e6 - 2e-6)).outputs).toEqual([]);
    expect(due(task(1e6 - 2e-6)).tasks.map((t) => t.doneUs)).toEqual([1e6 - 2e-6]);
    expect(due(task(1e6 - 5e-7, { running: false })).outputs).toEqual([]);
  });

  it('progress is snapped up to a checkpoint just above it, never down from past it; the footprint follows', () => {
    // 2 s, 100 -> 1100 MB in 2 steps: the level start (1e6 us of work) is a checkpoint.
    //   done 1e6 - 5e-7 -> snapped up to 1e6 exactly: 1100 MB.
    //   done 1e6 + 0.4 (a wake rounded up to a whole us) -> kept: 1_000_000.4, 1100 MB.
    //   done 1e6 - 2e-6 -> short of it: kept, 100 MB.
    const grows = inv(1, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 1100 });
    const at = (doneUs: number) => due(task(doneUs, {}, grows)).tasks.map((t) => [t.doneUs, t.memoryMB]);
    expect(at(1e6 - 5e-7)).toEqual([[1e6, 1100]]);
    expect(at(1e6 + 0.4)).toEqual([[1_000_000.4, 1100]]);
    expect(at(1e6 - 2e-6)).toEqual([[1e6 - 2e-6, 100]]);
  });

  it('a child due at 0.5 s of work is spawned from 0.5e6 - 5e-7 on', () => {
    const parent = inv(1, 0, 1 * S, 0, { children: [{ afterWorkUs: 0.5 * S, spec: tmpl(2, 0, S) }] });
    expect(due(task(0.5e6 - 5e-7, {}, parent))).toMatchObject({ outputs: ['spawned'], tasks: [{ nextChild: 1 }] });
    expect(due(task(0.5e6 - 2e-6, {}, parent))).toMatchObject({ outputs: [], tasks: [{ nextChild: 0 }] });
  });

  it('the timer: a task a rounding error short wakes now; 0.5 us short wakes 1 us later; none running: never', () => {
    // left = 1e6 - done - 1e-6: done = 1e6 - 5e-7 -> left < 0 -> wake now (5 s);
    // done = 1e6 - 0.5 -> left = 0.499999 -> ceil = 1 us -> 5_000_001.
    expect(nextWakeUs(machine(task(1e6 - 5e-7)), cfg)).toBe(5 * S);
    expect(nextWakeUs(machine(task(1e6 - 0.5)), cfg)).toBe(5 * S + 1);
    expect(nextWakeUs(machine(task(0, { running: false })), cfg)).toBe(Infinity);
  });

  it('the discipline: n tasks on C cores each do min(1, C/n) of the elapsed time; time is rounded up', () => {
    expect(PROCESSOR_SHARING.workDoneUs(10, 4, 2)).toBe(5);
    expect(PROCESSOR_SHARING.workDoneUs(10, 2, 4)).toBe(10);
    expect(PROCESSOR_SHARING.timeForWorkUs(10, 3, 2)).toBe(15);
    expect(PROCESSOR_SHARING.timeForWorkUs(10, 3, 4)).toBe(10);
    expect(PROCESSOR_SHARING.timeForWorkUs(10.2, 1, 1)).toBe(11);
    expect(PROCESSOR_SHARING.slots(8)).toBe(Infinity);
  });
});
