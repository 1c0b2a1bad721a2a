// The README's GNU parallel example (sim/sweep/examples/parallel.sh), run for real with local jobs: one shard's
// process is killed mid-run, so the script stops before merging; the killed shard keeps its finished point files;
// merge refuses and names the missing points; rerunning only that shard finishes it; running the script again
// merges a CSV byte-identical to a single-machine sweep. Needs Debian's `parallel` (.ci/run installs it).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSweepPlan } from '../../sim/sweep/plan.ts';
import { readPointFile } from '../../sim/sweep/point-file.ts';
import { runSweep } from '../../sim/sweep/run.ts';
import { runCli, TINY, tempDir } from './helpers.ts';

const SCRIPT = 'sim/sweep/examples/parallel.sh';
const SHARDS = 2;
const KILLED_SHARD = 1;
const POLL_MS = 20;

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

function requireGnuParallel(): void {
  const r = spawnSync('parallel', ['--version'], { encoding: 'utf8' });
  if (r.error !== undefined || !r.stdout.includes('GNU parallel')) {
    throw new Error("GNU parallel is not installed (or `parallel` is moreutils' one): apt-get install -y parallel");
  }
}

/** Starts a command in the repository root; `exited` resolves with its exit status and stdout+stderr. */
function start(command: string, args: readonly string[]): { exited: Promise<Exit>; stop: () => void } {
  // detached: its own process group (bash, parallel and the jobs), so `stop` can end all of them.
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const exited = new Promise<Exit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the child process did not start');
  return { exited, stop: () => process.kill(-pid, 'SIGTERM') };
}

const run = (command: string, args: readonly string[]) => start(command, args).exited;
const cli = (args: readonly string[]) => run(process.execPath, ['bin/priceclass.js', ...args]);

/** Pids of our processes whose argv contains every one of `words` (read from /proc: Linux only, like parallel). */
function pidsWithArgs(words: readonly string[]): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // the process ended while we looked
    }
    if (words.every((w) => argv.includes(w))) pids.push(Number(entry));
  }
  return pids;
}

function pointFiles(dir: string): string[] {
  const pointsDir = join(dir, 'points');
  return existsSync(pointsDir) ? readdirSync(pointsDir).filter((f) => f.endsWith('.json') && !f.startsWith('.')) : [];
}

/** Waits until `dir` holds at least one point file, then SIGKILLs the node process writing it. */
async function killOnFirstPoint(shardDir: string, timeoutMs: number): Promise<void> {
  const deadlineMs = Date.now() + timeoutMs;
  while (pointFiles(shardDir).length === 0) {
    if (Date.now() > deadlineMs) throw new Error(`no point file in ${shardDir} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const pids = pidsWithArgs(['sweep', '--shard', `${KILLED_SHARD}/${SHARDS}`, '--out', shardDir]);
  expect(pids, `the shard ${KILLED_SHARD} process (out ${shardDir})`).toHaveLength(1);
  process.kill(pids[0], 'SIGKILL');
}

describe('GNU parallel example (local jobs)', () => {
  // Real path: the script passes absolute, resolved paths to the jobs, and the kill looks for that argument.
  const root = realpathSync(tempDir('sweep-parallel-'));
  const single = join(root, 'single');
  const out = join(root, 'tiny');
  const shardDir = (i: number) => `${out}-shard-${i}`;
  const plan = loadSweepPlan(TINY);
  const killedIndices = plan.points.map((p) => p.index).filter((i) => i % SHARDS === KILLED_SHARD);
  let firstRun: Exit;

  beforeAll(async () => {
    requireGnuParallel();
    // The single-machine reference in-process (run.test.ts shows it equals the CLI's): one node start fewer.
    const reference = await runSweep(plan, { outDir: single, workers: 2 });
    expect(reference.written).toContain('sweep.csv');
    const script = start('bash', [SCRIPT, TINY, String(SHARDS), out]);
    try {
      await killOnFirstPoint(shardDir(KILLED_SHARD), 60_000);
    } catch (err) {
      script.stop();
      throw err;
    }
    firstRun = await script.exited;
  });

  it('a killed shard makes the script fail without merging', () => {
    expect(firstRun.code, firstRun.output).toBe(1);
    expect(firstRun.output).toMatch(/a shard failed .* run the same command again/);
    expect(existsSync(out)).toBe(false);
    expect(pointFiles(shardDir(0))).toHaveLength(plan.points.length / SHARDS);
  });

  it('the killed shard keeps its finished points, valid and complete', () => {
    const kept = plan.points.filter((p) => readPointFile(join(shardDir(KILLED_SHARD), 'points'), p) !== null);
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(kept.length, 'the kill came too late: the shard had finished').toBeLessThan(killedIndices.length);
    expect(kept.every((p) => p.index % SHARDS === KILLED_SHARD)).toBe(true);
    expect(pointFiles(shardDir(KILLED_SHARD))).toHaveLength(kept.length);
  });

  it('merge refuses and names exactly the missing points', async () => {
    const pointsDir = join(shardDir(KILLED_SHARD), 'points');
    const missing = killedIndices.filter((i) => readPointFile(pointsDir, plan.points[i]) === null);
    const r = await runCli('merge', [shardDir(0), shardDir(1), '--out', out]);
    expect(r.code).toBe(2);
    const total = plan.points.length;
    expect(r.stderr).toContain(`${missing.length} of ${total} points have no result`);
    expect(r.stderr).toContain(`(points ${missing.join(', ')})`);
    expect(existsSync(out)).toBe(false);
  });

  it('rerunning only the killed shard runs only its missing points', async () => {
    const keptCount = pointFiles(shardDir(KILLED_SHARD)).length;
    const shardArg = `${KILLED_SHARD}/${SHARDS}`;
    const r = await cli(['sweep', TINY, '--shard', shardArg, '--out', shardDir(KILLED_SHARD)]);
    expect(r.code, r.output).toBe(0);
    const rerun = killedIndices.length - keptCount;
    expect(r.output).toContain(`${keptCount} already done, ${rerun} run`);
    expect(pointFiles(shardDir(KILLED_SHARD))).toHaveLength(killedIndices.length);
  });

  it('the script run again reruns no point and merges the single-machine CSV, byte for byte', async () => {
    const r = await run('bash', [SCRIPT, TINY, String(SHARDS), out]);
    expect(r.code, r.output).toBe(0);
    const perShard = plan.points.length / SHARDS;
    expect(r.output.match(new RegExp(`${perShard} already done, 0 run`, 'g'))).toHaveLength(SHARDS);
    const merged = readFileSync(join(out, 'sweep.csv'), 'utf8');
    expect(merged.split('\n').length).toBeGreaterThan(plan.points.length);
    expect(merged).toBe(readFileSync(join(single, 'sweep.csv'), 'utf8'));
  });
});
