import fc from 'fast-check';
import type { InvocationTemplate } from '../model/index.ts';
import { driveFixed, traceRun } from './isolation.ts';
import type { TraceDoc } from './render.ts';
import type { Scenario, ScenarioArrival } from './scenario.ts';
import type { Transition } from './transition.ts';

// Issue 3, property 10 (second half): under a steady stream of high-class work that leaves some capacity, low-
// class work is still placed. Setting: one shard that is the bottleneck (a top-class invocation arrives every
// shardDecisionUs, so there is always a high head when the shard decides), one machine with spare cores and
// ample memory (the capacity left), and a few class-0 invocations arriving early in the stream.
// Bound, for XX's rule price x (wait + agingUs): a fresh high head scores pH x agingUs (it arrived at the
// decision instant); a low head that has waited W scores pL x (W + agingUs), and wins once
// W > (pH / pL - 1) x agingUs; decisions come every shardDecisionUs and several lows queue one behind another, so
//   placed - arrived <= n_low x ((pH / pL) x (agingUs + d) + 2 d)
// The stream lasts longer than that bound, so the check runs while high work keeps coming.

export const STARVATION_PROPERTIES: readonly string[] = ['lowClassProgress'];

export interface StarvationCase {
  readonly scenario: Scenario;
  readonly lowIds: readonly number[];
  readonly boundUs: number;
}

const TABLES = [
  [
    { name: 'low', pricePerCpuS: 0.5 },
    { name: 'high', pricePerCpuS: 2 },
  ],
  [
    { name: 'low', pricePerCpuS: 0.5 },
    { name: 'mid', pricePerCpuS: 1.5 },
    { name: 'high', pricePerCpuS: 2 },
  ],
];

const inv = (id: number, cls: number, workUs: number): InvocationTemplate => ({
  id,
  tenantId: 0,
  functionId: id,
  declaredClass: cls,
  workUs,
  initialMemoryMB: 100,
  peakMemoryMB: 100,
  children: [],
});

function caseArb(policy: string, overrides: Readonly<Record<string, unknown>>): fc.Arbitrary<StarvationCase> {
  return fc
    .record({
      classes: fc.constantFrom(...TABLES),
      decisionUs: fc.constantFrom(10_000, 20_000),
      agingUs: fc.constantFrom(1_000, 10_000, 50_000),
      lows: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }),
    })
    .map(({ classes, decisionUs, agingUs, lows }): StarvationCase => {
      const top = classes.length - 1;
      const ratio = classes[top].pricePerCpuS / classes[0].pricePerCpuS;
      const boundUs = lows.length * (ratio * (agingUs + decisionUs) + 2 * decisionUs);
      const lastLowUs = Math.max(...lows) * decisionUs;
      const highs = Math.ceil((lastLowUs + boundUs) / decisionUs) + 5;
      const arrivals: ScenarioArrival[] = [];
      for (let i = 0; i < highs; i++)
        arrivals.push({ atUs: i * decisionUs, shardId: 0, template: inv(1 + i, top, decisionUs / 2) });
      const lowIds = lows.map((_, j) => 1000 + j);
      for (const [j, k] of lows.entries()) {
        arrivals.push({ atUs: k * decisionUs, shardId: 0, template: inv(lowIds[j], 0, decisionUs / 2) });
      }
      const scenario: Scenario = {
        policy: { name: policy, shardDecisionUs: decisionUs, ...(policy === 'xx' ? { agingUs } : {}), ...overrides },
        classes,
        memoryGrowthSteps: 1,
        idleThresholdMB: 1024,
        idleUpdateDeltaMB: 256,
        budgets: {},
        shards: 1,
        machines: [{ cores: 4, memoryMB: 1 << 20, swapMB: 0 }],
        arrivals,
        antagonists: [],
        tape: [],
      };
      return { scenario, lowIds, boundUs };
    });
}

function violation(c: StarvationCase, t: Transition): string | null {
  const run = driveFixed(c.scenario, t);
  const placedUs = new Map<number, number>();
  for (const outs of run.outs) for (const o of outs) if (o.type === 'placed') placedUs.set(o.invId, o.atUs);
  for (const id of c.lowIds) {
    const arrivedUs = c.scenario.arrivals.find((a) => a.template.id === id)?.atUs ?? 0;
    const at = placedUs.get(id);
    if (at === undefined || at - arrivedUs > c.boundUs)
      return (
        `low-class invocation ${id} (arrived ${arrivedUs}us) ` +
        `${at === undefined ? 'never placed' : `placed only at ${at}us`},` +
        ` bound ${c.boundUs}us, while high-class work keeps arriving`
      );
  }
  return null;
}

export function starvationProperty(
  _name: string,
  policy: string,
  overrides: Readonly<Record<string, unknown>>,
  t: Transition,
) {
  return {
    arb: caseArb(policy, overrides),
    violation: (c: StarvationCase) => {
      const message = violation(c, t);
      return message === null
        ? null
        : { message, scenario: c.scenario, extra: { lowIds: c.lowIds, boundUs: c.boundUs } };
    },
    /** The run of a stored counterexample; the starved invocation's placement (or the end) is highlighted. */
    replay(cx: { scenario: Scenario; extra?: unknown; message: string }): Omit<TraceDoc, 'property' | 'classes'> {
      const extra = cx.extra as { lowIds: number[]; boundUs: number };
      const message = violation({ scenario: cx.scenario, lowIds: extra.lowIds, boundUs: extra.boundUs }, t);
      const o = driveFixed(cx.scenario, t);
      let last = -1;
      o.outs.forEach((outs, i) => {
        if (outs.some((x) => x.type === 'placed' && extra.lowIds.includes(x.invId))) last = i;
      });
      return {
        header: [
          `lowClassProgress counterexample (recorded: ${cx.message})`,
          message === null ? 'now: holds' : `>>> now: ${message}`,
        ],
        runs: [{ ...traceRun(o), highlight: last < 0 ? o.events.length - 1 : last }],
        violated: message !== null,
        message: message ?? cx.message,
      };
    },
  };
}
