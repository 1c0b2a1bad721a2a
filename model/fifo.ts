// A persistent FIFO queue with O(1) amortized push and shift.
//
// Why not a plain array copied on every push: shard queues can hold tens of thousands of invocations under
// overload, and copying them per event makes a run quadratic. A queue value is a window [head, tail) over a
// shared buffer. `push` appends in place only when this value owns the buffer's end (tail === buf.length)
// and the buffer is not frozen; an older value still sees only its own window, so no value ever observes a
// change: the queue is persistent and the reducers stay pure. Use `fifoItems` for comparisons and hashing,
// never the raw buffer (it may hold items past `tail` that belong to a newer value).

export interface Fifo<T> {
  readonly buf: readonly T[];
  readonly head: number;
  readonly tail: number;
}

const EMPTY: Fifo<never> = Object.freeze({ buf: Object.freeze([]) as readonly never[], head: 0, tail: 0 });

export function emptyFifo<T>(): Fifo<T> {
  return EMPTY;
}

export function fifoSize<T>(q: Fifo<T>): number {
  return q.tail - q.head;
}

export function fifoPeek<T>(q: Fifo<T>): T | undefined {
  return q.head < q.tail ? q.buf[q.head] : undefined;
}

export function fifoPush<T>(q: Fifo<T>, item: T): Fifo<T> {
  if (q.tail === q.buf.length && !Object.isFrozen(q.buf)) {
    (q.buf as T[]).push(item);
    return { buf: q.buf, head: q.head, tail: q.tail + 1 };
  }
  const buf = q.buf.slice(q.head, q.tail);
  buf.push(item);
  return { buf, head: 0, tail: buf.length };
}

export function fifoShift<T>(q: Fifo<T>): Fifo<T> {
  if (q.head >= q.tail) return q;
  const head = q.head + 1;
  if (head === q.tail) return EMPTY;
  // Compact once the dead prefix dominates, so memory stays proportional to the live items.
  if (head > 1024 && head * 2 > q.buf.length) {
    const buf = q.buf.slice(head, q.tail);
    return { buf, head: 0, tail: buf.length };
  }
  return { buf: q.buf, head, tail: q.tail };
}

export function fifoItems<T>(q: Fifo<T>): T[] {
  return q.buf.slice(q.head, q.tail);
}

export function fifoFrom<T>(items: readonly T[]): Fifo<T> {
  if (items.length === 0) return EMPTY;
  const buf = items.slice();
  return { buf, head: 0, tail: buf.length };
}
