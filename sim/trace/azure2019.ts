// The Azure Functions 2019 trace: three files joined by (HashOwner, HashApp, HashFunction).
//   invocations: one row per function, a Trigger column and one count column per minute of the day (named by
//     its minute number: 1..1440, or a contiguous slice such as 480..959). Can be hundreds of MB: streamed.
//   durations: one row per function: Average, Minimum, Maximum, percentile_Average_{0,1,25,50,75,99,100} (ms).
//   memory: one row per function (invitro's layout) or per app (the original app_memory_percentiles file,
//     joined on HashOwner + HashApp when there is no HashFunction column): AverageAllocatedMb and
//     AverageAllocatedMb_pct{1,5,25,50,75,95,99,100} (MB).
// Durations and memory are loaded into arrays (bounded by the number of functions). The invocations file
// is read twice: a first streaming pass validates every row (the first bad one is reported as
// `<file>:<line>:<col>: ...`), computes the per-function and per-minute totals, and records, for each
// function, the byte offset of every block of `blockMinutes` minute columns; the arrival source then reads
// one block of minutes at a time by random access (memory: functions x blockMinutes counts, never the file).

import { closeSync, openSync } from 'node:fs';
import { InputError } from '../util/errors.ts';
import { fail, Header, idField, LineReader, numberField, readRange, shown, splitRow } from './csv.ts';
import { TRIGGERS } from './spec.ts';

export const DURATION_QS = [0, 0.01, 0.25, 0.5, 0.75, 0.99, 1] as const;
const DURATION_COLS = [
  'percentile_Average_0',
  'percentile_Average_1',
  'percentile_Average_25',
  'percentile_Average_50',
  'percentile_Average_75',
  'percentile_Average_99',
  'percentile_Average_100',
];
export const MEMORY_QS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1] as const;
const MEMORY_COLS = [
  'AverageAllocatedMb_pct1',
  'AverageAllocatedMb_pct5',
  'AverageAllocatedMb_pct25',
  'AverageAllocatedMb_pct50',
  'AverageAllocatedMb_pct75',
  'AverageAllocatedMb_pct95',
  'AverageAllocatedMb_pct99',
  'AverageAllocatedMb_pct100',
];

export interface Azure2019Files {
  /** Paths to open and the names to show in messages. */
  readonly invocations: { readonly path: string; readonly display: string };
  readonly durations: { readonly path: string; readonly display: string };
  /** null when memory is not sampled from the trace. */
  readonly memory: { readonly path: string; readonly display: string } | null;
}

export interface Azure2019Options {
  readonly fromMin?: number;
  readonly toMin?: number;
  /** Replace the 0th/100th duration percentiles by the true Minimum/Maximum. */
  readonly minmaxTails: boolean;
  readonly missing: 'error' | 'skip';
  readonly blockMinutes?: number;
}

/** Per-function attributes of a loaded 2019 trace (index = function id: kept rows in file order). */
export class Azure2019Trace {
  /** Window actually used, in trace minutes [fromMin, toMin). */
  fromMin = 0;
  toMin = 0;
  /** The first and last minute columns of the file. */
  fileFirstMin = 0;
  fileLastMin = 0;
  functions = 0;
  apps = 0;
  readonly appIds: string[] = [];
  trigger = new Uint8Array(0);
  appIndex = new Int32Array(0);
  /** Duration percentile values (ms), DURATION_QS.length per function; Average (ms) per function. */
  durationVals = new Float64Array(0);
  averageMs = new Float64Array(0);
  /** Memory percentile values (MB), MEMORY_QS.length per function; AverageAllocatedMb per function. */
  memoryVals = new Float64Array(0);
  averageMB = new Float64Array(0);
  /** Invocations in the window, per function and per minute (minute index 0 = fromMin). */
  countPerFunction = new Float64Array(0);
  countPerMinute = new Float64Array(0);
  skippedFunctions = 0;
  skippedInvocations = 0;
  blockMinutes = 60;
  /** Byte offsets: per function, blocks + 1 entries (start of each block's first field; end of the last field). */
  private offsets = new Float64Array(0);
  private blocks = 0;

  constructor(
    readonly files: Azure2019Files,
    opts: Azure2019Options,
  ) {
    const durations = loadDurations(files.durations.path, files.durations.display, opts.minmaxTails);
    const memory = files.memory ? loadMemory(files.memory.path, files.memory.display) : null;
    this.indexInvocations(opts, durations, memory);
  }

