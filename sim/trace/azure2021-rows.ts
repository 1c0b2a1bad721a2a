// The rows of a 2021 trace inside the window (and durationS), in file order, with start times relative to the
// window; and the format's default classOf (by median duration).

import { InputError } from '../util/errors.ts';
import { Azure2021Reader, type Azure2021Row } from './azure2021.ts';
import { MINUTE_US, type TraceContext } from './context.ts';
import type { ClassRule } from './spec.ts';

/** classOf by default: a function whose median duration is at most 1 s is user-facing. */
export const DEFAULT_CLASS_RULE_2021: ClassRule = { rule: 'duration', thresholdS: 1 };

export interface WindowRow {
  readonly row: Azure2021Row;
  /** Start time, us from the start of the window. */
  readonly startUs: number;
  /** Minute of the start time, from the start of the window. */
  readonly minute: number;
  readonly display: string;
}

export function* windowRows(ctx: TraceContext): Generator<WindowRow> {
  const f = ctx.file(ctx.spec.path);
  const reader = new Azure2021Reader(f.path, f.display);
  try {
    const w = ctx.window(0);
    const fromUs = w.from * MINUTE_US;
    const toUs = w.to === undefined ? Infinity : w.to * MINUTE_US;
    const durationUs = ctx.durationUs();
    let lastMinute = -1;
    for (let row = reader.next(); row !== null; row = reader.next()) {
      const absUs = Math.floor(row.startS * 1e6);
      const minute = Math.floor(absUs / MINUTE_US);
      if (minute < lastMinute) {
        reader.close();
        throw new InputError(
          `${f.display}:${row.line}:${reader.cEnd + 1}: an invocation starting (end_timestamp - duration) ` +
            `in minute ${lastMinute} or later (rows sorted by start time, to the minute), got minute ${minute}`,
        );
      }
      lastMinute = minute;
      if (absUs < fromUs) continue;
      if (absUs >= toUs || absUs - fromUs >= durationUs) break;
      yield { row, startUs: absUs - fromUs, minute: minute - w.from, display: f.display };
    }
  } finally {
    reader.close();
  }
}
