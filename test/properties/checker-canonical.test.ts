import { describe, expect, it } from 'vitest';
import { Fingerprinter, machineGroups } from '../../properties/checker/fingerprint.ts';
import type { CheckScope } from '../../properties/checker/scope.ts';
import { checkScopes } from '../../properties/checker/scopes.ts';
import { expansionFor, rootOf } from '../../properties/checker/search.ts';
import type { CheckState } from '../../properties/checker/state.ts';
import { movesOf, routings, successor } from '../../properties/checker/successors.ts';
import { SPEC } from '../../properties/transition.ts';

// The fingerprint is a canonical form: every state reachable in a scope (explored without merging anything) is
// grouped by its fingerprint, and the members of each group must have the same successors, fingerprint for
// fingerprint. If two states merged by the fingerprint could lead to different fingerprints, the states a search
// reaches would depend on which member it met first: on the exploration order, which the parallel search's
// workers race over (it did: jiqPair 529 or 525 states, network 1,473 or 1,433, before ties were broken by trying
// every order of tied machines and shards, and messages in flight were renamed).

const byName = (name: string): CheckScope => checkScopes().find((s) => s.name === name) as CheckScope;

function successors(scope: CheckScope, s: CheckState): CheckState[] {
  return movesOf(expansionFor(scope), s).flatMap((m) => {
    const r = SPEC.step(s.world, m.ev);
    return routings(r.outputs, m.pending, scope.shards).map((pending) => successor(m, r.world, pending, null));
  });
}

/** Groups of states with one fingerprint, among every state reachable without merging (up to `cap` per group). */
function groups(scope: CheckScope, fp: Fingerprinter, cap = 4): CheckState[][] {
  const raw = new Fingerprinter(false, [], scope.shards);
  const key = (f: Fingerprinter, s: CheckState) => {
    f.of(s);
    return `${f.lo}:${f.hi}`;
  };
  const root = rootOf(scope, SPEC, false).state;
  const seen = new Set([key(raw, root)]);
  const byFp = new Map<string, CheckState[]>();
  for (let level = [root]; level.length > 0; ) {
    const next: CheckState[] = [];
    for (const s of level) {
      const g = byFp.get(key(fp, s)) ?? [];
      if (g.length < cap) byFp.set(key(fp, s), [...g, s]);
      for (const c of successors(scope, s)) {
        if (seen.has(key(raw, c))) continue;
        seen.add(key(raw, c));
        next.push(c);
      }
    }
    level = next;
  }
  return [...byFp.values()];
}

describe('checker: the fingerprint is a canonical form', () => {
  for (const name of ['jiqPair', 'network']) {
    it(`${name}: states with one fingerprint have successors with the same fingerprints`, () => {
      const scope = byName(name);
      const root = rootOf(scope, SPEC, false).state;
      const fp = new Fingerprinter(true, machineGroups(root.world.machines), scope.shards);
      const succ = (s: CheckState) =>
        successors(scope, s)
          .map((c) => {
            fp.of(c);
            return `${fp.lo}:${fp.hi}`;
          })
          .sort();
      const merged = groups(scope, fp).filter((g) => g.length > 1);
      expect(merged.length).toBeGreaterThan(10);
      const differing = merged.filter((g) => g.some((s) => succ(s).join() !== succ(g[0]).join()));
      expect(differing.length).toBe(0);
    });
  }
});
