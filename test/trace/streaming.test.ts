import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTraceWorkload, traceOfferedLoad } from '../../sim/trace/source.ts';
import { stream } from '../../sim/workload/streams.ts';
import { DURATIONS_HEADER, drain, HASH, MEMORY_HEADER, spec, tempDir, write2019 } from './helpers.ts';

// Files larger than the reader's 1 MiB chunk: lines cross chunk boundaries, ids with multi-byte characters
// shift byte offsets from character offsets, and \r\n endings are accepted.

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const opts = { baseDir: '/', seed: 3, classCount: 2 };

describe('streaming over chunk boundaries', () => {
  it('2019: a full-day, 2 MB invocations file with multi-byte ids gives the exact per-minute counts', () => {
    const dir = join(tmp.dir, 'big2019');
    mkdirSync(dir);
    write2019(dir); // durations and memory for f1/f2 of apps a1/a2
    const u = stream(1, 'test/big');
    const minutes = 1440;
    const header = [
      'HashOwner',
      'HashApp',
      'HashFunction',
      'Trigger',
      ...Array.from({ length: minutes }, (_, i) => String(i + 1)),
    ].join(',');
    const rows: string[] = [header];
    const want = new Array<number>(minutes).fill(0);
    const durRows: string[] = [];
    const memRows: string[] = [];
    for (let f = 0; f < 600; f++) {
      const counts = Array.from({ length: minutes }, () => (u() < 0.5 ? 0 : Math.floor(u() * 3)));
      counts.forEach((c, m) => {
        want[m] += c;
      });
      const app = HASH(`é${f % 37}`);
      rows.push([HASH('o'), app, HASH(`f${f}`), f % 3 === 0 ? 'http' : 'queue', ...counts].join(','));
      durRows.push(`${HASH('o')},${app},${HASH(`f${f}`)},100,10,1.0,500.0,10,20,50,100,150,400,500`);
      memRows.push(`${HASH(`f${f}`)},${HASH('o')},${app},1,150,100,110,130,150,170,190,200,210`);
    }
    const text = `${rows.join('\r\n')}\r\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(1.5e6);
    writeFileSync(join(dir, 'invocations.csv'), text);
    writeFileSync(join(dir, 'durations.csv'), [DURATIONS_HEADER, ...durRows].join('\n'));
    writeFileSync(join(dir, 'memory.csv'), [MEMORY_HEADER, ...memRows].join('\n'));

    const s = spec({ format: 'azure2019', path: dir, spread: 'even' });
    const got = new Array<number>(minutes).fill(0);
    for (const a of drain(createTraceWorkload(s, { ...opts, blockMinutes: 97 }))) got[Math.floor(a.arrivalUs / 60e6)]++;
    expect(got).toEqual(want);
    const sum = traceOfferedLoad(s, opts);
    expect(sum.apps).toBe(37);
    expect(sum.fromMin).toBe(1);
    expect(sum.toMin).toBe(1441);
    // A window in the middle of the day.
    const w = drain(
      createTraceWorkload(
        spec({ format: 'azure2019', path: dir, spread: 'even', window: { fromMin: 700, toMin: 703 } }),
        opts,
      ),
    );
    expect(w.length).toBe(want[699] + want[700] + want[701]);
  });

  it('2021: a 1.6 MB file with \\r\\n endings replays every row', () => {
    const lines = ['app,func,end_timestamp,duration'];
    const u = stream(2, 'test/big2021');
    let t = 0;
    for (let i = 0; i < 12_000; i++) {
      t += u() * 0.5;
      const d = Math.round(u() * 3000) / 1000;
      lines.push(`${HASH(`app${i % 5}`)}x${'y'.repeat(50)},${HASH(`fn${i % 11}`)},${t + d},${d}`);
    }
    const p = join(tmp.dir, 'big2021.csv');
    writeFileSync(p, lines.join('\r\n'));
    const a = drain(createTraceWorkload(spec({ format: 'azure2021', path: p }), opts));
    expect(a.length).toBe(12_000);
    for (let i = 1; i < a.length; i++) if (a[i].arrivalUs < a[i - 1].arrivalUs) throw new Error(`out of order at ${i}`);
  });
});
