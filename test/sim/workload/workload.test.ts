import { describe, expect, it } from 'vitest';
import { type DistSpec, distMean } from '../../../sim/scenario/distribution.ts';
import { parseScenario } from '../../../sim/scenario/parse.ts';
import type { Scenario } from '../../../sim/scenario/types.ts';
import { createWorkload } from '../../../sim/workload/generator.ts';
import { FunctionFamily, sampleOnce } from '../../../sim/workload/sample.ts';
import type { Arrival } from '../../../sim/workload/source.ts';
import { draws, stream } from '../../../sim/workload/streams.ts';

function scenario(extra = '', workload = ''): Scenario {
  return parseScenario(
    `durationS: 20
seed: 7
cluster: { machines: 10, coresPerMachine: 8 }
priceClasses: [{ name: low, pricePerCpuS: 0.5 }, { name: high, pricePerCpuS: 2 }]
${extra}
workload:
  functions: 50
  tenants: 7
  arrivals: [{ fromS: 0, ratePerS: 2000 }, { fromS: 10, ratePerS: 500 }]
  classWeights: [0.75, 0.25]
  memoryMB: { initial: 100, peak: { dist: uniform, min: 100, max: 10000 } }
${workload}`,
    'test.yaml',
  );
}

function collect(s: Scenario): Arrival[] {
  const src = createWorkload(s);
  const out: Arrival[] = [];
  for (let a = src.next(); a !== null; a = src.next()) out.push({ arrivalUs: a.arrivalUs, template: a.template });
  return out;
}

describe('distributions', () => {
  // 200k draws each; tolerance 2% of the mean (about 5 standard errors for the heaviest tail here,
  // pareto alpha 3.5, whose variance is finite). Fixed seeds make this deterministic.
  const specs: DistSpec[] = [
    { dist: 'deterministic', value: 3 },
    { dist: 'exponential', mean: 2 },
    { dist: 'uniform', min: 100, max: 10000 },
    { dist: 'normal', mean: 5, sd: 1 },
    { dist: 'normal', mean: 0.5, sd: 1 }, // heavily truncated: checks the truncated-normal mean
    { dist: 'lognormal', mu: 0, sigma: 0.5 },
    { dist: 'pareto', alpha: 3.5, xm: 0.05 },
    { dist: 'pareto', alpha: 3.5, xm: { dist: 'normal', mean: 0.05, sd: 0.01 } },
    { dist: 'exponential', mean: { dist: 'uniform', min: 1, max: 3 } },
  ];
  it.each(specs.map((s) => [JSON.stringify(s), s] as const))('sample mean matches analytic mean: %s', (_n, spec) => {
    const d = draws(1, 'test');
    const n = 200_000;
    let sum = 0;
    // Nested parameters are drawn once per function: spread draws over many functions.
    const family = new FunctionFamily(spec, 10_000, draws(1, 'params'));
    for (let i = 0; i < n; i++) sum += family.sample(i % 10_000, d);
    expect(Math.abs(sum / n / distMean(spec) - 1)).toBeLessThan(0.02);
    let sum2 = 0;
    for (let i = 0; i < n; i++) sum2 += sampleOnce(spec, d);
    expect(Math.abs(sum2 / n / distMean(spec) - 1)).toBeLessThan(0.02);
  });

  it('gives pareto alpha <= 1 an infinite mean', () => {
    expect(distMean({ dist: 'pareto', alpha: 1, xm: 1 })).toBe(Infinity);
  });
});

describe('streams', () => {
  it('are reproducible and independent of each other', () => {
    const a1 = stream(1, 'a');
    const b1 = stream(1, 'b');
    const first = [b1(), b1(), b1()];
    const a2 = stream(1, 'a');
    for (let i = 0; i < 1000; i++) a2(); // drawing a lot more from stream a ...
    const b2 = stream(1, 'b');
    expect([b2(), b2(), b2()]).toEqual(first); // ... leaves stream b unchanged
    expect(a1()).not.toBe(first[0]);
    expect(stream(2, 'b')()).not.toBe(first[0]);
  });
});

describe('generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = collect(scenario());
    const b = collect(scenario());
    expect(b).toEqual(a);
    const c = collect({ ...scenario(), seed: 8 });
    expect(c.slice(0, 10)).not.toEqual(a.slice(0, 10));
  });

  it('produces nondecreasing integer arrival times in [0, duration) and valid templates', () => {
    const list = collect(scenario('', '  callProbability: 0.3'));
    let last = 0;
    const ids = new Set<number>();
    const visit = (t: Arrival['template'], depth: number) => {
      expect(depth).toBeLessThanOrEqual(3);
      expect(ids.has(t.id)).toBe(false);
      ids.add(t.id);
      expect(Number.isInteger(t.workUs) && t.workUs >= 1).toBe(true);
      expect(t.peakMemoryMB).toBeGreaterThanOrEqual(t.initialMemoryMB);
      expect(Number.isInteger(t.peakMemoryMB)).toBe(true);
      expect(t.tenantId).toBe(t.functionId % 7);
      expect(t.functionId).toBeLessThan(50);
      for (const c of t.children) {
        expect(c.afterWorkUs).toBeGreaterThanOrEqual(0);
        expect(c.afterWorkUs).toBeLessThan(t.workUs);
        visit(c.spec, depth + 1);
      }
    };
    for (const a of list) {
      expect(Number.isInteger(a.arrivalUs)).toBe(true);
      expect(a.arrivalUs).toBeGreaterThanOrEqual(last);
      expect(a.arrivalUs).toBeLessThan(20e6);
      last = a.arrivalUs;
      visit(a.template, 0);
    }
    const withChild = list.filter((a) => a.template.children.length > 0).length / list.length;
    expect(withChild).toBeGreaterThan(0.27);
    expect(withChild).toBeLessThan(0.33);
  });

  it('matches the phase rates within 4 sigma', () => {
    const list = collect(scenario());
    const first = list.filter((a) => a.arrivalUs < 10e6).length;
    const second = list.length - first;
    // Poisson count: mean = rate * length, sd = sqrt(mean).
    expect(Math.abs(first - 20_000)).toBeLessThan(4 * Math.sqrt(20_000));
    expect(Math.abs(second - 5_000)).toBeLessThan(4 * Math.sqrt(5_000));
  });

  it('draws classes by weight', () => {
    const list = collect(scenario());
    const high = list.filter((a) => a.template.declaredClass === 1).length / list.length;
    expect(Math.abs(high - 0.25)).toBeLessThan(0.015);
  });

  it('keeps top-level attributes when children are added (separate child streams)', () => {
    const plain = collect(scenario());
    const calls = collect(scenario('', '  callProbability: 0.5'));
    expect(calls.length).toBe(plain.length);
    for (let i = 0; i < plain.length; i += 97) {
      expect(calls[i].arrivalUs).toBe(plain[i].arrivalUs);
      expect(calls[i].template.workUs).toBe(plain[i].template.workUs);
      expect(calls[i].template.declaredClass).toBe(plain[i].template.declaredClass);
      expect(calls[i].template.functionId).toBe(plain[i].template.functionId);
    }
  });
});
