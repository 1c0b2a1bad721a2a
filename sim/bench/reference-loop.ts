import type { WorkloadSource } from '../workload/source.ts';

// The benchmark's yardstick: the same arrivals, power-of-k least-loaded placement and completions, written as
// a bare loop over typed arrays with no model, no policies, no memory and no metrics. Comparing the simulator
// with it on the same machine gives a ratio that holds on a noisy machine, where absolute rates do not.

export interface ReferenceResult {
  readonly invocations: number;
  readonly events: number;
  readonly wallS: number;
}

export function referenceLoop(
  source: WorkloadSource,
  machines: number,
  cores: number,
  k: number,
  uniform: () => number,
): ReferenceResult {
  const load = new Int32Array(machines); // functions on the machine
  const busy = new Int32Array(machines);
  // Per-machine FIFO of waiting work, as linked lists through shared typed arrays.
  let capacity = 1 << 16;
  let nextWork = new Float64Array(capacity);
  let nextLink = new Int32Array(capacity);
  const head = new Int32Array(machines).fill(-1);
  const tail = new Int32Array(machines).fill(-1);
  let freeSlot = 0;
  const freeList: number[] = [];
  // Completion heap: (timeUs, machine).
  let heapT = new Float64Array(1024);
  let heapM = new Int32Array(1024);
  let n = 0;
  const push = (t: number, m: number): void => {
    if (n === heapT.length) {
      const t2 = new Float64Array(n * 2);
      t2.set(heapT);
      heapT = t2;
      const m2 = new Int32Array(n * 2);
      m2.set(heapM);
      heapM = m2;
    }
    let i = n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heapT[p] <= t) break;
      heapT[i] = heapT[p];
      heapM[i] = heapM[p];
      i = p;
    }
    heapT[i] = t;
    heapM[i] = m;
  };
  const pop = (): void => {
    const t = heapT[--n];
    const m = heapM[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && heapT[c + 1] < heapT[c]) c++;
      if (t <= heapT[c]) break;
      heapT[i] = heapT[c];
      heapM[i] = heapM[c];
      i = c;
    }
    heapT[i] = t;
    heapM[i] = m;
  };
  const enqueue = (m: number, work: number): void => {
    let slot: number;
    if (freeList.length > 0) slot = freeList.pop() as number;
    else {
      if (freeSlot === capacity) {
        capacity *= 2;
        const w2 = new Float64Array(capacity);
        w2.set(nextWork);
        nextWork = w2;
        const l2 = new Int32Array(capacity);
        l2.set(nextLink);
        nextLink = l2;
      }
      slot = freeSlot++;
    }
    nextWork[slot] = work;
    nextLink[slot] = -1;
    if (tail[m] < 0) head[m] = slot;
    else nextLink[tail[m]] = slot;
    tail[m] = slot;
  };

  const start = performance.now();
  let invocations = 0;
  let events = 0;
  let next = source.next();
  for (;;) {
    const tArrival = next === null ? Infinity : next.arrivalUs;
    if (n > 0 && heapT[0] <= tArrival) {
      const t = heapT[0];
      const m = heapM[0];
      pop();
      events++;
      load[m]--;
      if (head[m] >= 0) {
        const slot = head[m];
        head[m] = nextLink[slot];
        if (head[m] < 0) tail[m] = -1;
        freeList.push(slot);
        push(t + nextWork[slot], m);
      } else busy[m]--;
      continue;
    }
    if (next === null) break;
    events++;
    invocations++;
    let best = Math.floor(uniform() * machines);
    for (let j = 1; j < k; j++) {
      const c = Math.floor(uniform() * machines);
      if (load[c] < load[best]) best = c;
    }
    load[best]++;
    if (busy[best] < cores) {
      busy[best]++;
      push(tArrival + next.template.workUs, best);
    } else enqueue(best, next.template.workUs);
    next = source.next();
  }
  return { invocations, events, wallS: (performance.now() - start) / 1000 };
}
