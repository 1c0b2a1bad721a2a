import { describe, expect, it } from 'vitest';
import { explore, exploreAll } from '../../properties/explorer.ts';
import { scopes } from '../../properties/scopes.ts';
import { mutantTransition } from './helpers.ts';

// The bounded exhaustive explorer on its small scopes: complete, no violation on the spec for XX, and it finds a
// planted bug with the path that leads to it.

const scope = (policy: string, name: string) => {
  const s = scopes(policy).find((x) => x.name === name);
  if (s === undefined) throw new Error(`no scope ${name}`);
  return s;
};

describe('exhaustive explorer', () => {
  it('explores every scope of XX completely without a violation', () => {
    const rs = exploreAll(scopes('xx'));
    expect(rs.map((r) => [r.scope, r.complete, r.violation])).toEqual(scopes('xx').map((s) => [s.name, true, null]));
    for (const r of rs) expect(r.states).toBeGreaterThan(1);
  });

  it('finds the hermod priority inversion on the priority scope, with its path', () => {
    const r = explore(scope('hermod', 'priority'));
    expect(r.violation?.property).toBe('noPriorityInversion');
    expect(r.violation?.events.length).toBeGreaterThan(0);
  });

  it('reports its progress while it explores (the terminal bar of check --exhaustive)', () => {
    const seen: { scope: string; explored: number; states: number }[] = [];
    const r = explore(scope('xx', 'polling'), undefined, { maxStates: 10_000, onProgress: (p) => seen.push(p) });
    expect(seen[0]).toEqual({ scope: 'polling', explored: 0, states: 1 });
    for (const p of seen) expect(p.explored).toBeLessThanOrEqual(Math.min(p.states, r.states));
  });

  it('deduplicates: a tiny scope has few states', () => {
    const r = explore(scope('xx', 'polling'), undefined, { maxStates: 10_000 });
    expect(r.complete).toBe(true);
    expect(r.states).toBeLessThan(200);
  });

  it('kills the noPreemption mutant', async () => {
    const rs = exploreAll(scopes('xx'), await mutantTransition('noPreemption'));
    expect(rs[rs.length - 1].violation?.property).toBe('noPriorityInversion');
  });
});
