import { describe, expect, it } from 'vitest';
import { loadEngineMutant } from '../../properties/mutants/engine-load.ts';
import { conformPolicy } from '../../sim/conform/compare.ts';
import { loadScenario } from '../../sim/scenario/parse.ts';
import { runCli } from './run-cli.ts';

// `priceclass conform` and the --engine switch of `run`.

const SCENARIO = 'fixtures/scenarios/memory-inversion.yaml';
const SHORT_FIG3 = ['--set', 'durationS=1', '--set', 'warmupS=0', '--set', 'cluster.machines=10'];

describe('priceclass conform', () => {
  it('passes on a fixture and says so per policy', async () => {
    const r = await runCli(['conform', 'fixtures/paper/fig3.yaml', ...SHORT_FIG3]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^conforms {2}fixtures\/paper\/fig3.yaml xx: \d+ observations, \d+ events/m);
    expect(r.stdout).toMatch(/^conforms {2}fixtures\/paper\/fig3.yaml hermod/m);
  }, 60_000);

  it('--json reports each policy', async () => {
    const r = await runCli(['conform', SCENARIO, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.scenarios[0].policies[0]).toMatchObject({ policy: 'xx', divergence: null, resultsDiffer: null });
  });

  it('finds the first divergence of a wrong engine, with the observations before it', async () => {
    const scenario = loadScenario('fixtures/paper/fig3.yaml', ['durationS=1', 'warmupS=0', 'cluster.machines=10']);
    const fast = await loadEngineMutant('runningCountDrift');
    const r = conformPolicy(scenario, 0, 'fig3.yaml', { fast });
    expect(r.divergence).not.toBeNull();
    expect(r.divergence?.before.length).toBeGreaterThan(0);
    expect(r.divergence?.spec).not.toBe(r.divergence?.fast);
  }, 60_000);
});

describe('run --engine', () => {
  const args = ['run', 'fixtures/paper/fig3.yaml', ...SHORT_FIG3, '--json'];
  const withoutWall = (text: string) => text.replace(/"wallS": [0-9.e-]+/g, '"wallS": 0');

  it('gives byte-identical results with either engine, but for wallS', async () => {
    const fast = await runCli([...args, '--engine', 'fast']);
    const spec = await runCli([...args, '--engine', 'spec']);
    const byDefault = await runCli(args);
    expect(fast.code).toBe(0);
    expect(withoutWall(fast.stdout)).toBe(withoutWall(spec.stdout));
    expect(withoutWall(byDefault.stdout)).toBe(withoutWall(fast.stdout));
  }, 60_000);

  it('refuses an unknown engine', async () => {
    const r = await runCli([...args, '--engine', 'turbo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--engine: expected one of fast, spec, got 'turbo'");
  });
});
