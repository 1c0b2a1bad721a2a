// Which core lane each running task occupies, step by step: a task keeps its lane while it runs; a task that
// starts takes the lowest free one. (The model has no core ids; lanes beyond the cores are processor sharing.)

import type { RunSnap } from './snapshots.ts';

/** A task on a lane from step `from` up to (not including) step `to`. */
export interface Bar {
  readonly machine: number;
  readonly lane: number;
  readonly invId: number;
  readonly cls: number;
  readonly from: number;
  readonly to: number;
}

export interface Lanes {
  readonly bars: Bar[];
  /** Lanes per machine: its cores, or more when more tasks ran at once. */
  readonly counts: number[];
  /** laneAt[k].get(`${machine}:${invId}`): the lane a task ran on at step k. */
  readonly laneAt: Map<string, number>[];
}

export function assignLanes(run: RunSnap): Lanes {
  const machines = run.steps[0].world.machines;
  const counts = machines.map((m) => m.cores);
  const open = new Map<string, { bar: Omit<Bar, 'to'>; lane: number }>();
  const bars: Bar[] = [];
  const laneAt: Map<string, number>[] = [];
  run.steps.forEach((step, k) => {
    const now = new Map<string, number>();
    for (const m of step.world.machines) {
      const running = m.tasks.filter((t) => t[2] === 1);
      const keys = new Set(running.map((t) => `${m.id}:${t[0]}`));
      for (const [key, o] of open) {
        if (o.bar.machine !== m.id || keys.has(key)) continue;
        bars.push({ ...o.bar, to: k });
        open.delete(key);
      }
      const used = new Set([...open.values()].filter((o) => o.bar.machine === m.id).map((o) => o.lane));
      for (const t of running) {
        const key = `${m.id}:${t[0]}`;
        if (!open.has(key)) {
          let lane = 0;
          while (used.has(lane)) lane++;
          used.add(lane);
          open.set(key, { bar: { machine: m.id, lane, invId: t[0], cls: t[1], from: k }, lane });
          counts[m.id] = Math.max(counts[m.id] ?? 0, lane + 1);
        }
        now.set(key, open.get(key)?.lane ?? 0);
      }
    }
    laneAt.push(now);
  });
  for (const o of open.values()) bars.push({ ...o.bar, to: run.steps.length });
  return { bars, counts, laneAt };
}
