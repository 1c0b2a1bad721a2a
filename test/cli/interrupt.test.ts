import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Ctrl-C during `run`: the results so far are written, marked "partial": true, atomically; exit code 130.

describe('Ctrl-C during run', () => {
  it('writes partial results and exits 130', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'priceclass-int-')), 'fig3');
    const child = spawn(process.execPath, ['bin/priceclass.js', 'run', 'fixtures/paper/fig3.yaml', '--out', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    // Interrupt once the simulation is under way: after 8 s of the child's CPU time (it has its SIGINT handler
    // after about 2 s of CPU; fig3 takes minutes). Wall time would not do: on a busy machine starting tsx alone
    // took over 10 s, and SIGINT then killed the child before it had a handler.
    await untilCpuS(child.pid as number, 8);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code, stderr).toBe(130);
    expect(existsSync(join(out, 'results.json'))).toBe(true);
    const doc = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(doc.partial).toBe(true);
    expect(doc.runs.length).toBeGreaterThanOrEqual(1);
    expect(doc.runs[0].partial).toBe(true);
    expect(stderr).toMatch(/interrupted/);
  }, 180_000);
});

/** Waits until a Linux process has used `seconds` of CPU (utime + stime in /proc/PID/stat, in clock ticks). */
async function untilCpuS(pid: number, seconds: number): Promise<void> {
  const TICKS_PER_S = 100; // USER_HZ, 100 on every Linux architecture Node runs on
  for (;;) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    if (Number(fields[11]) + Number(fields[12]) >= seconds * TICKS_PER_S) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
