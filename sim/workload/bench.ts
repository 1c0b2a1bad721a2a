// Measures generator throughput: `npx tsx sim/workload/bench.ts [scenario.yaml]` (default fixtures/paper/fig3.yaml).

import { loadScenario } from '../scenario/parse.ts';
import { createWorkload } from './generator.ts';

const path = process.argv[2] ?? 'fixtures/paper/fig3.yaml';
const base = loadScenario(path);
// Stretch the run so the measurement covers tens of millions of invocations.
const scenario = { ...base, durationS: base.durationS * 20 };
for (let round = 0; round < 3; round++) {
  const source = createWorkload(scenario);
  const t0 = process.hrtime.bigint();
  let n = 0;
  let work = 0;
  for (let a = source.next(); a !== null; a = source.next()) {
    n++;
    work += a.template.workUs;
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `round ${round}: ${n} invocations in ${s.toFixed(2)} s = ${(n / s / 1e6).toFixed(2)} M/s ` +
      `(mean work ${(work / n / 1e3).toFixed(1)} ms)`,
  );
}
