import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchFiles } from './run-cli.ts';

// `priceclass run` and memory: the steady-state warning on stderr, and the files of a run with antagonists.

const { dir, file } = scratchFiles('priceclass-memory-');
const small = (load: number) =>
  file(
    `load-${load}.yaml`,
    `durationS: 30
drain: false
cluster: { machines: 4, coresPerMachine: 4, shards: 2 }
policies: [xx]
workload: { arrivals: [{ fromS: 0, load: ${load} }], classWeights: [0.5, 0.5] }
`,
  );

describe('the steady-state warning', () => {
  it('is one line on stderr for a run that is not steady, and the run still succeeds', async () => {
    const r = await runCli(['run', small(1.3)]);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    const [start, end] = lines[0].split(/\(backlog [\d.]+ invocations\/s, swap in use 0 MB\/s\)/);
    expect(start).toBe('priceclass run: warning: xx: not in steady state over 20-30 s ');
    expect(end).toBe(': its averages depend on the length of the run');
  });

  it('is absent for a steady run', async () => {
    const r = await runCli(['run', small(0.5)]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('the over-committed RAM warning', () => {
  const swapping = (bandwidth: string) =>
    file(
      `swap-${bandwidth}.yaml`,
      `durationS: 4
drain: false
cluster: { machines: 2, coresPerMachine: 2, memoryMB: 2048, swapMB: 1000000, swapMBPerS: ${bandwidth}, shards: 1 }
policies: [xx]
model: { memoryGrowthSteps: 1 }
workload:
  arrivals: [{ fromS: 0, load: 0.9 }]
  runtimeS: { dist: exponential, mean: 0.1 }
  memoryMB: { initial: 100, peak: { dist: uniform, min: 500, max: 1500 } }
`,
    );
  it('names the machine that held most above its RAM when the swap device falls behind', async () => {
    const r = await runCli(['run', swapping('10')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^priceclass run: warning: xx: machine \d held [\d.]+x its RAM \(memory queued for/m);
  });
  it('is absent when swap costs no time', async () => {
    const r = await runCli(['run', swapping('unlimited')]);
    expect(r.stderr).not.toMatch(/its RAM/);
  });
});

describe('a run with antagonists', () => {
  it('writes the memory figures into results.json, timeline.csv, report.md and .html, and a plot', async () => {
    const scenario = file(
      'antagonists.yaml',
      `durationS: 6
cluster: { machines: 4, coresPerMachine: 2, memoryMB: 4096, swapMB: 100000, shards: 1 }
policies: [xx]
model: { memoryGrowthSteps: 1 }
workload:
  arrivals: [{ fromS: 0, load: 0.6 }]
  runtimeS: { dist: exponential, mean: 0.1 }
  memoryMB: { initial: 100, peak: { dist: uniform, min: 200, max: 800 } }
antagonists:
  - { machines: [1], atS: 2, untilS: 4, usableMemoryMB: 0 }
`,
    );
    const out = join(dir, 'antagonists-out');
    const r = await runCli(['run', scenario, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).runs[0];
    expect(run.machines.map((m: { swappedOutMB: number }) => m.swappedOutMB > 0)).toEqual([false, true, false, false]);
    expect(run.summary.steadyState).toMatchObject({ window: [4, 6] });
    const csv = readFileSync(join(out, 'timeline.csv'), 'utf8').split('\n');
    expect(csv[0]).toMatch(/,swapTrafficOutMB,swapTrafficInMB,backlog,backlogOnMachines$/);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toMatch(/^Steady state: /m);
    expect(report).toContain('| class | swapped out MB | swapped in MB | swap-ins |');
    expect(existsSync(join(out, 'memory.png'))).toBe(true);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<div class="chart" id="memory"></div>');
    expect(html).toContain('<div class="chart" id="kills"></div>');
  });
});
