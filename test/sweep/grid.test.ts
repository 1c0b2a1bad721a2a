import { describe, expect, it } from 'vitest';
import { axisValues, displayValue, expandGrid } from '../../sim/sweep/grid.ts';
import { loadSweepPlan } from '../../sim/sweep/plan.ts';
import { BASE, TINY, tempDir, writeSweep } from './helpers.ts';

describe('grid expansion', () => {
  it('is the cartesian product in file order, last key fastest', () => {
    const points = expandGrid('s.yaml', [
      { key: 'a', values: [1, 2] },
      { key: 'b', values: ['x', 'y', 'z'] },
    ]);
    expect(points.map((p) => p.map((a) => `${a.key}=${a.value}`).join(','))).toEqual([
      'a=1,b=x',
      'a=1,b=y',
      'a=1,b=z',
      'a=2,b=x',
      'a=2,b=y',
      'a=2,b=z',
    ]);
  });

  it('expands integer ranges and float steps without float noise', () => {
    expect(axisValues('s.yaml', 'seed', '1..5')).toEqual([1, 2, 3, 4, 5]);
    expect(axisValues('s.yaml', 'x', { from: 0.5, to: 1.3, step: 0.1 })).toEqual([
      0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3,
    ]);
  });

  it('plans the tiny fixture: 8 points, seeds innermost, stable hashes', () => {
    const a = loadSweepPlan(TINY);
    const b = loadSweepPlan(TINY);
    expect(a.points).toHaveLength(8);
    expect(a.points.map((p) => p.scenario.seed)).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    expect(a.points.map((p) => p.scenario.policies[0].name)).toEqual([
      'xx',
      'xx',
      'hermod',
      'hermod',
      'xx',
      'xx',
      'hermod',
      'hermod',
    ]);
    expect(a.points[4].scenario.workload.arrivals[0].load).toBe(1.1);
    expect(a.hash).toBe(b.hash);
    expect(new Set(a.points.map((p) => p.hash)).size).toBe(8);
  });

  it('a changed grid changes the point hashes it touches and the sweep hash', () => {
    const dir = tempDir();
    const one = loadSweepPlan(writeSweep(dir, 'a.yaml', `${BASE}\ngrid:\n  seed: [1, 2]\n`));
    const two = loadSweepPlan(writeSweep(dir, 'b.yaml', `${BASE}\ngrid:\n  seed: [1, 3]\n`));
    expect(two.points[0].hash).toBe(one.points[0].hash);
    expect(two.points[1].hash).not.toBe(one.points[1].hash);
    expect(two.hash).not.toBe(one.hash);
  });

  it('displays policies by name and structured values as JSON', () => {
    expect(displayValue('policies', { name: 'xx', k: 3 })).toBe('xx');
    expect(displayValue('policies', [{ name: 'xx', label: 'xx-k3' }, 'hermod'])).toBe('xx-k3+hermod');
    expect(displayValue('cluster', { machines: 2 })).toBe('{"machines":2}');
    expect(displayValue('seed', 3)).toBe('3');
  });
});
