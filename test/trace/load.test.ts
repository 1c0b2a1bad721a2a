import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTraceWorkload, rateScaleFor, traceOfferedLoad } from '../../sim/trace/source.ts';
import { drain, F2019, F2021, FIXTURES, spec, tempDir, write2019 } from './helpers.ts';

const opts = { baseDir: FIXTURES, seed: 1, classCount: 2, classNames: ['low', 'high'] };

/** Per-minute totals of the fixture's invocations file, straight from the CSV. */
function csvPerMinute(fromMin: number, toMin: number): number[] {
  const lines = readFileSync(join(FIXTURES, F2019, 'invocations.csv'), 'utf8')
    .trim()
    .split('\n');
  const header = lines[0].split(',');
  const out: number[] = [];
  for (let m = fromMin; m < toMin; m++) {
    const c = header.indexOf(String(m));
    out.push(lines.slice(1).reduce((s, l) => s + Number(l.split(',')[c]), 0));
  }
  return out;
}

function perMinute(arrivals: { arrivalUs: number }[], minutes: number): number[] {
  const out = new Array<number>(minutes).fill(0);
  for (const a of arrivals) out[Math.floor(a.arrivalUs / 60e6)]++;
  return out;
}

describe('azure2019 fixture (500 functions, minutes 480..959)', () => {
  it('reproduces the per-minute counts exactly with spread even, rateScale 1, in a window', () => {
    const s = spec({ format: 'azure2019', path: F2019, spread: 'even', window: { fromMin: 600, toMin: 610 } });
    const arrivals = drain(createTraceWorkload(s, opts));
    expect(perMinute(arrivals, 10)).toEqual(csvPerMinute(600, 610));
    // Nondecreasing integer times inside the window, sequential ids from 0.
    const bad = arrivals.filter((a, i) => a.template.id !== i || (i > 0 && a.arrivalUs < arrivals[i - 1].arrivalUs));
    expect(bad).toEqual([]);
    expect(arrivals.every((a) => Number.isInteger(a.arrivalUs) && a.arrivalUs >= 0 && a.arrivalUs < 600e6)).toBe(true);
  });

  it('uniform spread also keeps the exact counts; poisson keeps them on average', () => {
    const want = csvPerMinute(480, 490);
    const u = drain(
      createTraceWorkload(spec({ format: 'azure2019', path: F2019, spread: 'uniform', window: { toMin: 490 } }), opts),
    );
    expect(perMinute(u, 10)).toEqual(want);
    const p = drain(
      createTraceWorkload(spec({ format: 'azure2019', path: F2019, spread: 'poisson', window: { toMin: 490 } }), opts),
    );
    const total = want.reduce((a, b) => a + b, 0);
    expect(Math.abs(p.length - total)).toBeLessThan(5 * Math.sqrt(total));
  });

  it('the summary matches the trace README facts and the arrivals', () => {
    const sum = traceOfferedLoad(spec({ format: 'azure2019', path: F2019 }), { ...opts, cores: 800 });
    expect(sum.functions).toBe(500);
    expect(sum.apps).toBe(476);
    expect(sum.invocations).toBe(3_037_902);
    expect(sum.invocationsPerMin.min).toBe(3013);
    expect(sum.invocationsPerMin.max).toBe(7603);
    expect(sum.fromMin).toBe(480);
    expect(sum.toMin).toBe(960);
    expect(sum.classShare[1]).toBeCloseTo(sum.triggerShare?.http ?? Number.NaN, 12);
    expect(sum.classShare[0] + sum.classShare[1]).toBeCloseTo(1, 12);
    expect(sum.load).toBeCloseTo(sum.offeredCores / 800, 12);
    const k = rateScaleFor(sum, 0.9, 800);
    const t = traceOfferedLoad(spec({ format: 'azure2019', path: F2019, targetLoad: 0.9, cores: 800 }), opts);
    expect(t.rateScale).toBeCloseTo(k, 9);
  });

  it('mean drawn runtime matches the summary (percentile interpolation), over a window', () => {
    const s = spec({ format: 'azure2019', path: F2019, window: { fromMin: 700, toMin: 720 } });
    const sum = traceOfferedLoad(s, opts);
    const arrivals = drain(createTraceWorkload(s, opts));
    expect(arrivals.length).toBe(sum.invocations);
    const mean = arrivals.reduce((a, b) => a + b.template.workUs, 0) / arrivals.length / 1e6;
    expect(Math.abs(mean - sum.meanRuntimeS) / sum.meanRuntimeS).toBeLessThan(0.03);
  });

  it('maps triggers to classes (default http -> highest, the rest -> 0; overrides by name or index)', () => {
    const lines = readFileSync(join(FIXTURES, F2019, 'invocations.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const triggerOf = lines.map((l) => l.split(',')[3]); // functionId = row index (no row is skipped here)
    const w = { fromMin: 480, toMin: 485 };
    const def = drain(
      createTraceWorkload(spec({ format: 'azure2019', path: F2019, window: w }), { ...opts, classCount: 3 }),
    );
    expect(
      def.filter((a) => a.template.declaredClass !== (triggerOf[a.template.functionId] === 'http' ? 2 : 0)),
    ).toEqual([]);
    const custom = drain(
      createTraceWorkload(
        spec({ format: 'azure2019', path: F2019, window: w, classOf: { queue: 'high', http: 1 } }),
        opts,
      ),
    );
    const isHigh = (f: number) => triggerOf[f] === 'http' || triggerOf[f] === 'queue';
    expect(custom.filter((a) => a.template.declaredClass !== (isHigh(a.template.functionId) ? 1 : 0))).toEqual([]);
    const byDur = drain(
      createTraceWorkload(
        spec({ format: 'azure2019', path: F2019, window: w, classOf: { rule: 'duration', thresholdS: 0.5 } }),
        opts,
      ),
    );
    const p50 = readFileSync(join(FIXTURES, F2019, 'durations.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const medianOf = new Map(p50.map((l) => [l.split(',')[2], Number(l.split(',')[10])]));
    const fnOf = lines.map((l) => l.split(',')[2]);
    for (const a of byDur.slice(0, 2000))
      expect(a.template.declaredClass).toBe((medianOf.get(fnOf[a.template.functionId]) ?? Number.NaN) <= 500 ? 1 : 0);
    const hashed = traceOfferedLoad(
      spec({ format: 'azure2019', path: F2019, window: w, classOf: { rule: 'appHash', highFraction: 0.3 } }),
      opts,
    );
    expect(hashed.classShare[1]).toBeGreaterThan(0);
    expect(hashed.classShare[1]).toBeLessThan(1);
  });

  it('is deterministic per seed, independent of the block size, and differs across seeds', () => {
    const s = spec({
      format: 'azure2019',
      path: F2019,
      spread: 'poisson',
      rateScale: 0.37,
      window: { fromMin: 500, toMin: 530 },
    });
    const a = drain(createTraceWorkload(s, { ...opts, seed: 5 }));
    const b = drain(createTraceWorkload(s, { ...opts, seed: 5, blockMinutes: 7 }));
    expect(b).toEqual(a);
    const c = drain(createTraceWorkload(s, { ...opts, seed: 6 }), 1000);
    expect(c.map((x) => x.arrivalUs)).not.toEqual(a.slice(0, 1000).map((x) => x.arrivalUs));
  });

  it('rateScale scales the counts; even spreading carries fractions over minutes', () => {
    const w = { fromMin: 480, toMin: 540 };
    const base = traceOfferedLoad(spec({ format: 'azure2019', path: F2019, window: w }), opts).invocations;
    const even = drain(
      createTraceWorkload(spec({ format: 'azure2019', path: F2019, window: w, spread: 'even', rateScale: 0.1 }), opts),
    );
    expect(Math.abs(even.length - base * 0.1)).toBeLessThanOrEqual(500); // at most one lost fraction per function
    const up = drain(
      createTraceWorkload(
        spec({
          format: 'azure2019',
          path: F2019,
          window: { fromMin: 480, toMin: 482 },
          spread: 'uniform',
          rateScale: 3,
        }),
        opts,
      ),
    );
    expect(up.length).toBe(3 * csvPerMinute(480, 482).reduce((x, y) => x + y, 0));
  });

  it('durationS cuts the arrivals; memory and work are integers within the model rules', () => {
    const s = spec({ format: 'azure2019', path: F2019 });
    const arrivals = drain(createTraceWorkload(s, { ...opts, durationS: 90 }));
    expect(arrivals.length).toBeGreaterThan(0);
    expect(arrivals[arrivals.length - 1].arrivalUs).toBeLessThan(90e6);
    expect(arrivals.length).toBe(csvPerMinute(480, 481)[0] + arrivals.filter((a) => a.arrivalUs >= 60e6).length);
    for (const { template: t } of arrivals) {
      expect(Number.isInteger(t.workUs) && t.workUs >= 1).toBe(true);
      expect(Number.isInteger(t.peakMemoryMB) && t.peakMemoryMB >= 1).toBe(true);
      expect(
        Number.isInteger(t.initialMemoryMB) && t.initialMemoryMB <= t.peakMemoryMB && t.initialMemoryMB <= 100,
      ).toBe(true);
      expect(t.children).toEqual([]);
    }
  });

  it('tenant = app (shared by the functions of an app), functionId = row', () => {
    const { dir, cleanup } = tempDir();
    try {
      write2019(dir);
      const a = drain(
        createTraceWorkload(spec({ format: 'azure2019', path: dir, spread: 'even' }), { ...opts, baseDir: '/' }),
      );
      // minute 10: f1 x2; minute 11: f2 x3; minute 12: f1, f2.
      expect(
        a.map((x) => [
          Math.floor(x.arrivalUs / 60e6),
          x.template.functionId,
          x.template.tenantId,
          x.template.declaredClass,
        ]),
      ).toEqual([
        [0, 0, 0, 1],
        [0, 0, 0, 1],
        [1, 1, 1, 0],
        [1, 1, 1, 0],
        [1, 1, 1, 0],
        [2, 0, 0, 1],
        [2, 1, 1, 0],
      ]);
      expect(a.map((x) => x.arrivalUs % 60e6)).toEqual([15e6, 45e6, 10e6, 30e6, 50e6, 30e6, 30e6]);
      const avg = drain(
        createTraceWorkload(
          spec({
            format: 'azure2019',
            path: dir,
            runtime: { sample: 'average' },
            memory: { sample: 'average' },
            initialMemoryMB: 60,
          }),
          { ...opts, baseDir: '/' },
        ),
      );
      expect(avg.map((x) => [x.template.workUs, x.template.initialMemoryMB, x.template.peakMemoryMB])).toContainEqual([
        100_000, 60, 150,
      ]);
      expect(avg.map((x) => [x.template.workUs, x.template.initialMemoryMB, x.template.peakMemoryMB])).toContainEqual([
        2_000_000, 51, 51,
      ]);
    } finally {
      cleanup();
    }
  });
});

describe('azure2021 fixture (998 invocations)', () => {
  it('replays every invocation at its start time (end - duration) with its duration', () => {
    const s = spec({ format: 'azure2021', path: F2021 });
    const arrivals = drain(createTraceWorkload(s, opts));
    expect(arrivals.length).toBe(998);
    const rows = readFileSync(join(FIXTURES, F2021), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const starts = rows.map((r) => Math.floor(Math.max(0, Number(r[2]) - Number(r[3])) * 1e6)).sort((a, b) => a - b);
    expect(arrivals.map((a) => a.arrivalUs)).toEqual(starts);
    const works = rows.map((r) => Math.max(1, Math.round(Number(r[3]) * 1e6))).sort((a, b) => a - b);
    expect(arrivals.map((a) => a.template.workUs).sort((a, b) => a - b)).toEqual(works);
    expect(new Set(arrivals.map((a) => a.template.functionId)).size).toBe(49);
    expect(new Set(arrivals.map((a) => a.template.tenantId)).size).toBe(21);
    expect(arrivals.every((a) => a.template.peakMemoryMB === 100 && a.template.initialMemoryMB === 100)).toBe(true);
  });

  it('classes by median duration (default 1 s) or by app hash', () => {
    const s = spec({ format: 'azure2021', path: F2021, classOf: { rule: 'duration', thresholdS: 1 } });
    const arrivals = drain(createTraceWorkload(s, opts));
    const byFn = new Map<number, number[]>();
    for (const a of arrivals)
      byFn.set(a.template.functionId, [...(byFn.get(a.template.functionId) ?? []), a.template.workUs]);
    for (const a of arrivals) {
      const ws = byFn.get(a.template.functionId) ?? [];
      const short = ws.filter((w) => w <= 1e6).length;
      expect(a.template.declaredClass).toBe(2 * short >= ws.length ? 1 : 0);
    }
    const sum = traceOfferedLoad(s, opts);
    expect(sum.classShare[1]).toBeCloseTo(arrivals.filter((a) => a.template.declaredClass === 1).length / 998, 12);
    const hashed = drain(
      createTraceWorkload(
        spec({ format: 'azure2021', path: F2021, classOf: { rule: 'appHash', highFraction: 1 } }),
        opts,
      ),
    );
    expect(hashed.every((a) => a.template.declaredClass === 1)).toBe(true);
  });

  it('window, rateScale (thinning and copies) and determinism', () => {
    const w = { fromMin: 10, toMin: 40 };
    const all = drain(createTraceWorkload(spec({ format: 'azure2021', path: F2021, window: w }), opts));
    expect(all.every((a) => a.arrivalUs >= 0 && a.arrivalUs < 30 * 60e6)).toBe(true);
    const sum = traceOfferedLoad(spec({ format: 'azure2021', path: F2021, window: w }), opts);
    expect(all.length).toBe(sum.invocations);
    const s3 = spec({ format: 'azure2021', path: F2021, window: w, rateScale: 3 });
    const tripled = drain(createTraceWorkload(s3, opts));
    expect(tripled.length).toBe(3 * all.length);
    expect(drain(createTraceWorkload(s3, opts))).toEqual(tripled);
    for (let i = 1; i < tripled.length; i++)
      expect(tripled[i].arrivalUs).toBeGreaterThanOrEqual(tripled[i - 1].arrivalUs);
    const half = drain(createTraceWorkload(spec({ format: 'azure2021', path: F2021, rateScale: 0.5 }), opts));
    expect(Math.abs(half.length - 499)).toBeLessThan(5 * Math.sqrt(250));
  });

  it('durationS cuts the copies too (a copy placed in the last minute after durationS is not an arrival)', () => {
    // Copies land at uniform times in their row's minute: in minute 5 some fall after 333.3 s.
    const s5 = spec({ format: 'azure2021', path: F2021, rateScale: 5 });
    const cut = drain(createTraceWorkload(s5, { ...opts, durationS: 333.3 }));
    expect(cut.some((a) => a.arrivalUs >= 300e6)).toBe(true);
    expect(cut.every((a) => a.arrivalUs < 333.3e6)).toBe(true);
  });
});