  get minutes(): number {
    return this.toMin - this.fromMin;
  }

  /** Number of blocks of minutes in the window. */
  get blockCount(): number {
    return this.blocks;
  }

  /**
   * Reads the counts of block b into out[(minute - blockStart) * functions + f] (resized if needed);
   * returns the array. Minute index of the block's first minute: b * blockMinutes.
   */
  readBlock(b: number, out: Float64Array): Float64Array {
    const F = this.functions;
    const first = b * this.blockMinutes;
    const len = Math.min(this.blockMinutes, this.minutes - first);
    const need = len * F;
    const counts = out.length >= need ? out : new Float64Array(need);
    counts.fill(0, 0, need);
    const { path, display } = this.files.invocations;
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return fail(display, 1, 1, 'the trace file to stay readable during the run, got it gone');
    }
    try {
      let scratch = Buffer.alloc(1 << 16);
      const stride = this.blocks + 1;
      for (let f = 0; f < F; f++) {
        if (this.countPerFunction[f] === 0) continue;
        const start = this.offsets[f * stride + b];
        const end = this.offsets[f * stride + b + 1];
        if (end - start > scratch.length) scratch = Buffer.alloc(end - start);
        let text = readRange(fd, start, end - start, scratch).toString('latin1');
        if (text.endsWith(',')) text = text.slice(0, -1);
        const fields = text.split(',');
        if (fields.length !== len)
          throw new InputError(`${display}: the file changed while it was read (function ${f}, minute block ${b})`);
        for (let m = 0; m < len; m++) {
          const v = Number(fields[m]);
          if (!(v >= 0) || fields[m].trim() === '')
            throw new InputError(`${display}: the file changed while it was read (function ${f}, minute block ${b})`);
          counts[m * F + f] = v;
        }
      }
    } finally {
      closeSync(fd);
    }
    return counts;
  }

  private indexInvocations(opts: Azure2019Options, durations: KeyedRows, memory: KeyedRows | null): void {
    const { path, display } = this.files.invocations;
    const reader = new LineReader(path, display);
    try {
      const header = new Header(display, reader.next());
      const cOwner = header.col('HashOwner');
      const cApp = header.col('HashApp');
      const cFn = header.col('HashFunction');
      const cTrigger = header.col('Trigger');
      // Minute columns: the integer-named ones, contiguous and consecutive.
      const names = header.names;
      const firstCol = names.findIndex((n) => /^\d+$/.test(n));
      if (firstCol < 0)
        fail(
          display,
          1,
          names.length + 1,
          'minute columns named by their minute number (1, 2, ... or 480, 481, ...), got none',
        );
      let lastCol = firstCol;
      while (lastCol + 1 < names.length && /^\d+$/.test(names[lastCol + 1])) {
        if (Number(names[lastCol + 1]) !== Number(names[lastCol]) + 1) {
          fail(
            display,
            1,
            lastCol + 2,
            `minute column ${Number(names[lastCol]) + 1} (minute columns consecutive), got "${names[lastCol + 1]}"`,
          );
        }
        lastCol++;
      }
      for (let c = lastCol + 1; c < names.length; c++) {
        if (/^\d+$/.test(names[c]))
          fail(display, 1, c + 1, `minute columns side by side, got minute "${names[c]}" after other columns`);
      }
      this.fileFirstMin = Number(names[firstCol]);
      this.fileLastMin = Number(names[lastCol]);
      const from = Math.max(opts.fromMin ?? this.fileFirstMin, this.fileFirstMin);
      const to = Math.min(opts.toMin ?? this.fileLastMin + 1, this.fileLastMin + 1);
      if (!(from < to)) {
        fail(
          display,
          1,
          firstCol + 1,
          `a window overlapping the trace's minutes ${this.fileFirstMin}..${this.fileLastMin}, ` +
            `got fromMin ${opts.fromMin ?? '(start)'} toMin ${opts.toMin ?? '(end)'}`,
        );
      }
      this.fromMin = from;
      this.toMin = to;
      const c0 = firstCol + (from - this.fileFirstMin);
      const minutes = to - from;
      this.blockMinutes = Math.max(1, Math.floor(opts.blockMinutes ?? 60));
      this.blocks = Math.ceil(minutes / this.blockMinutes);
      const stride = this.blocks + 1;

      const trig: number[] = [];
      const apps: number[] = [];
      const dIdx: number[] = [];
      const mIdx: number[] = [];
      const perFn: number[] = [];
      let offsets = new Float64Array(64 * stride);
      const perMinute = new Float64Array(minutes);
      const appMap = new Map<string, number>();
      const seen = new Set<string>();
      const triggerIndex = new Map<string, number>(TRIGGERS.map((t, i) => [t, i]));

      for (let line = reader.next(); line !== null; line = reader.next()) {
        if (line.trim() === '') continue;
        const lineNo = reader.lineNo;
        const fields = splitRow(display, lineNo, line, names.length);
        const owner = idField(display, lineNo, fields, cOwner, 'HashOwner');
        const app = idField(display, lineNo, fields, cApp, 'HashApp');
        const fn = idField(display, lineNo, fields, cFn, 'HashFunction');
        const t = triggerIndex.get(fields[cTrigger].trim());
        if (t === undefined)
          fail(display, lineNo, cTrigger + 1, `a trigger (${TRIGGERS.join(', ')}), got ${shown(fields[cTrigger])}`);
        let total = 0;
        for (let c = firstCol; c <= lastCol; c++) {
          const v = numberField(display, lineNo, fields, c, `an invocation count for minute ${names[c]}`, 0);
          if (c >= c0 && c < c0 + minutes) total += v;
        }
        const key = `${owner},${app},${fn}`;
        if (seen.has(key))
          fail(
            display,
            lineNo,
            cFn + 1,
            `a function not listed before (HashOwner, HashApp, HashFunction unique), got ${shown(fn)} again`,
          );
        seen.add(key);
        const d = durations.index.get(key);
        const m = memory === null ? -1 : (memory.index.get(key) ?? memory.index.get(`${owner},${app}`) ?? -2);
        if (d === undefined || m === -2) {
          if (opts.missing === 'skip') {
            this.skippedFunctions++;
            this.skippedInvocations += total;
            continue;
          }
          const other =
            d === undefined ? this.files.durations.display : (this.files.memory as { display: string }).display;
          fail(display, lineNo, cFn + 1, `a function with a row in ${other} (or missing: skip), got ${shown(fn)}`);
        }
        for (let c = c0; c < c0 + minutes; c++) perMinute[c - c0] += Number(fields[c]);
        const f = trig.length;
        trig.push(t);
        let a = appMap.get(app);
        if (a === undefined) {
          a = appMap.size;
          appMap.set(app, a);
          this.appIds.push(app);
        }
        apps.push(a);
        dIdx.push(d);
        mIdx.push(m);
        perFn.push(total);
        // Byte offsets of the block starts: the character position of each field, in bytes.
        if ((f + 1) * stride > offsets.length) {
          const bigger = new Float64Array(offsets.length * 2);
          bigger.set(offsets);
          offsets = bigger;
        }
        const ascii = reader.lineBytes === line.length;
        const toByte = (charPos: number) =>
          reader.lineOffset + (ascii ? charPos : Buffer.byteLength(line.slice(0, charPos)));
        let pos = 0;
        let block = 0;
        for (let c = 0; c < c0 + minutes; c++) {
          if (c >= c0 && (c - c0) % this.blockMinutes === 0) offsets[f * stride + block++] = toByte(pos);
          pos += fields[c].length + 1;
        }
        offsets[f * stride + this.blocks] = toByte(pos - 1);
      }

      const F = trig.length;
      this.functions = F;
      this.apps = appMap.size;
      this.trigger = Uint8Array.from(trig);
      this.appIndex = Int32Array.from(apps);
      this.offsets = offsets.slice(0, F * stride);
      this.countPerFunction = Float64Array.from(perFn);
      this.countPerMinute = perMinute;
      const K = DURATION_QS.length;
      this.durationVals = new Float64Array(F * K);
      this.averageMs = new Float64Array(F);
      const M = MEMORY_QS.length;
      this.memoryVals = new Float64Array(F * M);
      this.averageMB = new Float64Array(F);
      for (let f = 0; f < F; f++) {
        for (let k = 0; k < K; k++) this.durationVals[f * K + k] = durations.vals[dIdx[f] * K + k];
        this.averageMs[f] = durations.average[dIdx[f]];
        if (memory !== null) {
          for (let k = 0; k < M; k++) this.memoryVals[f * M + k] = memory.vals[mIdx[f] * M + k];
          this.averageMB[f] = memory.average[mIdx[f]];
        }
      }
    } finally {
      reader.close();
    }
  }
}

