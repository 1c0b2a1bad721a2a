import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createTraceWorkload, traceOfferedLoad } from '../../sim/trace/source.ts';
import { parseTraceSpec } from '../../sim/trace/spec.ts';
import { InputError } from '../../sim/util/errors.ts';
import { DURATIONS_HEADER, drain, HASH, MEMORY_HEADER, spec, tempDir, write2019 } from './helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const opts = (dir: string) => ({
  baseDir: dir,
  seed: 1,
  classCount: 2,
  classNames: ['low', 'high'],
  specFile: 'scenario.yaml',
});

/** A fresh directory with a valid 2019 triple, some files overridden. */
function dir2019(over: Parameters<typeof write2019>[1] = {}): string {
  const dir = join(tmp.dir, `t${n++}`);
  mkdirSync(dir, { recursive: true });
  write2019(dir, over);
  return dir;
}

function file2021(text: string): string {
  const p = join(tmp.dir, `t${n++}.csv`);
  writeFileSync(p, text);
  return p;
}

/** The one-line InputError message of running a trace workload to the end. */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const msg = (err as Error).message;
    expect(msg).not.toMatch(/\n/);
    return msg;
  }
  throw new Error('expected an InputError, got none');
}

const run2019 =
  (dir: string, extra: Record<string, unknown> = {}) =>
  () =>
    drain(createTraceWorkload(spec({ format: 'azure2019', path: '.', ...extra }), opts(dir)));
const run2021 =
  (path: string, extra: Record<string, unknown> = {}) =>
  () =>
    drain(createTraceWorkload(spec({ format: 'azure2021', path, ...extra }), opts('/')));

const INV_HEADER = 'HashOwner,HashApp,HashFunction,Trigger,10,11,12';
const row = (f: string, trigger: string, counts: string) =>
  `${HASH(`o${f}`)},${HASH(`a${f}`)},${HASH(`f${f}`)},${trigger},${counts}`;
const H21 = 'app,func,end_timestamp,duration';

