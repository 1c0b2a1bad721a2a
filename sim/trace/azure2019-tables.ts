// The durations and memory files of the 2019 trace: one row per function (memory: per function, or per app when
// the file has no HashFunction column), keyed by owner,app[,function]; percentile columns validated
// (numbers >= 0, nondecreasing). Loaded whole: they are bounded by the number of functions.

import { fail, Header, idField, LineReader, numberField, splitRow } from './csv.ts';

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

export interface KeyedRows {
  /** Key (owner,app,function or owner,app) -> row index. */
  readonly index: Map<string, number>;
  readonly vals: number[];
  readonly average: number[];
}

interface TableRow {
  readonly key: string;
  readonly average: number;
  readonly vals: readonly number[];
}

type RowReader = (fields: readonly string[], lineNo: number) => TableRow;

/** Reads a keyed table; `rowReader` (made from the header) checks a row and turns it into key, average, values. */
function loadKeyedRows(path: string, display: string, rowReader: (header: Header) => RowReader): KeyedRows {
  const reader = new LineReader(path, display);
  try {
    const header = new Header(display, reader.next());
    const rowOf = rowReader(header);
    const out: KeyedRows = { index: new Map(), vals: [], average: [] };
    for (let line = reader.next(); line !== null; line = reader.next()) {
      if (line.trim() === '') continue;
      const row = rowOf(splitRow(display, reader.lineNo, line, header.names.length), reader.lineNo);
      if (out.index.has(row.key)) continue; // a duplicate row: the first one wins
      out.index.set(row.key, out.average.length);
      out.average.push(row.average);
      out.vals.push(...row.vals);
    }
    return out;
  } finally {
    reader.close();
  }
}

export function loadDurations(path: string, display: string, minmax: boolean): KeyedRows {
  return loadKeyedRows(path, display, (header) => {
    const cOwner = header.col('HashOwner');
    const cApp = header.col('HashApp');
    const cFn = header.col('HashFunction');
    const cAvg = header.col('Average');
    const cols = DURATION_COLS.map((n) => header.col(n));
    const cMin = minmax ? header.col('Minimum') : -1;
    const cMax = minmax ? header.col('Maximum') : -1;
    return (fields, n) => {
      const key = [
        idField(display, n, fields, cOwner, 'HashOwner'),
        idField(display, n, fields, cApp, 'HashApp'),
        idField(display, n, fields, cFn, 'HashFunction'),
      ].join(',');
      const average = numberField(display, n, fields, cAvg, 'an execution time in ms (Average)', 0);
      const vals = percentileRow(display, n, fields, cols, DURATION_COLS, 'an execution time in ms');
      if (minmax) {
        const lo = numberField(display, n, fields, cMin, 'an execution time in ms (Minimum)', 0);
        const hi = numberField(display, n, fields, cMax, 'an execution time in ms (Maximum)', 0);
        vals[0] = Math.min(lo, vals[0]);
        vals[vals.length - 1] = Math.max(hi, vals[vals.length - 1]);
      }
      return { key, average, vals };
    };
  });
}

/** Keyed by owner,app,function, or by owner,app when the file has no HashFunction column (per-app memory). */
export function loadMemory(path: string, display: string): KeyedRows {
  return loadKeyedRows(path, display, (header) => {
    const cOwner = header.col('HashOwner');
    const cApp = header.col('HashApp');
    const cFn = header.has('HashFunction') ? header.col('HashFunction') : -1;
    const cAvg = header.col('AverageAllocatedMb');
    const cols = MEMORY_COLS.map((n) => header.col(n));
    return (fields, n) => {
      let key = `${idField(display, n, fields, cOwner, 'HashOwner')},${idField(display, n, fields, cApp, 'HashApp')}`;
      if (cFn >= 0) key += `,${idField(display, n, fields, cFn, 'HashFunction')}`;
      const average = numberField(display, n, fields, cAvg, 'a memory size in MB (AverageAllocatedMb)', 0);
      return { key, average, vals: percentileRow(display, n, fields, cols, MEMORY_COLS, 'a memory size in MB') };
    };
  });
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
