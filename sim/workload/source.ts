// What the engine pulls a run's top-level invocations from: the synthetic generator (generator.ts), explicit
// invocations from the scenario file (explicit.ts) and the real traces (sim/trace/) all implement it.

import type { InvocationTemplate } from '../../model/invocation.ts';

/** A top-level invocation and when it arrives (integer microseconds from the start of the run). */
export interface Arrival {
  readonly arrivalUs: number;
  readonly template: InvocationTemplate;
}

export interface WorkloadSource {
  /**
   * The next top-level arrival (arrivalUs nondecreasing), or null when [0, durationS) is exhausted. The returned
   * record may be reused: it is valid until the next call (the template inside may be kept).
   */
  next(): Arrival | null;
}
