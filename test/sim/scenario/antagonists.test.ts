import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario } from '../../../sim/scenario/parse.ts';
import { InputError } from '../../../sim/util/errors.ts';

// The scenario's `antagonists:` list and `antagonistProcess:`: what loads, and one line naming the field for what
// does not.

const BASE = `
durationS: 60
cluster: { machines: 4, coresPerMachine: 2, memoryMB: 8192, swapMB: 10000, shards: 2 }
workload: { arrivals: [{ fromS: 0, load: 0.5 }] }
antagonists:
  - { machines: [0, 3], atS: 20, untilS: 40, usableMemoryMB: 4096 }
  - { machines: { fraction: 0.5 }, atS: 0, usableFraction: 0.25 }
antagonistProcess: { ratePerS: 0.2, durationS: { dist: exponential, mean: 10 }, depth: 0.5 }
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

describe('antagonists in scenarios', () => {
  it('loads listed antagonists and the process as written', () => {
    const s = parseScenario(BASE, 'ok.yaml');
    expect(s.antagonists).toEqual([
      { machines: [0, 3], atS: 20, untilS: 40, usableMemoryMB: 4096 },
      { machines: { fraction: 0.5 }, atS: 0, usableFraction: 0.25 },
    ]);
    expect(s.antagonistProcess).toEqual({
      ratePerS: 0.2,
      durationS: { dist: 'exponential', mean: 10 },
      depth: { dist: 'deterministic', value: 0.5 },
    });
  });

  it('has none by default, and --set antagonists=[] removes the list', () => {
    const none = parseScenario(BASE.slice(0, BASE.indexOf('antagonists:')), 'none.yaml');
    expect(none.antagonists).toEqual([]);
    expect(none.antagonistProcess).toBeUndefined();
    expect(parseScenario(BASE, 'ok.yaml', ['antagonists=[]']).antagonists).toEqual([]);
  });

  it('accepts a depth distribution within [0, 1] and usableMemoryMB on unbounded machines', () => {
    const depth = parseScenario(BASE, 'ok.yaml', ['antagonistProcess.depth={dist: uniform, min: 0.2, max: 0.9}']);
    expect(depth.antagonistProcess?.depth).toEqual({ dist: 'uniform', min: 0.2, max: 0.9 });
    const unbounded = parseScenario(BASE, 'ok.yaml', [
      'cluster.memoryMB=unbounded',
      'antagonists=[{machines: [1], atS: 1, usableMemoryMB: 100}]',
      'antagonistProcess=null',
    ]);
    expect(unbounded.antagonists[0].usableMemoryMB).toBe(100);
  });

  it('checks machine ids against a machineList', () => {
    const list =
      'cluster: { machineList: [{ cores: 1, memoryMB: 1000, swapMB: 0 }, { cores: 1, memoryMB: 500, swapMB: 0 }] }';
    const text = `durationS: 5\n${list}\nworkload: { arrivals: [{ fromS: 0, ratePerS: 1 }] }\n`;
    const ok = `${text}antagonists: [{ machines: [1], atS: 0, usableMemoryMB: 500 }]\n`;
    expect(parseScenario(ok, 'list.yaml').antagonists).toHaveLength(1);
    expect(errorOf(ok.replace('usableMemoryMB: 500', 'usableMemoryMB: 501'))).toBe(
      'bad.yaml: antagonists[0].usableMemoryMB: at most the RAM of machine 1 (500 MB), got 501',
    );
  });

  const cases: [string, string[], string][] = [
    [
      'an id past the last machine',
      ['antagonists[0].machines=[0, 4]'],
      'antagonists[0].machines[1]: a machine id in 0..3, got 4',
    ],
    [
      'a repeated id',
      ['antagonists[0].machines=[2, 2]'],
      'antagonists[0].machines[1]: a machine id not listed before, got 2',
    ],
    [
      'no machines',
      ['antagonists[0].machines=[]'],
      'antagonists[0].machines: a list with >= 1 entries, got an array of 0',
    ],
    [
      'a fraction above 1',
      ['antagonists[1].machines={fraction: 1.5}'],
      'antagonists[1].machines.fraction: a number <= 1, got 1.5',
    ],
    [
      'a fraction of 0',
      ['antagonists[1].machines={fraction: 0}'],
      'antagonists[1].machines.fraction: a number > 0, got 0',
    ],
    [
      'a typo in the fraction',
      ['antagonists[1].machines={frac: 0.5}'],
      "antagonists[1].machines: only known keys, got unknown key 'frac'",
    ],
    [
      'machines as a number',
      ['antagonists[0].machines=3'],
      'antagonists[0].machines: a list of machine ids or { fraction }, got 3',
    ],
    [
      'both kinds of usable memory',
      ['antagonists[0].usableFraction=0.5'],
      'antagonists[0]: exactly one of usableMemoryMB or usableFraction, got both',
    ],
    [
      'neither kind of usable memory',
      ['antagonists[0]={machines: [0], atS: 1}'],
      'antagonists[0]: exactly one of usableMemoryMB or usableFraction, got neither',
    ],
    [
      'usable memory above the RAM',
      ['antagonists[0].usableMemoryMB=9000'],
      'antagonists[0].usableMemoryMB: at most the RAM of machine 0 (8192 MB), got 9000',
    ],
    ['fractional MB', ['antagonists[0].usableMemoryMB=10.5'], 'antagonists[0].usableMemoryMB: an integer, got 10.5'],
    [
      'a usable fraction above 1',
      ['antagonists[1].usableFraction=2'],
      'antagonists[1].usableFraction: a number <= 1, got 2',
    ],
    ['a negative start', ['antagonists[0].atS=-1'], 'antagonists[0].atS: a number >= 0, got -1'],
    [
      'a start after the arrival window',
      ['antagonists[0].atS=60'],
      'antagonists[0].atS: a time before durationS (60 s: the arrival window), got 60',
    ],
    ['an end before the start', ['antagonists[0].untilS=20'], 'antagonists[0].untilS: a time after atS (20), got 20'],
    ['an unknown key', ['antagonists[0].depth=1'], "antagonists[0]: only known keys, got unknown key 'depth'"],
    ['antagonists not a list', ['antagonists=3'], 'antagonists: a list, got 3'],
    [
      'a fraction of unbounded RAM',
      ['cluster.memoryMB=unbounded', 'antagonistProcess=null', 'antagonists[0].usableMemoryMB=1'],
      'antagonists[1].usableFraction: usableMemoryMB instead (machine 0 has unbounded RAM, so a fraction of it is ' +
        'unbounded), got 0.25',
    ],
    ['a zero rate', ['antagonistProcess.ratePerS=0'], 'antagonistProcess.ratePerS: a number > 0, got 0'],
    [
      'a missing duration',
      ['antagonistProcess={ratePerS: 1, depth: 0.5}'],
      'antagonistProcess.durationS: a number or a distribution { dist: ' +
        'deterministic|exponential|uniform|normal|lognormal|pareto, ... }, got nothing',
    ],
    [
      'an unknown duration distribution',
      ['antagonistProcess.durationS={dist: gamma}'],
      'antagonistProcess.durationS.dist: one of deterministic, exponential, uniform, normal, lognormal, pareto, ' +
        'got "gamma"',
    ],
    [
      'a depth above 1',
      ['antagonistProcess.depth=1.5'],
      'antagonistProcess.depth: a fraction of RAM left usable, in [0, 1], got 1.5',
    ],
    [
      'a depth distribution reaching above 1',
      ['antagonistProcess.depth={dist: uniform, min: 0.5, max: 2}'],
      'antagonistProcess.depth.max: a fraction of RAM left usable, in [0, 1], got 2',
    ],
    [
      'a process on unbounded RAM',
      ['cluster.memoryMB=unbounded', 'antagonists=[]'],
      'antagonistProcess: machines with bounded RAM (depth is a fraction of it), got machine 0 with unbounded RAM',
    ],
    [
      'an unknown process key',
      ['antagonistProcess.machines=[1]'],
      "antagonistProcess: only known keys, got unknown key 'machines'",
    ],
  ];

  it.each(cases)('refuses %s', (_label, sets, message) => {
    expect(errorOf(BASE, sets)).toBe(`bad.yaml: ${message}`);
  });

  it('loads the antagonists fixture, and without antagonists by --set antagonists=[]', () => {
    const s = loadScenario('fixtures/scenarios/antagonists.yaml');
    expect(s.antagonists).toEqual([{ machines: { fraction: 0.3 }, atS: 15, untilS: 30, usableFraction: 0.5 }]);
    expect(s.cluster).toMatchObject({ machines: 10, coresPerMachine: 8, memoryMB: 32768, swapMB: 204800 });
    expect(s.model).toMatchObject({ memoryGrowth: 'front' });
    expect(loadScenario('fixtures/scenarios/antagonists.yaml', ['antagonists=[]']).antagonists).toEqual([]);
  });
});
