import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../sim/scenario/parse.ts';
import { runCli, scratchFiles } from '../../cli/run-cli.ts';

// workload.invocations: a valid file loads; every malformed variant is one line naming the file and the field,
// exit code 2 and nothing written (through the real CLI).

const { dir, file } = scratchFiles('priceclass-invocations-');

const HEAD = 'durationS: 2\ncluster: { machines: 1, coresPerMachine: 2, memoryMB: 10000, swapMB: 100000, shards: 1 }\n';

/** A scenario whose workload is `invocations` (YAML flow list) plus `extra` workload lines. */
function scenario(invocations: string, extra = ''): string {
  return `${HEAD}workload:\n  invocations: ${invocations}\n${extra}`;
}

const HIGH = '{ atS: 0, class: high, runtimeS: 10, memoryMB: 5000 }';

describe('workload.invocations in a scenario file', () => {
  it('loads the memory-inversion fixture: defaults filled, memoryMB as { initial, peak }', () => {
    const s = loadScenario('fixtures/scenarios/memory-inversion.yaml');
    expect(s.workload.arrivals).toEqual([]);
    expect(s.workload.invocations).toEqual([
      { atS: 0, class: 'high', runtimeS: 10, memoryMB: { initial: 5000, peak: 5000 }, children: [] },
      { atS: 0, class: 'high', runtimeS: 10, memoryMB: { initial: 6000, peak: 6000 }, children: [] },
      { atS: 1, class: 'low', runtimeS: 20, memoryMB: { initial: 5000, peak: 5000 }, children: [] },
    ]);
  });

  it('accepts children (nested), classes by index, tenants and functions', () => {
    const text = scenario(
      '[{ atS: 0.5, class: 1, runtimeS: 1, memoryMB: { initial: 100, peak: 300 }, tenant: 2, function: 9, ' +
        'children: [{ afterS: 0, class: low, runtimeS: 2, memoryMB: 50 }, ' +
        '{ afterS: 1, class: 0, runtimeS: 1, memoryMB: 50, ' +
        'children: [{ afterS: 1, class: 1, runtimeS: 3, memoryMB: 1 }] }] }]',
    );
    const s = loadScenario(file('ok.yaml', text));
    expect(s.workload.invocations?.[0].children[1].children[0]).toEqual({
      afterS: 1,
      class: 1,
      runtimeS: 3,
      memoryMB: { initial: 1, peak: 1 },
      children: [],
    });
  });

  const child = (c: string) =>
    `[${HIGH}, ${HIGH}, { atS: 1, class: low, runtimeS: 5, memoryMB: 10, children: [${c}] }]`;
  const cases: [string, string, string][] = [
    [
      'unknown class name of a child',
      scenario(child('{ afterS: 1, class: mid, runtimeS: 1, memoryMB: 10 }')),
      'workload.invocations[2].children[0].class: one of low, high or an index 0..1, got "mid"',
    ],
    [
      'class index beyond the table',
      scenario('[{ atS: 0, class: 2, runtimeS: 1, memoryMB: 10 }]'),
      'workload.invocations[0].class: one of low, high or an index 0..1, got 2',
    ],
    [
      'class of the wrong type',
      scenario('[{ atS: 0, class: true, runtimeS: 1, memoryMB: 10 }]'),
      'workload.invocations[0].class: a class name or index, got true',
    ],
    [
      'arrival at durationS',
      scenario(`[${HIGH}, { atS: 2, class: high, runtimeS: 1, memoryMB: 10 }]`),
      'workload.invocations[1].atS: a time before durationS (2 s: the arrival window), got 2',
    ],
    [
      'invocations not listed by atS',
      scenario(`[{ atS: 1, class: low, runtimeS: 1, memoryMB: 10 }, ${HIGH}]`),
      "workload.invocations[1].atS: a time >= the previous invocation's 1 (listed by atS), got 0",
    ],
    [
      'child started after its parent ends',
      scenario(child('{ afterS: 6, class: low, runtimeS: 1, memoryMB: 10 }')),
      "workload.invocations[2].children[0].afterS: a time in [0, 5] (the parent's runtimeS), got 6",
    ],
    [
      'children not listed by afterS',
      scenario(
        child(
          '{ afterS: 3, class: low, runtimeS: 1, memoryMB: 10 }, { afterS: 2, class: low, runtimeS: 1, memoryMB: 10 }',
        ),
      ),
      "workload.invocations[2].children[1].afterS: a time >= the previous child's 3 (children listed by afterS), got 2",
    ],
    [
      'peak below initial',
      scenario('[{ atS: 0, class: low, runtimeS: 1, memoryMB: { initial: 500, peak: 100 } }]'),
      'workload.invocations[0].memoryMB.peak: a peak >= initial (500), got 100',
    ],
    [
      'fractional memory',
      scenario('[{ atS: 0, class: low, runtimeS: 1, memoryMB: 1.5 }]'),
      'workload.invocations[0].memoryMB: a whole number of MB (>= 0) or { initial, peak }, got 1.5',
    ],
    [
      'memory pair without peak',
      scenario('[{ atS: 0, class: low, runtimeS: 1, memoryMB: { initial: 100 } }]'),
      'workload.invocations[0].memoryMB.peak: a number, got nothing',
    ],
    [
      'zero runtime',
      scenario('[{ atS: 0, class: low, runtimeS: 0, memoryMB: 10 }]'),
      'workload.invocations[0].runtimeS: a number > 0, got 0',
    ],
    [
      'misspelled field',
      scenario('[{ atS: 0, class: low, runtime: 1, memoryMB: 10 }]'),
      "workload.invocations[0]: only known keys, got unknown key 'runtime'",
    ],
    [
      'negative tenant',
      scenario('[{ atS: 0, class: low, runtimeS: 1, memoryMB: 10, tenant: -1 }]'),
      'workload.invocations[0].tenant: a number >= 0, got -1',
    ],
    ['empty list', scenario('[]'), 'workload.invocations: a list with >= 1 entries, got an array of 0'],
    [
      'arrivals and invocations together',
      scenario(`[${HIGH}]`, '  arrivals: [{ fromS: 0, load: 0.5 }]\n'),
      'workload: exactly one of arrivals (a synthetic Poisson workload), trace (a real trace) or invocations ' +
        '(written out), got two',
    ],
    [
      'a generator field next to invocations',
      scenario(`[${HIGH}]`, '  classWeights: [1, 1]\n'),
      'workload.classWeights: nothing next to invocations (each invocation gives its own class), got an array of 2',
    ],
  ];

  it.each(cases)('%s: one line, exit 2, nothing written', async (label, text, message) => {
    const name = `${label.replace(/\W+/g, '-')}.yaml`;
    const path = file(name, text);
    const out = join(dir, `out-${name}`);
    const r = await runCli(['run', path, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${path}: ${message}\n`);
    expect(existsSync(out)).toBe(false);
  });
});
