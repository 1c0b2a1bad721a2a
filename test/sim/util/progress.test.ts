import { describe, expect, it } from 'vitest';
import { durationText, Progress, type ProgressOptions } from '../../../sim/util/progress.ts';

// The bar draws only on a terminal, after its delay, at most every 100 ms, and clear() erases what it drew.

function bar(isTTY: boolean, options: Partial<ProgressOptions> = {}) {
  const written: string[] = [];
  let nowMs = 0;
  const progress = new Progress({
    label: 'sweep',
    total: 10,
    unit: 'points',
    stream: { isTTY, write: (s: string) => written.push(s) },
    now: () => nowMs,
    ...options,
  });
  return { progress, written, at: (ms: number) => (nowMs = ms) };
}

describe('Progress', () => {
  it('shows what, how far, how long so far and how long left', () => {
    const { progress } = bar(true);
    expect(progress.line(4, 12)).toBe(
      `sweep [${'#'.repeat(12)}${'-'.repeat(18)}] 40% 4/10 points, 12 s elapsed, ~18 s left`,
    );
    expect(progress.line(10, 30, '0 running')).toMatch(/100% 10\/10 points, 30 s elapsed, 0 running$/);
    expect(progress.line(0, 5)).toMatch(/0% 0\/10 points, 5 s elapsed$/); // no rate yet: no estimate
  });

  it('estimates from the work done in this session (a resumed sweep skips finished points)', () => {
    const { progress } = bar(true, { start: 6 });
    expect(progress.line(8, 20)).toMatch(/8\/10 points, 20 s elapsed, ~20 s left$/);
  });

  it('without a total: no bar, no estimate; fractional amounts with one decimal', () => {
    const { progress } = bar(true, { label: 'explore', total: undefined, unit: 'states' });
    expect(progress.line(1234, 3)).toBe('explore 1234 states, 3 s elapsed');
    const run = bar(true, { label: 'xx (1/2)', total: 240, unit: 's simulated' }).progress;
    expect(run.line(60.25, 10)).toMatch(
      /^xx \(1\/2\) \[#{8}-{22}\] 25% 60\.3\/240 s simulated, 10 s elapsed, ~30 s left$/,
    );
  });

  it('draws on a terminal after the delay, at most every 100 ms; clear() erases the line', () => {
    const { progress, written, at } = bar(true);
    progress.update(1);
    expect(written).toEqual([]); // before the delay
    at(1000);
    progress.update(2, { label: 'sweep 2' });
    at(1050);
    progress.update(3);
    expect(written).toHaveLength(1);
    expect(written[0].startsWith('\rsweep 2 [')).toBe(true);
    expect(written[0].endsWith('] 20% 2/10 points, 1 s elapsed, ~4 s left\x1b[K')).toBe(true);
    at(1150);
    progress.update(3);
    expect(written).toHaveLength(2);
    progress.clear();
    expect(written[2]).toBe('\r\x1b[K');
    progress.clear();
    expect(written).toHaveLength(3);
  });

  it('stays quiet when the stream is not a terminal (piped, redirected, tests)', () => {
    const { progress, written, at } = bar(false);
    at(5000);
    progress.update(5);
    progress.clear();
    expect(written).toEqual([]);
  });

  it('durations read as seconds, minutes or hours', () => {
    expect([durationText(0.4), durationText(59.6), durationText(185), durationText(7620)]).toEqual([
      '0 s',
      '1 min 00 s',
      '3 min 05 s',
      '2 h 07 min',
    ]);
  });
});
