import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../sim/scenario/parse.ts';
import {
  antagonistsOf,
  type MachineAntagonist,
  memoryEventsFor,
  memoryEventsOf,
  pickMachines,
} from '../../../sim/workload/antagonists.ts';
import { stream } from '../../../sim/workload/streams.ts';

// From the scenario's antagonists to the engine's memory events: deterministic picks, restores, overlaps, and the
// Poisson process.

const RAM = Array.from({ length: 20 }, () => 32768);

const scenario = (antagonists: string, extra: string[] = []) =>
  parseScenario(
    `durationS: 60
cluster: { machines: 20, coresPerMachine: 8, memoryMB: 32768, swapMB: 1000 }
workload: { arrivals: [{ fromS: 0, load: 0.5 }] }
antagonists: ${antagonists}
`,
    'a.yaml',
    extra,
  );

const on = (machineId: number, fromS: number, untilS: number, usableMB: number): MachineAntagonist => ({
  machineId,
  fromUs: fromS * 1e6,
  untilUs: untilS * 1e6,
  usableMB,
});

describe('listed antagonists', () => {
  it('lower the listed machines at atS and restore their RAM at untilS', () => {
    const events = memoryEventsFor(
      scenario('[{ machines: [7, 2], atS: 20, untilS: 40.5, usableMemoryMB: 1000 }]'),
      RAM,
    );
    expect(events).toEqual([
      { atUs: 20e6, machineId: 2, memoryMB: 1000 },
      { atUs: 20e6, machineId: 7, memoryMB: 1000 },
      { atUs: 40.5e6, machineId: 2, memoryMB: 32768 },
      { atUs: 40.5e6, machineId: 7, memoryMB: 32768 },
    ]);
  });

  it('stay to the end without untilS, and take a fraction of each machine rounded down to whole MB', () => {
    const ram = [1001, 2000];
    const s = parseScenario(
      `durationS: 10
cluster: { machineList: [{ cores: 1, memoryMB: 1001, swapMB: 0 }, { cores: 1, memoryMB: 2000, swapMB: 0 }] }
workload: { arrivals: [{ fromS: 0, ratePerS: 1 }] }
antagonists: [{ machines: [0, 1], atS: 0.0000015, usableFraction: 0.5 }]
`,
      'f.yaml',
    );
    expect(memoryEventsFor(s, ram)).toEqual([
      { atUs: 2, machineId: 0, memoryMB: 500 },
      { atUs: 2, machineId: 1, memoryMB: 1000 },
    ]);
  });

  it('pick a fraction of the machines from the seed: the same picks for the same seed, others for another', () => {
    const text = '[{ machines: { fraction: 0.25 }, atS: 20, untilS: 40, usableFraction: 0.5 }]';
    const picked = (seed: number) =>
      memoryEventsFor(scenario(text, [`seed=${seed}`]), RAM)
        .filter((e) => e.atUs === 20e6)
        .map((e) => e.machineId);
    const first = picked(1);
    expect(first).toHaveLength(5);
    expect(new Set(first).size).toBe(5);
    expect(picked(1)).toEqual(first);
    expect(first).toEqual(pickMachines(stream(1, 'antagonists/0/machines'), 0.25, RAM));
    const others = [2, 3, 4, 5].map(picked);
    expect(others.some((p) => p.join() !== first.join())).toBe(true);
    for (const p of others) expect(p).toHaveLength(5);
  });

  it('pick at least one machine, at most all of them, each once', () => {
    expect(pickMachines(stream(1, 'x'), 0.001, RAM)).toHaveLength(1);
    expect(pickMachines(stream(1, 'x'), 1, RAM)).toEqual(RAM.map((_, id) => id));
    expect(pickMachines(stream(1, 'x'), 0.5, [1, 1, 1])).toHaveLength(2); // round(1.5) = 2
  });

  it('pick independently for two entries, and never move the process draws', () => {
    const entry = (atS: number) => `{ machines: { fraction: 0.25 }, atS: ${atS}, usableFraction: 0 }`;
    const two = `[${entry(1)}, ${entry(2)}]`;
    const s = scenario(two);
    const machinesAt = (atUs: number) =>
      antagonistsOf(s, RAM)
        .filter((a) => a.fromUs === atUs)
        .map((a) => a.machineId);
    expect(machinesAt(1e6)).not.toEqual(machinesAt(2e6));
    const process = 'antagonistProcess={ratePerS: 0.5, durationS: 3, depth: 0.5}';
    const alone = antagonistsOf(scenario('[]', [process]), RAM);
    const withListed = antagonistsOf(scenario(two, [process]), RAM).slice(10);
    expect(withListed).toEqual(alone);
  });
});

