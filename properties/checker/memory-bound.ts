import { getHeapStatistics } from 'node:v8';

// The search's memory bound. Two limits: the user's, on the process's resident memory (`--max-memory-mb`: the
// frontier's worlds, the fingerprint tables, every thread), and always one on the JavaScript heap, at 90% of
// V8's limit, so a scope too large for the heap stops incomplete instead of crashing the process. Read every
// CHECK_EVERY admitted states: reading memory costs microseconds, a state about as much.

export type Bound = 'states' | 'depth' | 'memory';

const CHECK_EVERY = 4096;
const HEAP_FRACTION = 0.9;

export class MemoryBound {
  private admitted = 0;
  private readonly heapLimit = getHeapStatistics().heap_size_limit * HEAP_FRACTION;

  constructor(private readonly maxMemoryMB = Infinity) {}

  /** Counts one admitted state; true when memory is over a limit (checked every CHECK_EVERY states). */
  exceeded(): boolean {
    return ++this.admitted % CHECK_EVERY === 0 && this.over();
  }

  /** Whether memory is over a limit now. */
  over(): boolean {
    if (process.memoryUsage.rss() > this.maxMemoryMB * 1024 * 1024) return true;
    return getHeapStatistics().used_heap_size > this.heapLimit;
  }
}
