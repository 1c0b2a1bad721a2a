import { describe, expect, it } from 'vitest';
import type { Invocation } from '../../model/index.ts';
import { initialWorld, topLevel } from '../../model/index.ts';
import { invalidInvocation } from '../../model/invocation.ts';
import { config, inv, tmpl } from './helpers.ts';

// What may enter the model (model/invocation.ts invalidInvocation, checked by the budget on every arrival; and
// initialWorld's cluster checks): each rule at its boundary, the value just inside accepted and just outside
// refused, with the message naming the invocation. Two classes (TWO_CLASSES) unless said.

const ok = (i: Invocation, classCount = 2) => expect(invalidInvocation(i, classCount)).toBeNull();
const refused = (i: Invocation, message: string, classCount = 2) =>
  expect(invalidInvocation(i, classCount)).toBe(`invocation ${i.id}: ${message}`);

describe('invalidInvocation: work, memory, classes, children', () => {
  it('work is an integer number of microseconds, at least 1', () => {
    ok(inv(1, 0, 1));
    refused(inv(1, 0, 0), 'workUs must be an integer >= 1, got 0');
    refused(inv(2, 0, 1.5), 'workUs must be an integer >= 1, got 1.5');
  });

  it('initial memory is an integer >= 0', () => {
    ok(inv(1, 0, 10, 0, { initialMemoryMB: 0, peakMemoryMB: 0 }));
    refused(inv(1, 0, 10, 0, { initialMemoryMB: -1, peakMemoryMB: 0 }), 'initialMemoryMB must be an integer >= 0');
    refused(inv(1, 0, 10, 0, { initialMemoryMB: 0.5, peakMemoryMB: 1 }), 'initialMemoryMB must be an integer >= 0');
  });

  it('peak memory is an integer >= the initial memory (equal is fine)', () => {
    ok(inv(1, 0, 10, 0, { initialMemoryMB: 100, peakMemoryMB: 100 }));
    const msg = 'peakMemoryMB must be an integer >= initialMemoryMB';
    refused(inv(1, 0, 10, 0, { initialMemoryMB: 100, peakMemoryMB: 99 }), msg);
    refused(inv(1, 0, 10, 0, { initialMemoryMB: 100, peakMemoryMB: 100.5 }), msg);
  });

  it('the declared and the effective class are both rows of the class table', () => {
    ok(inv(1, 1, 10));
    ok(inv(1, 2, 10), 3);
    refused(inv(1, 2, 10), 'class 2 is not in the class table');
    refused(inv(1, -1, 10), 'class -1 is not in the class table');
    refused(inv(1, 0.5, 10), 'class 0.5 is not in the class table');
    // A valid declared class does not cover an effective class out of the table (or the other way round).
    refused({ ...inv(1, 0, 10), effectiveClass: 2 }, 'class 2 is not in the class table');
    refused({ ...inv(1, 2, 10), effectiveClass: 0 }, 'class 2 is not in the class table');
  });

  it('children start at integer work points in [0, workUs], in order (ties and both ends allowed)', () => {
    const child = tmpl(9, 0, 5);
    const at = (...points: number[]) =>
      inv(1, 0, 10, 0, { children: points.map((p) => ({ afterWorkUs: p, spec: child })) });
    ok(at(0, 0, 10, 10));
    const msg = 'children must start at integer work points in [0, workUs], in order';
    refused(at(11), msg);
    refused(at(-1), msg);
    refused(at(5, 4), msg);
    refused(at(2.5), msg);
    // The order is checked against the previous child, not only against 0.
    refused(at(3, 7, 6), msg);
  });

  it('a top-level invocation has no parent and is scheduled at its declared class', () => {
    const i = topLevel(tmpl(4, 1, 10), 7);
    expect(i).toMatchObject({ id: 4, parentId: -1, declaredClass: 1, effectiveClass: 1, arrivalUs: 7 });
  });
});

describe('initialWorld: the cluster has at least one shard and one machine', () => {
  const m = { cores: 1, memoryMB: 1024, swapMB: 0 };

  it('refuses 0 or a fractional number of shards, and no machines', () => {
    expect(() => initialWorld(config(), { shards: 0, machines: [m] })).toThrow('a cluster needs >= 1 shard, got 0');
    expect(() => initialWorld(config(), { shards: 1.5, machines: [m] })).toThrow('a cluster needs >= 1 shard, got 1.5');
    expect(() => initialWorld(config(), { shards: 1, machines: [] })).toThrow('a cluster needs >= 1 machine');
  });

  it('accepts the smallest cluster: one shard, one machine', () => {
    const w = initialWorld(config(), { shards: 1, machines: [m] });
    expect([w.shards.length, w.machines.length, w.dispatchers.length]).toEqual([1, 1, 1]);
  });
});
