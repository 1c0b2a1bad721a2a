// The Azure Functions 2021 invocation trace: one row per invocation, columns app, func, end_timestamp (s from
// the start of the trace), duration (s). Start (arrival) time = end_timestamp - duration, clamped at 0 (the
// durations are rounded to 1 ms, so a sub-millisecond start can come out a hair below 0).
// The original file is sorted by start time; the reader streams it row by row and checks every row
// (the first bad one is reported as `<file>:<line>:<col>: ...`).

import { fail, Header, idField, LineReader, numberField, splitRow } from './csv.ts';

export interface Azure2021Row {
  readonly app: string;
  readonly func: string;
  readonly startS: number;
  readonly durationS: number;
  readonly line: number;
}

export class Azure2021Reader {
  private readonly reader: LineReader;
  private readonly cols: number;
  private readonly cApp: number;
  private readonly cFunc: number;
  readonly cEnd: number;
  private readonly cDur: number;

  constructor(
    path: string,
    readonly display: string,
  ) {
    this.reader = new LineReader(path, display);
    try {
      const header = new Header(display, this.reader.next());
      this.cols = header.names.length;
      this.cApp = header.col('app');
      this.cFunc = header.col('func');
      this.cEnd = header.col('end_timestamp');
      this.cDur = header.col('duration');
    } catch (err) {
      this.reader.close();
      throw err;
    }
  }

  /** The next row, or null at the end of the file (the file is then closed). */
  next(): Azure2021Row | null {
    for (;;) {
      const line = this.reader.next();
      if (line === null) return null;
      if (line.trim() === '') continue;
      const n = this.reader.lineNo;
      try {
        const fields = splitRow(this.display, n, line, this.cols);
        const app = idField(this.display, n, fields, this.cApp, 'app');
        const func = idField(this.display, n, fields, this.cFunc, 'func');
        const end = numberField(this.display, n, fields, this.cEnd, 'an end time in s (end_timestamp)', 0);
        const durationS = numberField(this.display, n, fields, this.cDur, 'a duration in s', 0);
        if (durationS > end + 0.001)
          fail(
            this.display,
            n,
            this.cDur + 1,
            `a duration <= end_timestamp (${end}; the invocation started before the trace), ` +
              `got ${fields[this.cDur].trim()}`,
          );
        return { app, func, startS: Math.max(0, end - durationS), durationS, line: n };
      } catch (err) {
        this.reader.close();
        throw err;
      }
    }
  }

  close(): void {
    this.reader.close();
  }
}
