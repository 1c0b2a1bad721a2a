import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.ts';

// `priceclass check` / `priceclass replay` through the CLI's entry point: exit codes, JSON shape, where
// counterexamples go (a temporary directory here; out/counterexamples by default, never the committed fixtures).

/** Runs the CLI; its exit code, and its stdout kept for the JSON checks that follow. */
let stdout = '';
let stderr = '';
async function main(argv: string[]): Promise<number> {
  const r = await runCli(argv);
  stdout = r.stdout;
  stderr = r.stderr;
  return r.code;
}

describe('priceclass check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'priceclass-cx-'));

  it('bad usage exits 2', async () => {
    expect(await main(['check', '--property', 'nope'])).toBe(2);
    expect(await main(['check', '--runs', 'x'])).toBe(2);
    expect(await main(['check', '--mutant', 'classBlind', '--mutants'])).toBe(2);
    expect(await main(['check', '--policy', 'nope'])).toBe(2);
    expect(await main(['check', '--frobnicate'])).toBe(2);
  });

  it('answers --help', async () => {
    expect(await main(['check', '--help'])).toBe(0);
    expect(stdout).toContain('--mutants');
  });

  it('exits 0 when outcomes match the table, 1 when not; counterexamples go under --out', async () => {
    expect(await main(['check', '--property', 'conservation', '--policy', 'xx', '--runs', '20', '--out', dir])).toBe(0);
    // Hermod's inversions are in the table: expected, so exit 0, and the counterexample is still written.
    const expected = ['check', '--property', 'noPriorityInversion', '--policy', 'hermod', '--runs', '50', '--out', dir];
    expect(await main(expected)).toBe(0);
    expect(stdout + stderr).toContain('fails (expected)');
    expect(readdirSync(dir)).toContain('hermod-noPriorityInversion.json');
    // Beside it, its replay page: the trace as a timeline per core.
    expect(readFileSync(join(dir, 'hermod-noPriorityInversion.html'), 'utf8')).toContain('<html');
    // A policy of one's own (not a table row) is expected to keep every property.
    const own = ['check', '--property', 'noPriorityInversion', '--policy', 'hermod:k=2', '--runs', '50', '--out', dir];
    expect(await main(own)).toBe(1);
    expect(readdirSync(dir)).toContain('hermod-k-2-noPriorityInversion.json');
  });

  it('--mutant NAME --json reports the killer and the counterexample file', async () => {
    expect(await main(['check', '--mutant', 'noPreemption', '--json', '--runs', '100', '--out', dir])).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.mutants).toEqual([
      {
        name: 'noPreemption',
        expectedKiller: 'noPriorityInversion',
        killed: true,
        by: 'noPriorityInversion',
        counterexample: `${dir}/mutant-noPreemption.json`,
      },
    ]);
  });

  it('--json lists each invariant with its non-vacuous checks and the coverage', async () => {
    expect(
      await main(['check', '--policy', 'xx', '--property', 'swapAndKillOrder', '--runs', '50', '--json', '--out', dir]),
    ).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.properties[0]).toMatchObject({ policy: 'xx', property: 'swapAndKillOrder', outcome: 'holds' });
    expect(doc.coverage.checks.swapAndKillOrder).toBeGreaterThan(0);
    expect(doc.coverage.outputs.placed).toBeGreaterThan(0);
  });

  it('--exhaustive --scope reports the scope and exits 0 on XX', async () => {
    expect(await main(['check', '--exhaustive', '--scope', 'shardTie', '--json', '--out', dir])).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.scopes).toHaveLength(1);
    expect(doc.scopes[0]).toMatchObject({ name: 'shardTie', states: 127, transitions: 217, violations: [] });
    expect(Object.keys(doc.scopes[0])).toEqual(
      expect.arrayContaining(['diameter', 'seconds', 'statesPerS', 'symmetryReduction']),
    );
  });

  it('--exhaustive --workers 2: the same counts; a bound reached says which (stoppedBy)', async () => {
    const args = ['check', '--exhaustive', '--scope', 'shardTie', '--workers', '2', '--json', '--out', dir];
    expect(await main(args)).toBe(0);
    const [row] = JSON.parse(stdout).scopes;
    expect(row).toMatchObject({ states: 127, transitions: 217, diameter: 10, workers: 2, complete: true });
    expect([row.symmetryReduction, row.stoppedBy]).toEqual([null, null]);
    expect(await main(['check', '--exhaustive', '--scope', 'shardTie', '--max-states', '50', '--json'])).toBe(0);
    expect(JSON.parse(stdout).scopes[0]).toMatchObject({ complete: false, stoppedBy: 'states' });
    expect(await main(['check', '--exhaustive', '--workers', '0'])).toBe(2);
  });

  it('--exhaustive finds the expected priceOnly lasso; an unknown scope is a usage error', async () => {
    const policy = 'xx:shardRule=priceOnly';
    expect(await main(['check', '--exhaustive', '--scope', 'starvation', '--policy', policy, '--out', dir])).toBe(0);
    expect(stdout).toMatch(/expected lasso/);
    expect(await main(['check', '--exhaustive', '--scope', 'nope'])).toBe(2);
  });

  it('never writes into the committed fixtures by default', async () => {
    const before = readdirSync('fixtures/counterexamples').sort();
    expect(await main(['check', '--property', 'noPriorityInversion', '--policy', 'hermod', '--runs', '30'])).toBe(0);
    expect(readdirSync('fixtures/counterexamples').sort()).toEqual(before);
    expect(existsSync('out/counterexamples/hermod-noPriorityInversion.json')).toBe(true);
  });
});

describe('priceclass replay', () => {
  it('prints a trace with the violating step and its microsteps marked', async () => {
    expect(await main(['replay', 'fixtures/counterexamples/mutant-noPreemption.json'])).toBe(0);
    const text = stdout;
    expect(text).toContain('>>> VIOLATED noPriorityInversion');
    expect(text).toMatch(/environment -> /);
  });
  it('--scenario writes a scenario file with explicit invocations', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'priceclass-sc-')), 'cx.yaml');
    expect(await main(['replay', 'fixtures/counterexamples/mutant-noPreemption.json', '--scenario', out])).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('invocations:');
  });
  it('usage errors exit 2', async () => {
    expect(await main(['replay'])).toBe(2);
    expect(await main(['replay', '/nonexistent.json'])).toBe(2);
  });
});
