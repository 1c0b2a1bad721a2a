import { describe, expect, it } from 'vitest';
import { emptyFifo, fifoFrom, fifoItems, fifoPeek, fifoPush, fifoShift, fifoSize } from '../../model/index.ts';

// The persistent FIFO behind shard queues: FIFO order, and no value ever changes when a newer value is pushed
// or shifted (the reducers' purity depends on it).

describe('persistent FIFO', () => {
  it('keeps FIFO order', () => {
    let q = emptyFifo<number>();
    for (let i = 0; i < 5; i++) q = fifoPush(q, i);
    expect(fifoSize(q)).toBe(5);
    expect(fifoPeek(q)).toBe(0);
    q = fifoShift(fifoShift(q));
    expect(fifoItems(q)).toEqual([2, 3, 4]);
    expect(fifoPeek(q)).toBe(2);
  });

  it('an older value is unaffected by pushes and shifts on newer ones, including two branches', () => {
    const a = fifoFrom([1, 2]);
    const b = fifoPush(a, 3);
    const c = fifoPush(a, 4); // a does not own the buffer end any more: must copy
    const d = fifoShift(b);
    const e = fifoPush(d, 5);
    expect(fifoItems(a)).toEqual([1, 2]);
    expect(fifoItems(b)).toEqual([1, 2, 3]);
    expect(fifoItems(c)).toEqual([1, 2, 4]);
    expect(fifoItems(d)).toEqual([2, 3]);
    expect(fifoItems(e)).toEqual([2, 3, 5]);
  });

  it('a frozen buffer is copied, never written', () => {
    const frozen = Object.freeze({ buf: Object.freeze([1, 2]), head: 0, tail: 2 });
    const q = fifoPush(frozen, 3);
    expect(fifoItems(q)).toEqual([1, 2, 3]);
    expect(frozen.buf).toEqual([1, 2]);
  });

  it('shifting an empty queue returns it; emptying gives the empty queue; long runs compact', () => {
    const empty = emptyFifo<number>();
    expect(fifoShift(empty)).toBe(empty);
    expect(fifoSize(fifoShift(fifoFrom([7])))).toBe(0);
    expect(fifoPeek(empty)).toBeUndefined();
    let q = emptyFifo<number>();
    for (let i = 0; i < 5000; i++) q = fifoPush(q, i);
    for (let i = 0; i < 3000; i++) q = fifoShift(q);
    expect(fifoSize(q)).toBe(2000);
    expect(fifoPeek(q)).toBe(3000);
    expect(q.buf.length).toBeLessThan(5000); // the dead prefix was dropped
    expect(fifoItems(q)[1999]).toBe(4999);
  });
});