describe('malformed traces: one-line InputError with file:line:col', () => {
  it('bad number (non-numeric count)', () => {
    const dir = dir2019({ inv: [INV_HEADER, row('1', 'http', '2,0,1'), row('2', 'timer', '0,x3,1')].join('\n') });
    expect(errorOf(run2019(dir))).toBe(
      `${dir}/invocations.csv:3:6: an invocation count for minute 11 (a number), got "x3"`,
    );
  });

  it('missing column in the header, named', () => {
    const dir = dir2019({ dur: 'HashOwner,HashApp,HashFunction,Average,percentile_Average_0\n' });
    expect(errorOf(run2019(dir))).toBe(
      `${dir}/durations.csv:1:6: a column named "percentile_Average_1" in the header, ` +
        'got 5 columns (HashOwner,HashApp,HashFunction,Average,percentile_Average_0)',
    );
    const d2 = dir2019({ inv: 'HashOwner,HashApp,HashFunction,10,11\n' });
    expect(errorOf(run2019(d2))).toMatch(
      new RegExp(`^${d2}/invocations.csv:1:6: a column named "Trigger" in the header, got 5 columns`),
    );
  });

  it('short row and long row (wrong number of fields)', () => {
    const dir = dir2019({ inv: [INV_HEADER, row('1', 'http', '2,0,1'), row('2', 'timer', '0,3')].join('\n') });
    expect(errorOf(run2019(dir))).toBe(`${dir}/invocations.csv:3:7: 7 fields (as in the header), got 6`);
    const p = file2021(`${H21}\nA,F,1.5,0.5,extra\n`);
    expect(errorOf(run2021(p))).toBe(`${p}:2:5: 4 fields (as in the header), got 5`);
  });

  it('negative value', () => {
    const p = file2021(`${H21}\nA,F,1.5,0.5\nA,F,2.5,-1\n`);
    expect(errorOf(run2021(p))).toBe(`${p}:3:4: a duration in s >= 0, got -1`);
    const dir = dir2019({ inv: [INV_HEADER, row('1', 'http', '2,-4,1'), row('2', 'timer', '0,3,1')].join('\n') });
    expect(errorOf(run2019(dir))).toBe(`${dir}/invocations.csv:2:6: an invocation count for minute 11 >= 0, got -4`);
  });

  it('empty file', () => {
    const p = file2021('');
    expect(errorOf(run2021(p))).toBe(`${p}:1:1: a header line of column names, got an empty file`);
    const dir = dir2019({ mem: '' });
    expect(errorOf(run2019(dir))).toBe(`${dir}/memory.csv:1:1: a header line of column names, got an empty file`);
  });

  it('unknown format (in the spec)', () => {
    expect(errorOf(() => parseTraceSpec({ format: 'azure2020', path: 'x' }, 'scenario.yaml'))).toBe(
      'scenario.yaml: workload.trace.format: one of "azure2019", "azure2021", got "azure2020"',
    );
  });

  it('missing file', () => {
    const p = join(tmp.dir, 'nope.csv');
    expect(errorOf(run2021(p))).toBe(`${p}:1:1: a readable trace file, got ENOENT (no such file)`);
    const dir = dir2019();
    rmSync(join(dir, 'durations.csv'));
    expect(errorOf(run2019(dir))).toBe(`${dir}/durations.csv:1:1: a readable trace file, got ENOENT (no such file)`);
  });

  it('bad window: empty in the spec, or outside the trace minutes', () => {
    expect(
      errorOf(() =>
        parseTraceSpec({ format: 'azure2019', path: 'x', window: { fromMin: 20, toMin: 10 } }, 'scenario.yaml'),
      ),
    ).toBe('scenario.yaml: workload.trace.window.toMin: a minute after fromMin (20), got 10');
    const dir = dir2019();
    expect(errorOf(run2019(dir, { window: { fromMin: 100, toMin: 200 } }))).toBe(
      `${dir}/invocations.csv:1:5: a window overlapping the trace's minutes 10..12, got fromMin 100 toMin 200`,
    );
  });

  it('unknown trigger, decreasing percentiles, duplicate function, function missing from durations', () => {
    let dir = dir2019({ inv: [INV_HEADER, row('1', 'HTTP', '2,0,1')].join('\n') });
    expect(errorOf(run2019(dir))).toBe(
      `${dir}/invocations.csv:2:4: a trigger (http, timer, queue, event, storage, orchestration, others), got "HTTP"`,
    );
    dir = dir2019({
      dur: `${DURATIONS_HEADER}\n${HASH('o1')},${HASH('a1')},${HASH('f1')},100,10,1,500,10,20,50,40,150,400,500\n`,
    });
    expect(errorOf(run2019(dir))).toBe(
      `${dir}/durations.csv:2:11: a value >= percentile_Average_25 (50; percentiles nondecreasing), got 40`,
    );
    dir = dir2019({ inv: [INV_HEADER, row('1', 'http', '2,0,1'), row('1', 'http', '2,0,1')].join('\n') });
    expect(errorOf(run2019(dir))).toMatch(new RegExp(`^${dir}/invocations.csv:3:3: a function not listed before`));
    dir = dir2019({ inv: [INV_HEADER, row('1', 'http', '2,0,1'), row('9', 'http', '2,0,1')].join('\n') });
    expect(errorOf(run2019(dir))).toBe(
      `${dir}/invocations.csv:3:3: a function with a row in ${dir}/durations.csv (or missing: skip), ` +
        'got "f9f9f9f9f9f9f9f9"',
    );
    const skipped = traceOfferedLoad(spec({ format: 'azure2019', path: '.', missing: 'skip' }), opts(dir));
    expect([skipped.functions, skipped.skippedFunctions, skipped.invocations]).toEqual([1, 1, 3]);
  });

  it('2021: non-numeric time, unsorted rows, start before the trace', () => {
    let p = file2021(`${H21}\nA,F,abc,0.5\n`);
    expect(errorOf(run2021(p))).toBe(`${p}:2:3: an end time in s (end_timestamp) (a number), got "abc"`);
    p = file2021(`${H21}\nA,F,130,0.5\nA,F,10,0.5\n`);
    expect(errorOf(run2021(p))).toBe(
      `${p}:3:3: an invocation starting (end_timestamp - duration) in minute 2 or later ` +
        '(rows sorted by start time, to the minute), got minute 0',
    );
    p = file2021(`${H21}\nA,F,1,5\n`);
    expect(errorOf(run2021(p))).toBe(
      `${p}:2:4: a duration <= end_timestamp (1; the invocation started before the trace), got 5`,
    );
  });

  it('spec errors: unknown key, bad classOf, unknown class name, targetLoad without cores', () => {
    expect(errorOf(() => parseTraceSpec({ format: 'azure2019', path: 'x', spred: 'even' }, 'scenario.yaml'))).toBe(
      "scenario.yaml: workload.trace: only known keys, got unknown key 'spred'",
    );
    expect(
      errorOf(() => parseTraceSpec({ format: 'azure2019', path: 'x', classOf: { htpp: 'high' } }, 'scenario.yaml')),
    ).toBe(
      'scenario.yaml: workload.trace.classOf.htpp: ' +
        "one of http, timer, queue, event, storage, orchestration, others, got unknown key 'htpp'",
    );
    expect(
      errorOf(() => parseTraceSpec({ format: 'azure2021', path: 'x', classOf: { http: 1 } }, 'scenario.yaml')),
    ).toMatch(/^scenario.yaml: workload.trace.classOf: a rule/);
    expect(errorOf(() => parseTraceSpec({ format: 'azure2019', path: 'x', spread: 'bursty' }, 'scenario.yaml'))).toBe(
      'scenario.yaml: workload.trace.spread: one of "uniform", "poisson", "even", got "bursty"',
    );
    expect(errorOf(() => parseTraceSpec({ format: 'azure2019', path: 'x', rateScale: -1 }, 'scenario.yaml'))).toBe(
      'scenario.yaml: workload.trace.rateScale: a number > 0, got -1',
    );
    const dir = dir2019();
    expect(errorOf(run2019(dir, { classOf: { http: 'gold' } }))).toBe(
      'scenario.yaml: workload.trace.classOf.http: one of "low", "high" or an index below 2, got "gold"',
    );
    expect(errorOf(run2019(dir, { classOf: { http: 5 } }))).toBe(
      'scenario.yaml: workload.trace.classOf.http: a class index below 2 (the class table has 2), got 5',
    );
    expect(errorOf(run2019(dir, { targetLoad: 0.9 }))).toBe(
      'scenario.yaml: workload.trace.cores: a core count (here or from the cluster) to reach targetLoad, got nothing',
    );
  });
});

