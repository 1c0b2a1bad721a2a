import { describe, expect, it } from 'vitest';
import { IdleHeap, IdleIndex } from '../../../../sim/engine/fast/idle-heap.ts';

// The heap gives what the spec's list gives (model/shard/placement.ts pickIdleEntry): fewest functions, ties to
// the earliest joined; an update keeps an entry's place in the join order.

function listBest(list: { id: number; functions: number }[]): number {
  let best = list[0];
  for (const e of list) if (e.functions < best.functions) best = e;
  return best.id;
}

describe('IdleHeap', () => {
  it('agrees with the spec list under random joins, updates and removals', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const index = new IdleIndex(20);
    const heap = new IdleHeap(index, 0);
    let list: { id: number; functions: number }[] = [];
    for (let i = 0; i < 2000; i++) {
      const id = rand(20);
      const op = rand(3);
      const on = list.some((e) => e.id === id);
      if (op === 0) {
        list = [...list.filter((e) => e.id !== id), { id, functions: rand(4) }];
        heap.join(id, list[list.length - 1].functions);
      } else if (op === 1 && on) {
        const functions = rand(4);
        list = list.map((e) => (e.id === id ? { id, functions } : e));
        heap.setFunctions(id, functions);
      } else if (op === 2) {
        list = list.filter((e) => e.id !== id);
        heap.leave(id);
      }
      expect(heap.size).toBe(list.length);
      if (list.length > 0) expect(heap.best()).toBe(listBest(list));
    }
  });

  it('refuses a machine on two lists', () => {
    const index = new IdleIndex(2);
    new IdleHeap(index, 0).join(1, 0);
    expect(() => new IdleHeap(index, 1).join(1, 0)).toThrow(/joins shard 1's list while on 0's/);
  });
});
