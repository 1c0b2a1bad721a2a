// The invocations file of the 2019 trace, read once as a stream: every row is validated (the first bad one is
// reported as `<file>:<line>:<col>: ...`), joined to its durations and memory rows, and indexed: its trigger,
// app and invocation count in the window, and the byte offset of each block of `blockMinutes` minute columns,
// so the arrival source can later read one block of minutes at a time by random access.

import type { Azure2019Files, Azure2019Options } from './azure2019.ts';
import type { KeyedRows } from './azure2019-tables.ts';
import { fail, Header, idField, LineReader, numberField, shown, splitRow } from './csv.ts';
import { TRIGGERS } from './spec.ts';

/** The window of minutes used and how it splits into blocks. */
export interface MinuteWindow {
  /** The first and last minute columns of the file (minute numbers). */
  readonly fileFirstMin: number;
  readonly fileLastMin: number;
  /** Window actually used, in trace minutes [fromMin, toMin). */
  readonly fromMin: number;
  readonly toMin: number;
  readonly blockMinutes: number;
  readonly blocks: number;
}

/** The kept functions (index = function id), in file order. */
export interface InvocationIndex extends MinuteWindow {
  readonly trigger: Uint8Array;
  readonly appIndex: Int32Array;
  /** App ids in order of first appearance (appIndex points here). */
  readonly appIds: readonly string[];
  /** Row of each function in the durations and memory tables (-1: no memory table). */
  readonly durationRow: readonly number[];
  readonly memoryRow: readonly number[];
  /** Invocations in the window, per function and per minute (minute index 0 = fromMin). */
  readonly countPerFunction: Float64Array;
  readonly countPerMinute: Float64Array;
  /** Byte offsets: per function, blocks + 1 entries (start of each block's first field; end of the last field). */
  readonly offsets: Float64Array;
  readonly skippedFunctions: number;
  readonly skippedInvocations: number;
}

export function indexInvocations(
  files: Azure2019Files,
  opts: Azure2019Options,
  durations: KeyedRows,
  memory: KeyedRows | null,
): InvocationIndex {
  const { path, display } = files.invocations;
  const reader = new LineReader(path, display);
  try {
    const header = new Header(display, reader.next());
    const idCols = {
      owner: header.col('HashOwner'),
      app: header.col('HashApp'),
      fn: header.col('HashFunction'),
      trigger: header.col('Trigger'),
    };
    const minuteCols = minuteColumns(header.names, display);
    const window = minuteWindow(header.names, minuteCols, opts, display);
    const indexer = new Indexer(files, opts, durations, memory, header.names, idCols, minuteCols, window);
    for (let line = reader.next(); line !== null; line = reader.next()) {
      if (line.trim() !== '') indexer.row(reader, line);
    }
    return indexer.result();
  } finally {
    reader.close();
  }
}

interface ColumnRange {
  readonly first: number;
  readonly last: number;
}

/** The minute columns: the integer-named ones, side by side and consecutive. */
function minuteColumns(names: readonly string[], display: string): ColumnRange {
  const isMinute = (c: number) => /^\d+$/.test(names[c]);
  const first = names.findIndex((_, c) => isMinute(c));
  if (first < 0) {
    fail(
      display,
      1,
      names.length + 1,
      'minute columns named by their minute number (1, 2, ... or 480, 481, ...), got none',
    );
  }
  let last = first;
  while (last + 1 < names.length && isMinute(last + 1)) {
    if (Number(names[last + 1]) !== Number(names[last]) + 1) {
      const want = Number(names[last]) + 1;
      fail(display, 1, last + 2, `minute column ${want} (minute columns consecutive), got "${names[last + 1]}"`);
    }
    last++;
  }
  for (let c = last + 1; c < names.length; c++) {
    if (isMinute(c))
      fail(display, 1, c + 1, `minute columns side by side, got minute "${names[c]}" after other columns`);
  }
  return { first, last };
}

/** The window: the options' [fromMin, toMin) cut to the file's minutes (it must overlap them). */
function minuteWindow(
  names: readonly string[],
  cols: ColumnRange,
  opts: Azure2019Options,
  display: string,
): MinuteWindow {
  const fileFirstMin = Number(names[cols.first]);
  const fileLastMin = Number(names[cols.last]);
  const fromMin = Math.max(opts.fromMin ?? fileFirstMin, fileFirstMin);
  const toMin = Math.min(opts.toMin ?? fileLastMin + 1, fileLastMin + 1);
  if (!(fromMin < toMin)) {
    fail(
      display,
      1,
      cols.first + 1,
      `a window overlapping the trace's minutes ${fileFirstMin}..${fileLastMin}, ` +
        `got fromMin ${opts.fromMin ?? '(start)'} toMin ${opts.toMin ?? '(end)'}`,
    );
  }
  const blockMinutes = Math.max(1, Math.floor(opts.blockMinutes ?? 60));
  return {
    fileFirstMin,
    fileLastMin,
    fromMin,
    toMin,
    blockMinutes,
    blocks: Math.ceil((toMin - fromMin) / blockMinutes),
  };
}

interface IdColumns {
  readonly owner: number;
  readonly app: number;
  readonly fn: number;
  readonly trigger: number;
}

/** Validates, joins and indexes the rows one by one. */
class Indexer {
  private readonly trigger: number[] = [];
  private readonly apps: number[] = [];
  private readonly appIds: string[] = [];
  private readonly appMap = new Map<string, number>();
  private readonly durationRow: number[] = [];
  private readonly memoryRow: number[] = [];
  private readonly perFunction: number[] = [];
  private readonly perMinute: Float64Array;
  private readonly seen = new Set<string>();
  private readonly triggerIndex = new Map<string, number>(TRIGGERS.map((t, i) => [t, i]));
  private readonly stride: number;
  /** First column of the window, and its width in minutes. */
  private readonly c0: number;
  private readonly minutes: number;
  private offsets: Float64Array;
  private skippedFunctions = 0;
  private skippedInvocations = 0;