describe('overlapping antagonists', () => {
  const ram = [10_000];
  it('leave the minimum of what the active ones leave, and emit only changes', () => {
    const events = memoryEventsOf([on(0, 10, 30, 6000), on(0, 20, 40, 4000), on(0, 25, 35, 5000)], ram);
    expect(events).toEqual([
      { atUs: 10e6, machineId: 0, memoryMB: 6000 },
      { atUs: 20e6, machineId: 0, memoryMB: 4000 }, // 25 s: the 5000 MB one hides under the 4000 MB one
      { atUs: 40e6, machineId: 0, memoryMB: 10_000 },
    ]);
  });

  it('hand over at the same microsecond without a restore in between', () => {
    expect(memoryEventsOf([on(0, 1, 2, 3000), on(0, 2, 3, 5000)], ram)).toEqual([
      { atUs: 1e6, machineId: 0, memoryMB: 3000 },
      { atUs: 2e6, machineId: 0, memoryMB: 5000 },
      { atUs: 3e6, machineId: 0, memoryMB: 10_000 },
    ]);
  });

  it('ignore an antagonist that lasts no time or leaves the whole RAM', () => {
    expect(memoryEventsOf([on(0, 5, 5, 0), on(0, 6, 7, 10_000)], ram)).toEqual([]);
  });

  it('keep an endless one under later ones', () => {
    const endless: MachineAntagonist = { machineId: 0, fromUs: 0, untilUs: Infinity, usableMB: 7000 };
    expect(memoryEventsOf([endless, on(0, 1, 2, 2000)], ram)).toEqual([
      { atUs: 0, machineId: 0, memoryMB: 7000 },
      { atUs: 1e6, machineId: 0, memoryMB: 2000 },
      { atUs: 2e6, machineId: 0, memoryMB: 7000 },
    ]);
  });
});

describe('the antagonist process', () => {
  const process = (spec: string, seed = 1) => scenario('[]', [`antagonistProcess=${spec}`, `seed=${seed}`]);

  it('draws Poisson arrivals over the arrival window on uniformly chosen machines', () => {
    const list = antagonistsOf(process('{ratePerS: 20, durationS: 0.5, depth: 0.25}'), RAM);
    // 1200 expected over 60 s; 4 standard deviations is about 140.
    expect(Math.abs(list.length - 1200)).toBeLessThan(140);
    expect(list.every((a) => a.fromUs >= 0 && a.fromUs < 60e6)).toBe(true);
    expect(list.every((a, i) => i === 0 || a.fromUs >= list[i - 1].fromUs)).toBe(true);
    expect(list.every((a) => a.untilUs - a.fromUs === 500_000 && a.usableMB === 8192)).toBe(true);
    const perMachine = RAM.map((_, id) => list.filter((a) => a.machineId === id).length);
    expect(Math.min(...perMachine)).toBeGreaterThan(30); // 60 expected on each of the 20
  });

  it('clamps depth draws to [0, 1] and draws durations from their distribution', () => {
    const list = antagonistsOf(
      process('{ratePerS: 5, durationS: {dist: uniform, min: 1, max: 3}, depth: {dist: normal, mean: 0.95, sd: 0.2}}'),
      RAM,
    );
    expect(list.some((a) => a.usableMB === 32768)).toBe(true);
    expect(list.every((a) => a.usableMB >= 0 && a.usableMB <= 32768)).toBe(true);
    const lengthsS = list.map((a) => (a.untilUs - a.fromUs) / 1e6);
    expect(Math.min(...lengthsS)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...lengthsS)).toBeLessThanOrEqual(3);
  });

  it('is the same for the same seed and differs for another', () => {
    const spec = '{ratePerS: 1, durationS: {dist: exponential, mean: 5}, depth: 0.5}';
    const a = memoryEventsFor(process(spec, 7), RAM);
    expect(memoryEventsFor(process(spec, 7), RAM)).toEqual(a);
    expect(memoryEventsFor(process(spec, 8), RAM)).not.toEqual(a);
    expect(a.every((e, i) => i === 0 || e.atUs >= a[i - 1].atUs)).toBe(true);
  });
});
