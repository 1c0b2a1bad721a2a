import { describe, expect, it } from 'vitest';
import {
  mm1MeanLatencyS,
  mmcMeanLatencyS,
  preemptivePriorityMeanLatencyS,
  runValidation,
  validationDurationS,
} from './harness.ts';

// Each check allows the batch-means 99% confidence half-width of the simulated mean (which shrinks with the
// run length) plus 1% for the warm-up bias of a finite run. Short runs in `npm test`, long ones in
// `npm run validate`.

function expectWithin(simulated: number, theory: number, halfWidth: number): void {
  const tolerance = halfWidth + 0.01 * theory;
  expect(
    Math.abs(simulated - theory),
    `simulated ${simulated.toFixed(5)} vs theory ${theory.toFixed(5)} (+-${tolerance.toFixed(5)})`,
  ).toBeLessThanOrEqual(tolerance);
}

describe('M/M/1 with processor sharing (hermod, 1 machine, 1 core)', () => {
  const meanServiceS = 0.01;
  for (const rho of [0.5, 0.8]) {
    it(`mean latency = E[S]/(1-rho) at rho=${rho}`, () => {
      const ratePerS = rho / meanServiceS;
      const run = runValidation('hermod', [{ ratePerS, meanServiceS }], validationDurationS(400, 4000), `ps-${rho}`);
      expectWithin(run.classes[0].meanLatencyS, mm1MeanLatencyS(ratePerS, meanServiceS), run.classes[0].halfWidthS);
    });
  }
});

describe('two-class M/M/1 with preemptive priority (xx, 1 machine, 1 core)', () => {
  const high = { ratePerS: 30, meanServiceS: 0.01 };
  const low = { ratePerS: 40, meanServiceS: 0.01 };
  it('high class sees only its own load; low class follows the preemptive-resume formula', () => {
    // declaredClass 0 = low, 1 = high
    const run = runValidation('xx', [low, high], validationDurationS(400, 4000), 'prio');
    expectWithin(
      run.classes[1].meanLatencyS,
      preemptivePriorityMeanLatencyS([high, low], 0),
      run.classes[1].halfWidthS,
    );
    expectWithin(
      run.classes[0].meanLatencyS,
      preemptivePriorityMeanLatencyS([high, low], 1),
      run.classes[0].halfWidthS,
    );
  });
});

describe("Little's law and utilization", () => {
  for (const policy of ['xx', 'hermod', 'openwhisk', 'knative']) {
    it(`${policy}: L = lambda W and utilization = offered load`, () => {
      const classes = [
        { ratePerS: 35, meanServiceS: 0.01 },
        { ratePerS: 35, meanServiceS: 0.01 },
      ];
      const run = runValidation(policy, classes, validationDurationS(300, 3000), `little-${policy}`);
      const rho = 0.7;
      const lambdaW = run.arrivalRatePerS * run.meanLatencyAllS;
      // L is sampled every 10 ms; its error is of the order of the latency CI scaled by lambda.
      expect(Math.abs(run.meanInSystem - lambdaW) / lambdaW).toBeLessThan(0.05);
      expect(Math.abs(run.utilization - rho)).toBeLessThan(0.03);
    });
  }
});

describe('M/M/c FCFS (openwhisk, 1 machine, 4 cores: one function per core, FIFO queue)', () => {
  it('mean latency follows Erlang C at rho=0.8', () => {
    const meanServiceS = 0.01;
    const ratePerS = (0.8 * 4) / meanServiceS;
    const run = runValidation('openwhisk', [{ ratePerS, meanServiceS }], validationDurationS(200, 2000), 'mmc', 4);
    expectWithin(run.classes[0].meanLatencyS, mmcMeanLatencyS(4, ratePerS, meanServiceS), run.classes[0].halfWidthS);
  });
});
