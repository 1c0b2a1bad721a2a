// The Azure Functions 2019 trace: three files joined by (HashOwner, HashApp, HashFunction).
//   invocations: one row per function, a Trigger column and one count column per minute of the day (named by
//     its minute number: 1..1440, or a contiguous slice such as 480..959). Can be hundreds of MB: streamed.
//   durations: one row per function: Average, Minimum, Maximum, percentile_Average_{0,1,25,50,75,99,100} (ms).
//   memory: one row per function (invitro's layout) or per app (the original app_memory_percentiles file,
//     joined on HashOwner + HashApp when there is no HashFunction column): AverageAllocatedMb and
//     AverageAllocatedMb_pct{1,5,25,50,75,95,99,100} (MB).
// Durations and memory are loaded into arrays (bounded by the number of functions; azure2019-tables.ts). The
// invocations file is read twice: a first streaming pass validates every row (the first bad one is reported
// as `<file>:<line>:<col>: ...`), computes the per-function and per-minute totals, and records, for each
// function, the byte offset of every block of `blockMinutes` minute columns (azure2019-invocations.ts); the
// arrival source then reads one block of minutes at a time by random access (readBlock: memory is functions x
// blockMinutes counts, never the file).

import { closeSync, openSync } from 'node:fs';
import { InputError } from '../util/errors.ts';
import { indexInvocations } from './azure2019-invocations.ts';
import { DURATION_QS, type KeyedRows, loadDurations, loadMemory, MEMORY_QS } from './azure2019-tables.ts';
import { fail, readRange } from './csv.ts';

export { DURATION_QS, MEMORY_QS } from './azure2019-tables.ts';

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
  readonly fromMin: number;
  readonly toMin: number;
  /** The first and last minute columns of the file. */
  readonly fileFirstMin: number;
  readonly fileLastMin: number;
  readonly functions: number;
  readonly apps: number;
  readonly appIds: readonly string[];
  readonly trigger: Uint8Array;
  readonly appIndex: Int32Array;
  /** Duration percentile values (ms), DURATION_QS.length per function; Average (ms) per function. */
  readonly durationVals: Float64Array;
  readonly averageMs: Float64Array;
  /** Memory percentile values (MB), MEMORY_QS.length per function; AverageAllocatedMb per function. */
  readonly memoryVals: Float64Array;
  readonly averageMB: Float64Array;
  /** Invocations in the window, per function and per minute (minute index 0 = fromMin). */
  readonly countPerFunction: Float64Array;
  readonly countPerMinute: Float64Array;
  readonly skippedFunctions: number;
  readonly skippedInvocations: number;
  readonly blockMinutes: number;
  /** Byte offsets: per function, blocks + 1 entries (start of each block's first field; end of the last field). */
  private readonly offsets: Float64Array;
  private readonly blocks: number;

  constructor(
    readonly files: Azure2019Files,
    opts: Azure2019Options,
  ) {
    const durations = loadDurations(files.durations.path, files.durations.display, opts.minmaxTails);
    const memory = files.memory ? loadMemory(files.memory.path, files.memory.display) : null;
    const index = indexInvocations(files, opts, durations, memory);
    this.fileFirstMin = index.fileFirstMin;
    this.fileLastMin = index.fileLastMin;
    this.fromMin = index.fromMin;
    this.toMin = index.toMin;
    this.blockMinutes = index.blockMinutes;
    this.blocks = index.blocks;
    this.functions = index.trigger.length;
    this.apps = index.appIds.length;
    this.appIds = index.appIds;
    this.trigger = index.trigger;
    this.appIndex = index.appIndex;
    this.countPerFunction = index.countPerFunction;
    this.countPerMinute = index.countPerMinute;
    this.offsets = index.offsets;
    this.skippedFunctions = index.skippedFunctions;
    this.skippedInvocations = index.skippedInvocations;
    const F = this.functions;
    const K = DURATION_QS.length;
    const M = MEMORY_QS.length;
    // The join made by the index: each kept function's durations and memory rows, copied in function order.
    this.durationVals = new Float64Array(F * K);
    this.averageMs = new Float64Array(F);
    this.memoryVals = new Float64Array(F * M);
    this.averageMB = new Float64Array(F);
    for (let f = 0; f < F; f++) {
      copyRow(durations, index.durationRow[f], K, this.durationVals, f, this.averageMs);
      if (memory !== null) copyRow(memory, index.memoryRow[f], M, this.memoryVals, f, this.averageMB);
    }
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
}

/** Row `row` of a table (its `width` values and its average) into function f's place. */
function copyRow(table: KeyedRows, row: number, width: number, vals: Float64Array, f: number, average: Float64Array) {
  for (let k = 0; k < width; k++) vals[f * width + k] = table.vals[row * width + k];
  average[f] = table.average[row];
}
