import { describe, expect, it } from 'vitest';
import { startPolicyRun } from '../../../sim/run/run-policy.ts';
import { loadScenario, parseScenario } from '../../../sim/scenario/parse.ts';
import type { ExplicitInvocationSpec } from '../../../sim/scenario/types.ts';
import { createExplicitWorkload, explicitArrivals } from '../../../sim/workload/explicit.ts';
import type { Arrival, WorkloadSource } from '../../../sim/workload/source.ts';

// Explicit invocations to the model's templates: times in integer us, classes by name or index, memory pairs,
// tenant and function defaults, children with their afterWorkUs, ids depth first.

const CLASSES = ['low', 'mid', 'high'];
const mb = (initial: number, peak = initial) => ({ initial, peak });

function drain(source: WorkloadSource): Arrival[] {
  const out: Arrival[] = [];
  for (let a = source.next(); a !== null; a = source.next()) out.push(a);
  return out;
}

describe('explicitArrivals', () => {
  const invocations: ExplicitInvocationSpec[] = [
    {
      atS: 0.25,
      class: 'high',
      runtimeS: 2,
      memoryMB: mb(100, 400),
      tenant: 3,
      children: [
        {
          afterS: 0.5,
          class: 0,
          runtimeS: 1e-9,
          memoryMB: mb(10),
          children: [{ afterS: 0, class: 'mid', runtimeS: 0.1234567, memoryMB: mb(1), children: [] }],
        },
        { afterS: 2, class: 'low', runtimeS: 1, memoryMB: mb(20), children: [] },
      ],
    },
    { atS: 1.0000004, class: 1, runtimeS: 3, memoryMB: mb(7), function: 42, children: [] },
  ];
  const [first, second] = explicitArrivals(invocations, CLASSES);

  it('converts times, classes (by name or index) and memory', () => {
    expect(first.arrivalUs).toBe(250_000);
    expect(second.arrivalUs).toBe(1_000_000); // round(atS * 1e6)
    expect(first.template).toMatchObject({
      declaredClass: 2,
      workUs: 2_000_000,
      initialMemoryMB: 100,
      peakMemoryMB: 400,
    });
    expect(second.template).toMatchObject({ declaredClass: 1, workUs: 3_000_000, initialMemoryMB: 7, peakMemoryMB: 7 });
  });

  it('numbers ids depth first: a parent, then its children in order, then the next invocation', () => {
    const [c0, c1] = first.template.children;
    expect([first.template.id, c0.spec.id, c0.spec.children[0].spec.id, c1.spec.id, second.template.id]).toEqual([
      0, 1, 2, 3, 4,
    ]);
  });

  it('gives children afterWorkUs = round(afterS * 1e6), up to the parent workUs, and a work of at least 1 us', () => {
    const [c0, c1] = first.template.children;
    expect([c0.afterWorkUs, c1.afterWorkUs]).toEqual([500_000, 2_000_000]);
    expect(c0.spec).toMatchObject({ declaredClass: 0, workUs: 1 });
    expect(c0.spec.children[0]).toMatchObject({ afterWorkUs: 0, spec: { declaredClass: 1, workUs: 123_457 } });
  });

  it('defaults tenant to 0 and function to the index; children share their parent tenant and function', () => {
    expect([first.template.tenantId, first.template.functionId]).toEqual([3, 0]);
    expect([second.template.tenantId, second.template.functionId]).toEqual([0, 42]);
    const grandchild = first.template.children[0].spec.children[0].spec;
    expect([grandchild.tenantId, grandchild.functionId]).toEqual([3, 0]);
  });
});

describe('createExplicitWorkload', () => {
  it('hands out the invocations in order, then null', () => {
    const s = loadScenario('fixtures/scenarios/memory-inversion.yaml');
    const arrivals = drain(createExplicitWorkload(s));
    expect(arrivals.map((a) => [a.arrivalUs, a.template.declaredClass, a.template.peakMemoryMB])).toEqual([
      [0, 1, 5000],
      [0, 1, 6000],
      [1_000_000, 0, 5000],
    ]);
  });

  it('runs end to end: every invocation (children included) completes when drained', () => {
    const text = [
      'durationS: 1',
      'cluster: { machines: 1, coresPerMachine: 1, shards: 1 }',
      'workload:',
      '  invocations:',
      '    - { atS: 0, class: low, runtimeS: 0.5, memoryMB: 10,',
      '        children: [{ afterS: 0.25, class: high, runtimeS: 0.1, memoryMB: 10 }] }',
      '    - { atS: 0.5, class: 1, runtimeS: 0.2, memoryMB: 10 }',
    ].join('\n');
    const scenario = parseScenario(text, 'tiny.yaml');
    const run = startPolicyRun(scenario, 0, 'tiny.yaml');
    while (!run.simulation.advance(1000));
    const result = run.finish();
    expect([result.summary.arrived, result.summary.completed, result.summary.killed]).toEqual([3, 3, 0]);
  });
});
