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
    // Interrupt once the simulation is under way (the first slice has run when the engine has been created). On a
    // busy machine starting tsx alone took more than 4 s, and SIGINT then killed the child before it had a handler;
    // fig3 simulates for minutes, so 10 s is still well inside the run.
    await new Promise((r) => setTimeout(r, 10_000));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code, stderr).toBe(130);
    expect(existsSync(join(out, 'results.json'))).toBe(true);
    const doc = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(doc.partial).toBe(true);
    expect(doc.runs.length).toBeGreaterThanOrEqual(1);
    expect(doc.runs[0].partial).toBe(true);
    expect(stderr).toMatch(/interrupted/);
  }, 60_000);
});
