import type { Invariant } from './types.ts';
import { verdictsOf } from './types.ts';

// FCFS within a class: on a machine, a task that starts is the earliest-placed runnable task of its class (the
// shadow checks each start); a preempted task keeps its place. In a shard, each class queue is in the order its
// invocations entered it, and a placement takes a head (shardChoice checks which head).

export const fcfsWithinClass: Invariant = {
  name: 'fcfsWithinClass',
  description:
    'first come first served within a class, on machines (preempted tasks keep their place) and in shard queues',
  check(v, probe) {
    const machine = verdictsOf(v, 'fcfsWithinClass', probe);
    if (machine !== null) return machine;
    for (const s of v.next.shards) {
      for (const [c, q] of s.queues.entries()) {
        for (let i = 1; i < q.length; i++) {
          probe.checked();
          if (q[i - 1].enqueuedUs > q[i].enqueuedUs)
            return `shard ${s.id} queue ${c}: ${q[i].inv.id} is behind a later arrival`;
        }
      }
    }
    return placedFromTheHead(v);
  },
};

/** A queue loses only its head: what a shard queue held before is still in order, minus what was taken. */
function placedFromTheHead(v: Parameters<Invariant['check']>[0]): string | null {
  const placed = new Set(v.result.outputs.flatMap((o) => (o.type === 'placed' ? [o.invId] : [])));
  // A head taken into a poll leaves its queue now and is placed when the last load arrives (a network delay).
  for (const s of v.next.shards) if (s.poll !== null) placed.add(s.poll.item.inv.id);
  for (const s of v.prev.shards) {
    const after = v.next.shards[s.id];
    for (const [c, q] of s.queues.entries()) {
      const kept = q.filter((item) => !placed.has(item.inv.id));
      const removedFromMiddle = q.findIndex((item) => placed.has(item.inv.id)) > 0;
      const nowIds = after.queues[c].map((item) => item.inv.id);
      if (removedFromMiddle) return `shard ${s.id} queue ${c}: placed an invocation that was not at the head`;
      if (!kept.every((item, i) => nowIds[i] === item.inv.id)) return `shard ${s.id} queue ${c}: its order changed`;
    }
  }
  return null;
}
