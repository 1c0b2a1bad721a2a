// A sweep over swap bandwidth: "unlimited" sits in a grid beside numbers, and the CSV carries each class's swap
// traffic, swap-ins and time waiting for them; kills and swap waits can be plotted.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSweepPlan } from '../../sim/sweep/plan.ts';
import { runSweep } from '../../sim/sweep/run.ts';
import { tempDir, writeSweep } from './helpers.ts';

// Two machines with 4 GB of RAM, tasks of 0.5-1.5 GB at their peak from the start: memory pressure on every run.
const SWEEP = `
name: swap-tiny
base:
  durationS: 10
  warmupS: 1
  cluster: { machines: 2, coresPerMachine: 4, memoryMB: 4096, swapMB: 100000, shards: 1 }
  policies: [{ name: xx, idleList: false }]
  model: { memoryGrowthSteps: 1 }
  priceClasses: [{ name: low, pricePerCpuS: 1 }, { name: high, pricePerCpuS: 2 }]
  workload:
    functions: 20
    arrivals: [{ fromS: 0, load: 0.9 }]
    runtimeS: { dist: exponential, mean: 0.2 }
    classWeights: [0.5, 0.5]
    memoryMB: { initial: 100, peak: { dist: uniform, min: 500, max: 1500 } }
grid:
  cluster.swapMBPerS: [200, unlimited]
metrics: [killed, swap-wait]
`;

describe('sweep swap metrics', () => {
  it('writes per-class swap columns and plots kills and swap waits', async () => {
    const dir = tempDir('sweep-swap-');
    const out = join(dir, 'out');
    await runSweep(loadSweepPlan(writeSweep(dir, 'swap.yaml', SWEEP)), { outDir: out, workers: 1 });
    const lines = readFileSync(join(out, 'sweep.csv'), 'utf8').trimEnd().split('\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 2)).toEqual(['cluster.swapMBPerS', 'seed']);
    expect(header.slice(-5)).toEqual(['swappedOutMB', 'swappedInMB', 'swapIns', 'swapInWaitS', 'swapInWaitMeanS']);
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    expect(rows.map((r) => [r['cluster.swapMBPerS'], r.class])).toEqual([
      ['200', 'low'],
      ['200', 'high'],
      ['unlimited', 'low'],
      ['unlimited', 'high'],
    ]);
    const total = (bw: string, field: string) =>
      rows.filter((r) => r['cluster.swapMBPerS'] === bw).reduce((a, r) => a + Number(r[field]), 0);
    expect(total('200', 'swappedOutMB')).toBeGreaterThan(0);
    expect(total('unlimited', 'swappedOutMB')).toBeGreaterThan(0);
    // Only a device with a finite bandwidth makes swap-ins wait.
    expect(total('200', 'swapInWaitS')).toBeGreaterThan(0);
    expect(total('unlimited', 'swapInWaitS')).toBe(0);
    // No numeric axis besides the seed: no plots, the summary says so.
    expect(readdirSync(out).filter((f) => f.endsWith('.png'))).toEqual([]);
  });

  it('plots the new metrics against a numeric axis', async () => {
    const dir = tempDir('sweep-swap-');
    const out = join(dir, 'out');
    const text = SWEEP.replace('cluster.swapMBPerS: [200, unlimited]', 'cluster.swapMBPerS: [200, 400]');
    await runSweep(loadSweepPlan(writeSweep(dir, 'swap.yaml', text)), { outDir: out, workers: 1 });
    const files = readdirSync(out);
    expect(files).toEqual(expect.arrayContaining(['killed.png', 'swap-wait.png']));
    expect(readFileSync(join(out, 'sweep.md'), 'utf8')).toMatch(/## time waiting for swap-ins \(s\)/);
  });
});
