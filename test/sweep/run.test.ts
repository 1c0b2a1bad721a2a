// The tiny fixture end to end: the same CSV (byte for byte) with 1 worker, 2 workers, and two shards + merge;
// resume reruns only a missing point; merge refuses different sweeps and disagreeing copies; bad input leaves
// existing outputs untouched.

import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeSweeps } from '../../sim/sweep/merge.ts';
import { loadSweepPlan } from '../../sim/sweep/plan.ts';
import { runSweep } from '../../sim/sweep/run.ts';
import { BASE, runCli, TINY, tempDir, writeSweep } from './helpers.ts';

const root = tempDir('sweep-run-');
const dirOf = (name: string) => join(root, name);
const csvOf = (name: string) => readFileSync(join(dirOf(name), 'sweep.csv'), 'utf8');

describe('tiny sweep', () => {
  beforeAll(async () => {
    const plan = loadSweepPlan(TINY);
    // Through the CLI once (workers, progress, report), then in-process.
    const cli = await runCli('sweep', [TINY, '--workers', '2', '--out', dirOf('w2')]);
    expect(cli.stderr).toMatch(/8 points; 0 already done, 8 run/);
    expect(cli.code).toBe(0);
    await runSweep(plan, { outDir: dirOf('w1'), workers: 1 });
    const s0 = await runSweep(plan, { outDir: dirOf('s0'), workers: 2, shard: { index: 0, count: 2 } });
    const s1 = await runSweep(plan, { outDir: dirOf('s1'), workers: 2, shard: { index: 1, count: 2 } });
    expect([s0.ran.length, s1.ran.length, s0.written.length, s0.missing]).toEqual([4, 4, 0, 4]);
    await mergeSweeps([dirOf('s0'), dirOf('s1')], dirOf('merged'));
  }, 240_000); // four sweeps through workers: minutes on a loaded 2-core machine

  it('writes the CSV, plots, summary and report.html', () => {
    const files = readdirSync(dirOf('w2')).sort();
    expect(files).toEqual([
      'p99.png',
      'p99.svg',
      'points',
      'report.html',
      'slowdown.png',
      'slowdown.svg',
      'sweep.csv',
      'sweep.json',
      'sweep.md',
    ]);
    const lines = csvOf('w2').trimEnd().split('\n');
    const latency =
      'latencyMeanS,latencyP50S,latencyP90S,latencyP99S,latencyP999S,slowdownMean,slowdownP99,' +
      'swappedOutMB,swappedInMB,swapIns,swapInWaitS,swapInWaitMeanS';
    expect(lines[0]).toBe(`workload.arrivals[0].load,policies,seed,policy,class,arrived,completed,killed,${latency}`);
    expect(lines).toHaveLength(1 + 8 * 2);
    expect(lines[1]).toMatch(/^0\.6,xx,1,xx,low,\d+,\d+,0,/);
    expect(lines[16]).toMatch(/^1\.1,hermod,2,hermod,high,/);
    expect(readFileSync(join(dirOf('w2'), 'sweep.md'), 'utf8')).toMatch(/\| 1\.1 \| .* ± /);
  });

  it('gives byte-identical CSVs with 1 worker, 2 workers, and shards + merge', () => {
    expect(csvOf('w1')).toBe(csvOf('w2'));
    expect(csvOf('merged')).toBe(csvOf('w2'));
    expect(readdirSync(join(dirOf('merged'), 'points'))).toHaveLength(8);
  });

  it('resumes: only a deleted point runs again, the others are not rewritten', async () => {
    const pointsDir = join(dirOf('w1'), 'points');
    const files = readdirSync(pointsDir).sort();
    const mtimes = files.map((f) => statSync(join(pointsDir, f)).mtimeMs);
    const csvBefore = csvOf('w1');
    rmSync(join(pointsDir, files[5]));
    // A damaged point file counts as missing too.
    writeFileSync(join(pointsDir, files[2]), '{"trunc');
    const r = await runSweep(loadSweepPlan(TINY), { outDir: dirOf('w1'), workers: 2 });
    expect([...r.ran].sort()).toEqual([2, 5]);
    expect(r.skipped).toBe(6);
    files.forEach((f, i) => {
      if (i !== 2 && i !== 5) expect(statSync(join(pointsDir, f)).mtimeMs).toBe(mtimes[i]);
    });
    expect(csvOf('w1')).toBe(csvBefore);
  });

  it('a finished sweep reruns nothing', async () => {
    const r = await runCli('sweep', [TINY, '--workers', '2', '--out', dirOf('w2')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/8 already done, 0 run/);
  });

  it('an interrupt before dispatch runs nothing and writes no report', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await runSweep(loadSweepPlan(TINY), { outDir: dirOf('int'), workers: 2, signal: ac.signal });
    expect(r.interrupted).toBe(true);
    expect(r.ran).toHaveLength(0);
    expect(existsSync(join(dirOf('int'), 'sweep.csv'))).toBe(false);
  });

  it('merge refuses shards of different sweeps and leaves --out alone', async () => {
    const other = writeSweep(root, 'other.yaml', `${BASE}grid:\n  seed: [1]\n`);
    await runSweep(loadSweepPlan(other), { outDir: dirOf('other'), workers: 1 });
    const before = csvOf('merged');
    const r = await runCli('merge', [dirOf('s0'), dirOf('other'), '--out', dirOf('merged')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/other\/sweep\.json: sweep [0-9a-f]{16} .* different sweeps/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(csvOf('merged')).toBe(before);
  });

  it('merge refuses an incomplete set of shards', async () => {
    const r = await runCli('merge', [dirOf('s0'), '--out', dirOf('m2')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/4 of 8 points have no result .*\(points 1, 3, 5, 7\)/);
    expect(existsSync(dirOf('m2'))).toBe(false);
  });

  it('merge accepts identical duplicates and refuses copies that disagree', async () => {
    const ok = await runCli('merge', [dirOf('w2'), dirOf('s0'), dirOf('s1'), '--out', dirOf('m3')]);
    expect(ok.code).toBe(0);
    expect(csvOf('m3')).toBe(csvOf('w2'));
    const pointsDir = join(dirOf('s1'), 'points');
    const f = readdirSync(pointsDir).sort()[0];
    const doc = JSON.parse(readFileSync(join(pointsDir, f), 'utf8'));
    doc.runs[0].classes[0].completed += 1;
    writeFileSync(join(pointsDir, f), JSON.stringify(doc));
    const bad = await runCli('merge', [dirOf('w2'), dirOf('s1'), '--out', dirOf('m4')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/point 1 differs from the copy in/);
    expect(existsSync(dirOf('m4'))).toBe(false);
  });
});
