import { describe, expect, it } from 'vitest';
import { parallelizable, searchParallel } from '../../properties/checker/parallel.ts';
import type { CheckScope } from '../../properties/checker/scope.ts';
import { checkScopes } from '../../properties/checker/scopes.ts';
import { search } from '../../properties/checker/search.ts';
import { Coverage } from '../../properties/coverage.ts';
import { conservation } from '../../properties/invariants/conservation.ts';
import { mutantTransition } from './helpers.ts';

// The parallel search (properties/checker/parallel.ts) against the sequential one: the same states, transitions
// and diameter on the same scope (so every worker's share is explored and none twice), the sometimes-properties
// reached across the workers, and a violation reported exactly as the sequential search reports it.

const byName = (name: string): CheckScope => checkScopes().find((s) => s.name === name) as CheckScope;

describe('checker: parallel search on two worker threads', () => {
  it('room: the same counts as the sequential search, every sometimes-property reached', async () => {
    const scope = byName('room');
    const coverage = new Coverage();
    const p = await searchParallel(scope, { invariants: [], coverage }, 2);
    const s = search(scope, { invariants: [] });
    expect([p.states, p.transitions, p.diameter, p.complete]).toEqual([s.states, s.transitions, s.diameter, true]);
    const reached = new Set([...coverage.outputs.keys(), ...coverage.situations.keys(), ...coverage.messages.keys()]);
    expect(scope.sometimes.filter((k) => !reached.has(k))).toEqual([]);
  });

  it('polling (equal machines, symmetry): every invariant holds, the same counts', async () => {
    const scope = byName('polling');
    const p = await searchParallel(scope, {}, 2);
    expect(p.violations).toEqual([]);
    expect([p.states, p.transitions, p.diameter, p.complete]).toEqual([1920, 3844, 9, true]);
  });

  it('a violation past the shared-out prefix is the sequential search shortest trace', async () => {
    const transition = await mutantTransition('roomFromWaitingOnly');
    const p = await searchParallel(byName('room'), { transition }, 2);
    expect(p.violations.map((v) => [v.property, v.events.length])).toEqual([['noPriorityInversion', 8]]);
    expect(p.violations).toEqual(search(byName('room'), { transition }).violations);
  });

  it('a bound on states or on memory ends the search incomplete, and says which', async () => {
    const p = await searchParallel(byName('room'), { invariants: [], maxStates: 1000 }, 2);
    expect([p.complete, p.stoppedBy]).toEqual([false, 'states']);
    expect(p.states).toBeGreaterThanOrEqual(1000);
    const m = await searchParallel(byName('room'), { invariants: [], maxMemoryMB: 1 }, 2);
    expect([m.complete, m.stoppedBy]).toEqual([false, 'memory']);
  });

  it('the sequential search: the memory bound is read every 4,096 states', () => {
    const s = search(byName('room'), { invariants: [], maxMemoryMB: 1 });
    expect([s.states, s.complete, s.stoppedBy]).toEqual([4096, false, 'memory']);
    expect(search(byName('room'), { invariants: [], maxDepth: 3 }).stoppedBy).toBe('depth');
  });

  it('runs sequentially what the workers cannot rebuild by name', () => {
    expect(parallelizable({ invariants: [conservation] })).toBe(true);
    expect(parallelizable({ invariants: [{ ...conservation, name: 'own' }] })).toBe(false);
    const own = { name: 'own', step: () => null as never, start: () => null as never };
    expect(parallelizable({ transition: own })).toBe(false);
  });
});
