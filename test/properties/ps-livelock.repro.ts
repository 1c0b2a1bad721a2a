// Reproduction of a model bug (test/properties/model-bugs.test.ts runs it in a child process with a timeout):
// under processor sharing, a machine's wake never returns. Run: node --import tsx test/properties/ps-livelock.repro.ts
// Found by the verification suite (hermod properties hung), minimized by delta debugging: Hermod, one machine
// with 2 cores, memory growing in 3 steps, two invocations that each spawn one child (4 in all).
import { runScenario } from '../../properties/driver.ts';
import type { Scenario } from '../../properties/scenario.ts';
import type { ChildTemplate, InvocationTemplate } from '../../model/index.ts';
import { step } from '../../model/index.ts';

const t = (id: number, workUs: number, initialMemoryMB: number, peakMemoryMB: number, cls: number, children: ChildTemplate[] = []): InvocationTemplate => ({ id, tenantId: 0, functionId: id, declaredClass: cls, workUs, initialMemoryMB, peakMemoryMB, children });

export const PS_LIVELOCK: Scenario = {
  policy: { name: 'hermod', k: 1, shardDecisionUs: 0 },
  classes: [
    { name: 'c0', pricePerCpuS: 0.25 },
    { name: 'c1', pricePerCpuS: 0.5 },
    { name: 'c2', pricePerCpuS: 1 },
    { name: 'c3', pricePerCpuS: 4 },
  ],
  memoryGrowthSteps: 3,
  idleThresholdMB: 20000,
  idleUpdateDeltaMB: 1024,
  budgets: {},
  shards: 1,
  machines: [{ cores: 2, memoryMB: 16384, swapMB: 4096 }],
  arrivals: [
    { atUs: 380_000, shardId: 0, template: t(1, 30_000, 1450, 1950, 0, [{ afterWorkUs: 0, spec: t(4, 180_000, 2700, 3000, 2) }]) },
    { atUs: 260_000, shardId: 0, template: t(6, 190_000, 2050, 2100, 2, [{ afterWorkUs: 170_000, spec: t(7, 200_000, 2600, 3000, 3) }]) },
  ],
  antagonists: [],
  tape: [],
};

if (process.argv[1]?.endsWith('ps-livelock.repro.ts')) {
  let n = 0;
  runScenario(PS_LIVELOCK, (w, ev) => {
    n++;
    if (process.env.VERBOSE) {
      const m = w.machines[0];
      process.stderr.write(`step ${n} ${ev.type} at ${ev.atUs}us; psV ${m.psV}; running ${m.running.map((x) => `${x.inv.id}: done ${x.doneUs} markV ${x.markV} checkpoint ${x.checkpoint}`).join(' | ')}\n`);
    }
    return step(w, ev);
  }, []);
  process.stdout.write(`finished after ${n} steps\n`);
}
