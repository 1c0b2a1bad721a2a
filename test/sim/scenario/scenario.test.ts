import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario } from '../../../sim/scenario/parse.ts';
import { applySet } from '../../../sim/scenario/set.ts';
import { InputError } from '../../../sim/util/errors.ts';

const BASE = `
durationS: 120
warmupS: 10
cluster: { machines: 100, coresPerMachine: 8, memoryMB: unbounded, shards: 4 }
priceClasses: [{ name: low, pricePerCpuS: 0.5 }, { name: high, pricePerCpuS: 2.0 }]
workload:
  arrivals: [{ fromS: 0, load: 0.7 }, { fromS: 50, ratePerS: 100 }]
  runtimeS: { dist: pareto, alpha: 2.5, xm: { dist: normal, mean: 0.05, sd: 0.01 } }
  classWeights: [0.6, 0.4]
`;

function errorOf(text: string, sets: string[] = []): string {
  try {
    parseScenario(text, 'bad.yaml', sets);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected an InputError');
}

describe('scenario loading', () => {
  it('fills defaults and resolves load to a rate', () => {
    const s = parseScenario(BASE, 'dir/spike.yaml');
    expect(s.name).toBe('spike');
    expect(s.seed).toBe(1);
    expect(s.tickS).toBe(1);
    expect(s.drain).toBe(true);
    expect(s.cluster.memoryMB).toBe(Infinity);
    expect(s.policies).toEqual([{ name: 'xx' }]);
    expect(s.workload.functions).toBe(1000);
    expect(s.workload.tenants).toBe(1000);
    expect(s.workload.memoryMB.initial).toBe(100);
    // E[runtime] = 2.5 * E[xm] / 1.5 with E[xm] = 0.05 (truncation at 0 moves it by 3e-7 relative at 5 sd).
    const expected = (0.7 * 800) / ((2.5 * 0.05) / 1.5);
    expect(Math.abs(s.workload.arrivals[0].ratePerS / expected - 1)).toBeLessThan(1e-6);
    expect(s.workload.arrivals[1]).toEqual({ fromS: 50, ratePerS: 100 });
  });

  it('loads and validates the paper fixtures', () => {
    const fig3 = loadScenario('fixtures/paper/fig3.yaml');
    expect(fig3.policies).toEqual([
      { name: 'xx', idleList: false, k: 3 },
      { name: 'hermod', k: 3 },
    ]);
    expect(fig3.cluster).toEqual({ machines: 100, coresPerMachine: 8, memoryMB: Infinity, swapMB: 0, shards: 4 });
    expect(fig3.workload.arrivals.map((p) => p.fromS)).toEqual([0, 50, 80]);
    expect(fig3.workload.classWeights.length).toBe(fig3.priceClasses.length);
    const fig4 = loadScenario('fixtures/paper/fig4.yaml');
    expect(fig4.cluster.memoryMB).toBe(32768);
    expect(fig4.cluster.swapMB).toBe(512000);
    expect(fig4.workload.memoryMB).toEqual({ initial: 100, peak: { dist: 'uniform', min: 100, max: 10000 } });
  });

  const cases: [string, string, RegExp][] = [
    ['bad YAML', 'durationS: [1,\n', /^bad\.yaml:\d+:\d+: /],
    ['wrong type', BASE.replace('durationS: 120', 'durationS: "long"'), /^bad\.yaml: durationS: a number, got "long"$/],
    ['unknown key', `${BASE}\nfoo: 1`, /^bad\.yaml: \(top level\): only known keys, got unknown key 'foo'$/],
    [
      'unknown nested key',
      BASE.replace('shards: 4', 'shards: 4, shard: 2'),
      /^bad\.yaml: cluster: only known keys, got unknown key 'shard'$/,
    ],
    [
      'unknown distribution',
      BASE.replace('dist: pareto', 'dist: gamma'),
      /^bad\.yaml: workload\.runtimeS\.dist: one of .*pareto.*, got "gamma"$/,
    ],
    [
      'nested bad parameter',
      BASE.replace('sd: 0.01', 'sd: -1'),
      /^bad\.yaml: workload\.runtimeS\.xm\.sd: a finite number >= 0, got -1$/,
    ],
    [
      'zero load',
      BASE.replace('load: 0.7', 'load: 0'),
      /^bad\.yaml: workload\.arrivals\[0\]\.load: a number > 0, got 0$/,
    ],
    [
      'negative rate',
      BASE.replace('ratePerS: 100', 'ratePerS: -5'),
      /^bad\.yaml: workload\.arrivals\[1\]\.ratePerS: a number > 0, got -5$/,
    ],
    [
      'both rate and load',
      BASE.replace('ratePerS: 100', 'ratePerS: 100, load: 1'),
      /^bad\.yaml: workload\.arrivals\[1\]: exactly one of ratePerS or load, got both$/,
    ],
    [
      'weights length',
      BASE.replace('[0.6, 0.4]', '[1, 1, 1]'),
      /^bad\.yaml: workload\.classWeights: 2 weights \(one per price class\), got 3$/,
    ],
    [
      'weights sum 0',
      BASE.replace('[0.6, 0.4]', '[0, 0]'),
      /^bad\.yaml: workload\.classWeights: weights with a positive sum, got sum 0$/,
    ],
    [
      'zero machines',
      BASE.replace('machines: 100', 'machines: 0'),
      /^bad\.yaml: cluster\.machines: a number >= 1, got 0$/,
    ],
    [
      'fractional machines',
      BASE.replace('machines: 100', 'machines: 1.5'),
      /^bad\.yaml: cluster\.machines: an integer, got 1\.5$/,
    ],
    [
      'warmup >= duration',
      BASE.replace('warmupS: 10', 'warmupS: 120'),
      /^bad\.yaml: warmupS: a number < durationS \(120\), got 120$/,
    ],
    [
      'phases unsorted',
      BASE.replace('fromS: 50', 'fromS: 0'),
      /^bad\.yaml: workload\.arrivals\[1\]\.fromS: a time after the previous phase's 0 .*, got 0$/,
    ],
    [
      'first phase not at 0',
      BASE.replace('fromS: 0,', 'fromS: 5,'),
      /^bad\.yaml: workload\.arrivals\[0\]\.fromS: 0 \(the first phase starts at 0\), got 5$/,
    ],
    [
      'unknown policy',
      `${BASE}\npolicies: [xx, fifo]`,
      /^bad\.yaml: policies\[1\]: one of xx, hermod, openwhisk, knative, got "fifo"$/,
    ],
    [
      'unknown policy object',
      `${BASE}\npolicies: [{ name: lottery, k: 2 }]`,
      /^bad\.yaml: policies\[0\]\.name: one of xx, hermod, openwhisk, knative, got "lottery"$/,
    ],
    [
      'alpha <= 1 with load',
      BASE.replace('alpha: 2.5', 'alpha: 1'),
      /^bad\.yaml: workload\.runtimeS\.alpha: alpha > 1 when arrivals use load .*, got 1$/,
    ],
    [
      'memory not a number',
      BASE.replace('memoryMB: unbounded', 'memoryMB: lots'),
      /^bad\.yaml: cluster\.memoryMB: a positive number or "unbounded", got "lots"$/,
    ],
    [
      'missing arrivals',
      'durationS: 10\nworkload: {}',
      /^bad\.yaml: workload: exactly one of arrivals \(.*\), trace \(.*\) or invocations \(.*\), got none$/,
    ],
    ['not a mapping', '- 1\n- 2', /^bad\.yaml: \(top level\): a mapping, got an array of 2$/],
    [
      'unordered prices',
      BASE.replace('pricePerCpuS: 2.0', 'pricePerCpuS: 0.1'),
      /^bad\.yaml: priceClasses\[1\]\.pricePerCpuS: a price above .*, got 0\.1$/,
    ],
    [
      'uniform min > max',
      `${BASE}\n  memoryMB: { peak: { dist: uniform, min: 10, max: 1 } }`,
      /^bad\.yaml: workload\.memoryMB\.peak\.max: a number >= min \(10\), got 1$/,
    ],
  ];
  it.each(cases)('rejects %s with a one-line InputError', (_label, text, expected) => {
    expect(errorOf(text)).toMatch(expected);
  });

  it('reports an unreadable file as an InputError', () => {
    expect(() => loadScenario('/nonexistent/x.yaml')).toThrow(InputError);
  });

  it('never throws anything but InputError on junk', () => {
    const junk = [
      '',
      '~',
      '{',
      ']]',
      '&a [*a]',
      'a: &x 1\nb: *y',
      '!!binary xx',
      '"\\',
      'durationS: .nan',
      'durationS: 1e400',
      '__proto__: {polluted: 1}',
      `${'['.repeat(5000)}`,
      `workload: {runtimeS: ${'{dist: normal, mean: '.repeat(10)}1${', sd: 1}'.repeat(10)}}}`,
    ];
    for (const text of junk) {
      try {
        parseScenario(text, 'junk.yaml');
      } catch (err) {
        expect(err, text).toBeInstanceOf(InputError);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('applySet', () => {
  it('overrides a nested field before validation', () => {
    const s = parseScenario(BASE, 'x.yaml', [
      'workload.arrivals[1].ratePerS=250',
      'cluster.memoryMB=32768',
      'policies=[xx, {name: hermod, k: 2}]',
      'model.memoryGrowthSteps=3',
    ]);
    expect(s.workload.arrivals[1].ratePerS).toBe(250);
    expect(s.cluster.memoryMB).toBe(32768);
    expect(s.policies).toEqual([{ name: 'xx' }, { name: 'hermod', k: 2 }]);
    expect(s.model.memoryGrowthSteps).toBe(3);
  });

  it('does not modify its input', () => {
    const raw = { a: { b: 1 } };
    expect(applySet(raw, 'a.b=2')).toEqual({ a: { b: 2 } });
    expect(raw).toEqual({ a: { b: 1 } });
  });

  it('validates the overridden value like the file', () => {
    expect(errorOf(BASE, ['workload.arrivals[0].load=-1'])).toBe(
      'bad.yaml: workload.arrivals[0].load: a number > 0, got -1',
    );
  });

  it.each([
    ['no equals sign', 'durationS'],
    ['bad path', 'workload..arrivals=1'],
    ['index into a mapping', 'cluster[0]=1'],
    ['key into a list', 'workload.arrivals.fromS=1'],
    ['index far past the end', 'workload.arrivals[9].load=1'],
    ['into a scalar', 'durationS.x=1'],
    ['prototype', '__proto__.x=1'],
    ['bad YAML value', 'durationS=[1,'],
  ])('rejects %s naming --set', (_label, assignment) => {
    expect(errorOf(BASE, [assignment])).toMatch(/^--set/);
  });
});
