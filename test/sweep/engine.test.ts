import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/parse.ts';
import { runPoint } from '../../sim/sweep/worker.ts';

// A sweep point gives the same statistics on either engine (sweep --engine), but for wall time.

describe('sweep points on either engine', () => {
  it('fast and spec give identical point runs', () => {
    const scenario = loadScenario('fixtures/paper/fig3.yaml', ['durationS=1', 'warmupS=0', 'cluster.machines=10']);
    const task = { scenario, fileName: 'fig3.yaml' };
    const strip = (runs: ReturnType<typeof runPoint>) =>
      JSON.stringify(runs.map((r) => ({ ...r, summary: { ...r.summary, wallS: 0 } })));
    expect(strip(runPoint({ ...task, engine: 'fast' }))).toBe(strip(runPoint({ ...task, engine: 'spec' })));
  }, 60_000);
});
