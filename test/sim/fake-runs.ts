// Synthetic runs for report tests: a spike between 50 s and 80 s that hurts the low class under "xx" and both
// classes under "hermod", plus memory samples that fill up over time, and some swap traffic.

import type { RunResult } from '../../sim/metrics/document.ts';
import { RunRecorder } from '../../sim/metrics/recorder.ts';
import { draws } from '../../sim/workload/streams.ts';

export function fakeRuns(durationS = 120, machines = 8): RunResult[] {
  return ['xx', 'hermod'].map((policy) => {
    const d = draws(5, policy);
    const r = new RunRecorder({ policy, classNames: ['low', 'high'], machines, warmupS: 10, tickS: 1, durationS });
    for (let t = 0; t < durationS; t++) {
      const spike = t >= 50 && t < 80 ? 1 : 0;
      for (let i = 0; i < 40; i++) {
        const cls = i % 2;
        const arrivalUs = t * 1e6 + i * 20_000;
        const workUs = Math.round(d.pareto(2.5, 50_000));
        const factor = 1 + spike * (policy === 'hermod' ? 8 : cls === 0 ? 30 : 0.2) * d.u();
        r.onArrival(cls, arrivalUs);
        r.onCompletion(cls, arrivalUs, arrivalUs + workUs * factor, workUs);
      }
      const utils = Float64Array.from({ length: machines }, () => Math.min(1, t / durationS + 0.1 * d.u()));
      const swap = Float64Array.from({ length: machines }, (_, m) => (utils[m] > 0.85 ? 1000 * d.u() : 0));
      r.sampleMachines(
        t,
        utils,
        swap,
        Float64Array.from({ length: machines }, () => 4),
      );
      if (t % 10 === 0) r.onSwapOut(t % machines, 0, 200, t * 1e6);
      if (t % 10 === 5) r.onSwapIn(t % machines, 0, 200, 100_000, t * 1e6);
    }
    return r.finish({ simulatedS: durationS, events: 1000, wallS: 0.5 });
  });
}
