import { describe, expect, it } from 'vitest';
import { rowOf, tally } from '../../../sim/report/kill-causes.ts';

// sim/report/kill-causes.ts, on Figure 4's scenario cut down to 2 machines and 8 s: every invocation ends
// completed or killed at any bandwidth; free swap kills nothing; a slow device kills (and only the lowest class).
const SETS = ['cluster.machines=2', 'durationS=8', 'warmupS=1'];

describe('kill causes', () => {
  it('counts kills by class, swaps and completions from the run outputs', () => {
    const slow = tally('fixtures/paper/fig4.yaml', SETS, '250');
    const free = tally('fixtures/paper/fig4.yaml', SETS, 'unlimited');
    const ended = (t: typeof slow) => t.completed + t.killsByClass.reduce((a, b) => a + b, 0);
    expect(ended(slow)).toBe(ended(free));
    expect(free.killsByClass).toEqual([0, 0, 0, 0]);
    expect(free.swappedIn.size).toBe(free.swappedOut.size);
    expect(slow.killsByClass[0]).toBeGreaterThan(0);
    expect(slow.killsByClass.slice(1)).toEqual([0, 0, 0]);
    expect(rowOf('unlimited', free)).toMatch(/^\| unlimited \| 0 \(0, 0, 0, 0\) \| \d+ \| \d+ \| \d+ \| \d+ \| 0 \|$/);
  });
});
