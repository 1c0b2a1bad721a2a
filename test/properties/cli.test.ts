import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkCommand, replayCommand } from '../../properties/cli.ts';

// `priceclass check` / `priceclass replay` exit codes and JSON shape (fixtures go to a temporary directory).

let stdout: string[] = [];
beforeEach(() => {
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (stdout.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

describe('priceclass check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'priceclass-cx-'));

  it('bad usage exits 2', async () => {
    expect(await checkCommand(['--property', 'nope'])).toBe(2);
    expect(await checkCommand(['--runs', 'x'])).toBe(2);
    expect(await checkCommand(['--mutant', 'classBlind', '--mutants'])).toBe(2);
    expect(await checkCommand(['--policy', 'nope'])).toBe(2);
  });

  it('a property that holds exits 0; one that fails exits 1 and writes its counterexample', async () => {
    expect(await checkCommand(['--property', 'conservation', '--runs', '20', '--fixtures', dir])).toBe(0);
    expect(await checkCommand(['--property', 'noPriorityInversion', '--policy', 'hermod', '--runs', '50', '--fixtures', dir])).toBe(1);
    expect(readdirSync(dir)).toContain('hermod-noPriorityInversion.json');
  });

  it('--mutant NAME --json reports the killer and the counterexample file', async () => {
    expect(await checkCommand(['--mutant', 'noPreemption', '--json', '--runs', '100', '--fixtures', dir])).toBe(0);
    const doc = JSON.parse(stdout.join(''));
    expect(doc.mutants).toEqual([{ name: 'noPreemption', killed: true, by: 'noPriorityInversion', counterexample: join(dir, 'mutant-noPreemption.json') }]);
  });

  it('--exhaustive reports states and exits 0 on XX', async () => {
    expect(await checkCommand(['--exhaustive', '--json'])).toBe(0);
    const doc = JSON.parse(stdout.join(''));
    expect(doc.states).toBeGreaterThan(100);
    expect(doc.counterexample).toBeNull();
  });
});

describe('priceclass replay', () => {
  it('prints a trace with the violating step marked', async () => {
    expect(await replayCommand(['fixtures/counterexamples/mutant-noPreemption.json'])).toBe(0);
    const text = stdout.join('');
    expect(text).toContain('>>> VIOLATED noPriorityInversion');
    expect(text).toMatch(/m0: cores 1\/1/);
  });
  it('usage errors exit 2', async () => {
    expect(await replayCommand([])).toBe(2);
    expect(await replayCommand(['/nonexistent.json'])).toBe(2);
  });
});
