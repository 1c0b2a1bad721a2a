// What every part of a trace workload shares: the options, messages naming the spec's field, file paths, the
// window and the duration cut.

import { isAbsolute, join } from 'node:path';
import { formatPath, InputError } from '../util/errors.ts';
import type { TraceSpec } from './spec.ts';

export interface TraceOptions {
  /** Directory that a relative spec.path is resolved against (the scenario file's directory). */
  readonly baseDir: string;
  readonly seed: number;
  /** Size of the price-class table (class indices 0..classCount-1; the highest is user-facing). */
  readonly classCount: number;
  /** Class names (lowest first), to resolve class names in classOf. */
  readonly classNames?: readonly string[];
  /** Stop arrivals at this many seconds of simulated time (the window is cut to it too). */
  readonly durationS?: number;
  /** Cores of the cluster, for targetLoad when the spec gives no `cores`. */
  readonly cores?: number;
  /** Where the spec came from, for messages (`<specFile>: workload.trace.<field>: ...`). */
  readonly specFile?: string;
  /** Field path of the spec in that file (default workload.trace). */
  readonly specPath?: readonly (string | number)[];
  /** 2019: minutes read per block (memory: functions x blockMinutes counts). Default 60. */
  readonly blockMinutes?: number;
}

export type FieldPath = (string | number)[];

export const MINUTE_US = 60_000_000;

export class TraceContext {
  readonly specFile: string;
  readonly specPath: readonly (string | number)[];

  constructor(
    readonly spec: TraceSpec,
    readonly opts: TraceOptions,
  ) {
    this.specFile = opts.specFile ?? 'trace spec';
    this.specPath = opts.specPath ?? ['workload', 'trace'];
    if (!Number.isInteger(opts.classCount) || opts.classCount < 1) {
      this.error([], `a class table of at least 1 class, got ${opts.classCount}`);
    }
    if (opts.durationS !== undefined && !(opts.durationS > 0)) {
      this.error([], `a positive durationS, got ${opts.durationS}`);
    }
  }

  /** Throws `<specFile>: <specPath>.<path>: <what>`. */
  error(path: FieldPath, what: string): never {
    throw new InputError(`${this.specFile}: ${formatPath([...this.specPath, ...path])}: ${what}`);
  }

  file(p: string): { path: string; display: string } {
    const path = isAbsolute(p) ? p : join(this.opts.baseDir, p);
    return { path, display: path };
  }

  /** [fromMin, toMin) of the spec, toMin cut to durationS. */
  window(fileFrom: number): { from: number; to: number | undefined } {
    const from = this.spec.window?.fromMin ?? fileFrom;
    let to = this.spec.window?.toMin;
    if (this.opts.durationS !== undefined) {
      const cut = from + Math.ceil(this.opts.durationS / 60);
      to = to === undefined ? cut : Math.min(to, cut);
    }
    return { from, to };
  }

  durationUs(): number {
    return this.opts.durationS === undefined ? Infinity : Math.round(this.opts.durationS * 1e6);
  }
}
