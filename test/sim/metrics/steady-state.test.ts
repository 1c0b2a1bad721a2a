import { describe, expect, it } from 'vitest';
import { fitLine, steadyStateOf, type TickSeries } from '../../../sim/metrics/steady-state.ts';
import { startPolicyRun } from '../../../sim/run/run-policy.ts';
import { parseScenario } from '../../../sim/scenario/parse.ts';

// The steady-state verdict: the rule on hand-made series, then on runs that are and are not overloaded.

/** Ticks of 1 s over [0, durationS]: backlog and swap in use as functions of the tick's end. */
function series(durationS: number, backlog: (s: number) => number, swapMB: (s: number) => number = () => 0) {
  const atS = Array.from({ length: durationS }, (_, i) => i + 1);
  return { atS, backlog: atS.map(backlog), swapMB: atS.map(swapMB) } satisfies TickSeries;
}

/** A deterministic wobble of amplitude 1 (no trend over whole periods). */
const wobble = (s: number) => [0, 1, 0, -1][s % 4];

describe('fitLine', () => {
  it('gives the least-squares slope and an infinite t for points on a rising line', () => {
    expect(fitLine([1, 2, 3, 4], [3, 5, 7, 9])).toEqual({ slope: 2, tStatistic: Infinity });
    expect(fitLine([1, 2, 3], [1, 3, 2])).toEqual({ slope: 0.5, tStatistic: 0.5 / Math.sqrt(1.5 / 2) });
    expect(fitLine([2, 2, 2], [1, 5, 9])).toEqual({ slope: 0, tStatistic: 0 });
  });
});

describe('steadyStateOf', () => {
  /** The verdict on 30 ticks of 1 s (window [20, 30]). */
  const steady30 = (backlog: (s: number) => number, swapMB?: (s: number) => number) =>
    steadyStateOf(series(30, backlog, swapMB), 30).steady;

  it('flags a backlog that grows through the last third of the window', () => {
    const st = steadyStateOf(
      series(30, (s) => 10 * s),
      30,
    );
    expect(st).toEqual({ steady: false, backlogSlopePerS: 10, swapSlopeMBPerS: 0, window: [20, 30] });
  });

  it('accepts a flat backlog that wobbles', () => {
    const st = steadyStateOf(
      series(30, (s) => 100 + 5 * wobble(s)),
      30,
    );
    expect(st.steady).toBe(true);
    expect(Math.abs(st.backlogSlopePerS as number)).toBeLessThan(0.5);
  });

  it('accepts a falling backlog (a run that recovers)', () => {
    expect(steady30((s) => 1000 - 10 * s)).toBe(true);
  });

  it('ignores growth below the floor of 5 invocations, however large relative to the mean', () => {
    // From 1 invocation at 20 s: 0.4/s grows by 4 over the window, 0.6/s by 6.
    expect(steady30((s) => (s < 20 ? 1 : 1 + 0.4 * (s - 20)))).toBe(true);
    expect(steady30((s) => (s < 20 ? 1 : 1 + 0.6 * (s - 20)))).toBe(false);
  });

  it('ignores growth within 10% of the mean', () => {
    // 12/s grows by 120 against a mean of 1300 over the window; 14/s by 140 against 1350.
    expect(steady30((s) => 1000 + 12 * s)).toBe(true);
    expect(steady30((s) => 1000 + 14 * s)).toBe(false);
  });

  it('ignores a rise that the noise explains (t below 4)', () => {
    // Growth 0.6/s x 10 s = 6 > 5 and > 10% of a mean of about 12, but a wobble of +-20 hides it.
    const st = steadyStateOf(
      series(30, (s) => 12 + 0.6 * (s - 25) + 20 * wobble(s)),
      30,
    );
    expect(st.backlogSlopePerS as number).toBeGreaterThan(0);
    expect(st.steady).toBe(true);
    expect(steady30((s) => 12 + 0.6 * (s - 25) + 0.5 * wobble(s))).toBe(false);
  });

  it('flags swap in use that keeps growing while the backlog does not', () => {
    const st = steadyStateOf(
      series(
        30,
        () => 50,
        (s) => 2000 * s,
      ),
      30,
    );
    expect(st).toMatchObject({ steady: false, backlogSlopePerS: 0, swapSlopeMBPerS: 2000 });
    // 100 MB/s grows by 1000 MB over the window: below the floor of 1024 MB.
    expect(
      steady30(
        () => 50,
        (s) => 100 * s,
      ),
    ).toBe(true);
  });

  it('does not judge fewer than 3 ticks in the window', () => {
    expect(
      steadyStateOf(
        series(6, (s) => 100 * s),
        6,
      ).steady,
    ).toBe(false);
    expect(
      steadyStateOf(
        series(5, (s) => 100 * s),
        5,
      ),
    ).toEqual({
      steady: null,
      backlogSlopePerS: null,
      swapSlopeMBPerS: null,
      window: [3.33333, 5],
    });
  });
});

describe('runs', () => {
  const scenario = (load: number) =>
    parseScenario(
      `durationS: 30
drain: false
cluster: { machines: 4, coresPerMachine: 4, memoryMB: unbounded, shards: 2 }
policies: [xx]
workload: { arrivals: [{ fromS: 0, load: ${load} }], classWeights: [0.5, 0.5] }
`,
      'steady.yaml',
    );
  const verdict = (load: number) => {
    const run = startPolicyRun(scenario(load), 0, 'steady.yaml');
    while (!run.simulation.advance(1_000_000));
    return run.finish().summary.steadyState;
  };

  it('flags an overloaded run (load 1.3)', () => {
    const st = verdict(1.3);
    expect(st.steady).toBe(false);
    // Overload 0.3 of 16 cores at a mean runtime of 83 ms: the backlog grows by about 58 invocations/s.
    expect(st.backlogSlopePerS as number).toBeGreaterThan(30);
    expect(st.window).toEqual([20, 30]);
  });

  it('does not flag a run at load 0.5', () => {
    const st = verdict(0.5);
    expect(st.steady).toBe(true);
    expect(Math.abs(st.backlogSlopePerS as number)).toBeLessThan(1);
  });
});