describe('the trace loaders throw nothing but InputError (property)', () => {
  const valid2019 = (() => {
    const dir = join(tmp.dir, 'valid');
    mkdirSync(dir, { recursive: true });
    write2019(dir);
    return dir;
  })();
  const vocabulary = fc.constantFrom(
    '',
    ',',
    ',,',
    '0',
    '1',
    '-1',
    '3.5',
    '1e400',
    'NaN',
    'x',
    'http',
    'timer',
    HASH('o1'),
    HASH('a1'),
    HASH('f1'),
    '10',
    '\r',
    '\n',
    ' ',
    '"',
    'é',
    '\u0000',
  );
  const csvish = fc
    .array(
      fc.array(vocabulary, { maxLength: 16 }).map((t) => t.join(',')),
      { maxLength: 12 },
    )
    .map((ls) => ls.join('\n'));
  const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }), csvish);

  function onlyInputError(fn: () => unknown): boolean {
    try {
      fn();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      if (/\n/.test(err.message)) throw new Error(`multi-line message: ${err.message}`);
    }
    return true;
  }

  it('arbitrary text as a 2021 trace, or as any of the three 2019 files', () => {
    const headers = {
      inv: INV_HEADER,
      dur: DURATIONS_HEADER,
      mem: MEMORY_HEADER,
    };
    const p = join(tmp.dir, 'prop2021.csv');
    fc.assert(
      fc.property(
        text,
        fc.boolean(),
        fc.constantFrom('inv', 'dur', 'mem'),
        fc.constantFrom('uniform', 'poisson', 'even'),
        (t, withHeader, which, spread) => {
          writeFileSync(p, withHeader ? `${H21}\n${t}` : t);
          onlyInputError(run2021(p));
          const dir = dir2019({ [which]: withHeader ? `${headers[which as keyof typeof headers]}\n${t}` : t });
          onlyInputError(() =>
            drain(
              createTraceWorkload(spec({ format: 'azure2019', path: '.', spread, rateScale: 2 }), opts(dir)),
              100_000,
            ),
          );
          onlyInputError(() =>
            traceOfferedLoad(
              spec({ format: 'azure2019', path: '.', missing: 'skip', window: { fromMin: 11 } }),
              opts(dir),
            ),
          );
          return true;
        },
      ),
      { numRuns: 100 },
    );
  });

  it('arbitrary values as the trace spec', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => onlyInputError(() => parseTraceSpec(v, 'scenario.yaml'))),
      { numRuns: 300 },
    );
    const keys = fc.record(
      {
        format: fc.constantFrom('azure2019', 'azure2021', 'x'),
        path: fc.constant('.'),
        classOf: fc.oneof(
          fc.anything(),
          fc.record(
            {
              rule: fc.constantFrom('duration', 'appHash', 'x'),
              thresholdS: fc.anything(),
              highFraction: fc.anything(),
              high: fc.anything(),
            },
            { requiredKeys: ['rule'] },
          ),
        ),
        window: fc.record(
          { fromMin: fc.integer({ min: -5, max: 20 }), toMin: fc.integer({ min: -5, max: 20 }) },
          { requiredKeys: [] },
        ),
        rateScale: fc.oneof(fc.double(), fc.constant(0.5)),
        memory: fc.record({ sample: fc.constantFrom('percentiles', 'average', 'fixed', 'x') }, { requiredKeys: [] }),
      },
      { requiredKeys: ['format', 'path'] },
    );
    fc.assert(
      fc.property(keys, (raw) =>
        onlyInputError(() => {
          const s = parseTraceSpec(raw, 'scenario.yaml');
          drain(createTraceWorkload(s, opts(valid2019)), 10_000);
        }),
      ),
      { numRuns: 200 },
    );
  });
});
