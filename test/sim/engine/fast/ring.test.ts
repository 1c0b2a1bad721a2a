import { describe, expect, it } from 'vitest';
import { SlotRing } from '../../../../sim/engine/fast/ring.ts';

describe('SlotRing', () => {
  it('is a FIFO across wrap-arounds and growth', () => {
    const ring = new SlotRing();
    const expected: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < (round % 7) + 1; i++) {
        ring.push(next, next * 10);
        expected.push(next++);
      }
      for (let i = 0; i < round % 5 && ring.size > 0; i++) {
        expect(ring.peekAtUs()).toBe(expected[0] * 10);
        expect(ring.shift()).toBe(expected.shift());
      }
    }
    while (ring.size > 0) expect(ring.shift()).toBe(expected.shift());
    expect(expected).toEqual([]);
  });
});
