import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCounterexample } from '../../properties/runner.ts';
import { allTemplates } from '../../properties/scenario.ts';
import { runCli } from '../cli/run-cli.ts';

// A stored counterexample round-trips: `replay FILE --scenario OUT.yaml` writes it with explicit invocations, and
// `run OUT.yaml` simulates exactly those invocations (machines listed one by one when they differ).

let stdout = '';
async function main(argv: string[]): Promise<number> {
  const r = await runCli(argv);
  stdout = r.stdout;
  return r.code;
}

const FIXTURES = ['mutant-noPreemption.json', 'xx-isolationCluster.json', 'mutant-dropInheritance.json'];

describe('replay --scenario, then run', () => {
  for (const name of FIXTURES) {
    it(`${name}: every invocation of the counterexample is simulated`, async () => {
      const file = `fixtures/counterexamples/${name}`;
      const out = join(mkdtempSync(join(tmpdir(), 'priceclass-rt-')), 'cx.yaml');
      expect(await main(['replay', file, '--scenario', out])).toBe(0);
      expect(readFileSync(out, 'utf8')).toMatch(/^# Written by `priceclass replay/);
      expect(await main(['run', out, '--json'])).toBe(0);
      const doc = JSON.parse(stdout);
      const cx = readCounterexample(file);
      const summary = doc.runs[0].summary;
      expect(summary.completed + summary.killed).toBe(summary.arrived);
      expect(summary.arrived).toBeLessThanOrEqual(allTemplates(cx.scenario).length);
      expect(summary.arrived).toBeGreaterThanOrEqual(cx.scenario.arrivals.length);
    });
  }
});

describe('the memory-inversion scenario', () => {
  it('runs from the CLI: the low-class invocation completes last, at 31 s', async () => {
    expect(await main(['run', 'fixtures/scenarios/memory-inversion.yaml', '--json'])).toBe(0);
    const run = JSON.parse(stdout).runs[0];
    expect(run.summary).toMatchObject({ arrived: 3, completed: 3, killed: 0 });
    expect(run.classes.find((c: { name: string }) => c.name === 'low').latencyS.max).toBe(30);
    expect(run.classes.find((c: { name: string }) => c.name === 'high').latencyS.max).toBe(20);
  });
});