interface KeyedRows {
  /** Key (owner,app,function or owner,app) -> row index. */
  readonly index: Map<string, number>;
  readonly vals: number[];
  readonly average: number[];
}

function loadDurations(path: string, display: string, minmax: boolean): KeyedRows {
  const reader = new LineReader(path, display);
  try {
    const header = new Header(display, reader.next());
    const cOwner = header.col('HashOwner');
    const cApp = header.col('HashApp');
    const cFn = header.col('HashFunction');
    const cAvg = header.col('Average');
    const cols = DURATION_COLS.map((n) => header.col(n));
    const cMin = minmax ? header.col('Minimum') : -1;
    const cMax = minmax ? header.col('Maximum') : -1;
    const out: KeyedRows = { index: new Map(), vals: [], average: [] };
    for (let line = reader.next(); line !== null; line = reader.next()) {
      if (line.trim() === '') continue;
      const n = reader.lineNo;
      const fields = splitRow(display, n, line, header.names.length);
      const key = [
        idField(display, n, fields, cOwner, 'HashOwner'),
        idField(display, n, fields, cApp, 'HashApp'),
        idField(display, n, fields, cFn, 'HashFunction'),
      ].join(',');
      const avg = numberField(display, n, fields, cAvg, 'an execution time in ms (Average)', 0);
      const vals = percentileRow(display, n, fields, cols, DURATION_COLS, 'an execution time in ms');
      if (minmax) {
        const lo = numberField(display, n, fields, cMin, 'an execution time in ms (Minimum)', 0);
        const hi = numberField(display, n, fields, cMax, 'an execution time in ms (Maximum)', 0);
        vals[0] = Math.min(lo, vals[0]);
        vals[vals.length - 1] = Math.max(hi, vals[vals.length - 1]);
      }
      if (out.index.has(key)) continue; // a duplicate row: the first one wins
      out.index.set(key, out.average.length);
      out.average.push(avg);
      out.vals.push(...vals);
    }
    return out;
  } finally {
    reader.close();
  }
}

