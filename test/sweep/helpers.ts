// Shared by the sweep tests: temp dirs, writing sweep files, and running CLI commands in-process with their
// stderr/stdout captured (the exit code is what the CLI would return).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { reportError } from '../../sim/commands/program.ts';

export const TINY = 'fixtures/sweeps/tiny.yaml';

export function tempDir(prefix = 'sweep-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeSweep(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export async function runCli(
  command: 'sweep' | 'merge',
  argv: string[],
): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout += String(s);
    return true;
  });
  let code: number;
  try {
    const mod =
      command === 'sweep' ? await import('../../sim/commands/sweep.ts') : await import('../../sim/commands/merge.ts');
    code = await (command === 'sweep'
      ? (mod as typeof import('../../sim/commands/sweep.ts')).sweepCommand(argv)
      : (mod as typeof import('../../sim/commands/merge.ts')).mergeCommand(argv));
  } catch (e) {
    code = reportError(e);
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
  return { code, stderr, stdout };
}

/** A minimal valid inline base. */
export const BASE = `
base:
  durationS: 2
  cluster: { machines: 2, coresPerMachine: 2 }
  workload: { functions: 5, arrivals: [{ fromS: 0, load: 0.5 }] }
`;