  constructor(
    private readonly files: Azure2019Files,
    private readonly opts: Azure2019Options,
    private readonly durations: KeyedRows,
    private readonly memory: KeyedRows | null,
    private readonly names: readonly string[],
    private readonly cols: IdColumns,
    private readonly minuteCols: ColumnRange,
    private readonly window: MinuteWindow,
  ) {
    this.c0 = minuteCols.first + (window.fromMin - window.fileFirstMin);
    this.minutes = window.toMin - window.fromMin;
    this.stride = window.blocks + 1;
    this.perMinute = new Float64Array(this.minutes);
    this.offsets = new Float64Array(64 * this.stride);
  }

  row(reader: LineReader, line: string): void {
    const display = this.files.invocations.display;
    const lineNo = reader.lineNo;
    const { owner: cOwner, app: cApp, fn: cFn, trigger: cTrigger } = this.cols;
    const fields = splitRow(display, lineNo, line, this.names.length);
    const owner = idField(display, lineNo, fields, cOwner, 'HashOwner');
    const app = idField(display, lineNo, fields, cApp, 'HashApp');
    const fn = idField(display, lineNo, fields, cFn, 'HashFunction');
    const t = this.triggerIndex.get(fields[cTrigger].trim());
    if (t === undefined) {
      fail(display, lineNo, cTrigger + 1, `a trigger (${TRIGGERS.join(', ')}), got ${shown(fields[cTrigger])}`);
    }
    const total = this.windowCount(lineNo, fields);
    const key = `${owner},${app},${fn}`;
    if (this.seen.has(key)) {
      const what = 'a function not listed before (HashOwner, HashApp, HashFunction unique)';
      fail(display, lineNo, cFn + 1, `${what}, got ${shown(fn)} again`);
    }
    this.seen.add(key);
    const d = this.durations.index.get(key);
    const m =
      this.memory === null ? -1 : (this.memory.index.get(key) ?? this.memory.index.get(`${owner},${app}`) ?? -2);
    if (d === undefined || m === -2) {
      this.missing(d === undefined, total, lineNo, fn);
      return;
    }
    for (let c = this.c0; c < this.c0 + this.minutes; c++) this.perMinute[c - this.c0] += Number(fields[c]);
    const f = this.trigger.length;
    this.trigger.push(t);
    this.apps.push(this.appOf(app));
    this.durationRow.push(d);
    this.memoryRow.push(m);
    this.perFunction.push(total);
    this.recordOffsets(f, reader, line, fields);
  }

  result(): InvocationIndex {
    const F = this.trigger.length;
    return {
      ...this.window,
      trigger: Uint8Array.from(this.trigger),
      appIndex: Int32Array.from(this.apps),
      appIds: this.appIds,
      durationRow: this.durationRow,
      memoryRow: this.memoryRow,
      countPerFunction: Float64Array.from(this.perFunction),
      countPerMinute: this.perMinute,
      offsets: this.offsets.slice(0, F * this.stride),
      skippedFunctions: this.skippedFunctions,
      skippedInvocations: this.skippedInvocations,
    };
  }

  /** Checks every minute count of the row; returns the sum over the window. */
  private windowCount(lineNo: number, fields: readonly string[]): number {
    const display = this.files.invocations.display;
    let total = 0;
    for (let c = this.minuteCols.first; c <= this.minuteCols.last; c++) {
      const v = numberField(display, lineNo, fields, c, `an invocation count for minute ${this.names[c]}`, 0);
      if (c >= this.c0 && c < this.c0 + this.minutes) total += v;
    }
    return total;
  }

  /** A function without a durations (or memory) row: skipped and counted, or an error (missing: error). */
  private missing(noDurations: boolean, total: number, lineNo: number, fn: string): void {
    if (this.opts.missing === 'skip') {
      this.skippedFunctions++;
      this.skippedInvocations += total;
      return;
    }
    const other = noDurations ? this.files.durations.display : this.files.memory?.display;
    const message = `a function with a row in ${other} (or missing: skip), got ${shown(fn)}`;
    fail(this.files.invocations.display, lineNo, this.cols.fn + 1, message);
  }

  private appOf(app: string): number {
    let a = this.appMap.get(app);
    if (a === undefined) {
      a = this.appMap.size;
      this.appMap.set(app, a);
      this.appIds.push(app);
    }
    return a;
  }

  /** Byte offsets of the block starts of function f's row: the position of each block's first field, in bytes. */
  private recordOffsets(f: number, reader: LineReader, line: string, fields: readonly string[]): void {
    const { blockMinutes, blocks } = this.window;
    const stride = this.stride;
    if ((f + 1) * stride > this.offsets.length) {
      const bigger = new Float64Array(this.offsets.length * 2);
      bigger.set(this.offsets);
      this.offsets = bigger;
    }
    const ascii = reader.lineBytes === line.length;
    const toByte = (charPos: number) =>
      reader.lineOffset + (ascii ? charPos : Buffer.byteLength(line.slice(0, charPos)));
    let pos = 0;
    let block = 0;
    for (let c = 0; c < this.c0 + this.minutes; c++) {
      if (c >= this.c0 && (c - this.c0) % blockMinutes === 0) this.offsets[f * stride + block++] = toByte(pos);
      pos += fields[c].length + 1;
    }
    this.offsets[f * stride + blocks] = toByte(pos - 1);
  }
}