function loadMemory(path: string, display: string): KeyedRows {
  const reader = new LineReader(path, display);
  try {
    const header = new Header(display, reader.next());
    const cOwner = header.col('HashOwner');
    const cApp = header.col('HashApp');
    const cFn = header.has('HashFunction') ? header.col('HashFunction') : -1;
    const cAvg = header.col('AverageAllocatedMb');
    const cols = MEMORY_COLS.map((n) => header.col(n));
    const out: KeyedRows = { index: new Map(), vals: [], average: [] };
    for (let line = reader.next(); line !== null; line = reader.next()) {
      if (line.trim() === '') continue;
      const n = reader.lineNo;
      const fields = splitRow(display, n, line, header.names.length);
      let key = `${idField(display, n, fields, cOwner, 'HashOwner')},${idField(display, n, fields, cApp, 'HashApp')}`;
      if (cFn >= 0) key += `,${idField(display, n, fields, cFn, 'HashFunction')}`;
      const avg = numberField(display, n, fields, cAvg, 'a memory size in MB (AverageAllocatedMb)', 0);
      const vals = percentileRow(display, n, fields, cols, MEMORY_COLS, 'a memory size in MB');
      if (out.index.has(key)) continue;
      out.index.set(key, out.average.length);
      out.average.push(avg);
      out.vals.push(...vals);
    }
    return out;
  } finally {
    reader.close();
  }
}

/** Percentile columns: numbers >= 0, nondecreasing left to right. */
function percentileRow(
  display: string,
  n: number,
  fields: readonly string[],
  cols: readonly number[],
  names: readonly string[],
  what: string,
): number[] {
  const vals: number[] = [];
  cols.forEach((c, i) => {
    const v = numberField(display, n, fields, c, `${what} (${names[i]})`, 0);
    if (i > 0 && v < vals[i - 1])
      fail(
        display,
        n,
        c + 1,
        `a value >= ${names[i - 1]} (${vals[i - 1]}; percentiles nondecreasing), got ${fields[c].trim()}`,
      );
    vals.push(v);
  });
  return vals;
}
