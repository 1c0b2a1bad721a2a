import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../../model/index.ts';
import { compareEvents, EVENT_RANK, tieKey, topLevel } from '../../../model/index.ts';
import { EventQueue } from '../../../sim/engine/event-queue.ts';

// The agenda pops events by (time, kind, id, order pushed): the model's canonical same-time order, then the order
// scheduled for what is left. Never by accident of the heap's layout.

function drain<P>(q: EventQueue<P>): P[] {
  const out: P[] = [];
  for (let p = q.pop(); p !== undefined; p = q.pop()) out.push(p);
  return out;
}

describe('EventQueue', () => {
  it('orders by time first', () => {
    const q = new EventQueue<string>();
    q.push(30, 0, 0, 'c');
    q.push(10, 5, 9, 'a');
    q.push(20, 0, 0, 'b');
    expect(drain(q)).toEqual(['a', 'b', 'c']);
  });

  it('at the same time, by rank, then tie key, then the order pushed', () => {
    const q = new EventQueue<string>();
    q.push(5, 2, 1, 'rank2');
    q.push(5, 1, 7, 'rank1-tie7-first');
    q.push(5, 1, 3, 'rank1-tie3');
    q.push(5, 1, 7, 'rank1-tie7-second');
    q.push(5, 0, 99, 'rank0');
    expect(drain(q)).toEqual(['rank0', 'rank1-tie3', 'rank1-tie7-first', 'rank1-tie7-second', 'rank2']);
  });

  it('keeps the order pushed among equal keys through growth and many interleaved pops', () => {
    const q = new EventQueue<number>();
    for (let i = 0; i < 5000; i++) q.push(i % 7, 0, 0, i);
    const popped = drain(q);
    const expected = Array.from({ length: 5000 }, (_, i) => i).sort((a, b) => (a % 7) - (b % 7) || a - b);
    expect(popped).toEqual(expected);
  });

  it("pops the model's events in its canonical order (compareEvents)", () => {
    const template = { tenantId: 0, functionId: 0, declaredClass: 0, workUs: 1, initialMemoryMB: 0, peakMemoryMB: 0 };
    const inv = (id: number) => topLevel({ ...template, id, children: [] }, 10);
    const events: ModelEvent[] = [
      { type: 'place', atUs: 10, shardId: 1, sampledMachines: [] },
      { type: 'arrive', atUs: 10, inv: inv(4), shardId: 0 },
      { type: 'wake', atUs: 10, machineId: 2 },
      { type: 'idleJoin', atUs: 10, machineId: 0, sampledShards: [] },
      { type: 'place', atUs: 10, shardId: 0, sampledMachines: [] },
      { type: 'arrive', atUs: 10, inv: inv(3), shardId: 1 },
      { type: 'release', atUs: 10 },
      { type: 'setUsableMemory', atUs: 10, machineId: 1, memoryMB: 5 },
      { type: 'wake', atUs: 9, machineId: 5 },
    ];
    const q = new EventQueue<ModelEvent>();
    for (const e of events) q.push(e.atUs, EVENT_RANK[e.type], tieKey(e), e);
    expect(drain(q)).toEqual([...events].sort(compareEvents));
    expect(drain(q)).toEqual([]);
  });
});
