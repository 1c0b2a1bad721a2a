import { EXPECTED } from '../expectations.ts';
import { INVARIANTS } from '../invariants/index.ts';
import { MUTANTS } from '../mutants/catalogue.ts';
import { loadMutant } from '../mutants/load.ts';
import { parsePolicy } from '../policy-spec.ts';
import type { Transition } from '../transition.ts';
import type { CheckScope } from './scope.ts';
import { checkScopes } from './scopes.ts';
import { search } from './search.ts';

// Hunts mutants with the checker: each mutant, under the policy its catalogue entry names, against every scope
// in turn until one finds it. What the README's table of mutant, scope, time and shortest trace comes from.

export interface Hunt {
  readonly mutant: string;
  readonly scope: string | null;
  readonly property: string | null;
  /** Time the finding scope took to find it (the scopes tried before it not counted). */
  readonly seconds: number;
  /** Steps of the shortest trace to the violation. */
  readonly steps: number;
  /** States the finding scope explored. */
  readonly states: number;
}

export async function huntMutant(
  name: string,
  scopes?: (policy: Record<string, unknown>) => CheckScope[],
): Promise<Hunt> {
  const patch = MUTANTS.find((m) => m.name === name);
  if (patch === undefined) throw new Error(`unknown mutant ${name}`);
  const m = await loadMutant(name);
  const t: Transition = { name, step: m.step, start: m.start };
  const { policy, overrides } = parsePolicy(patch.policy);
  // Only invariants the spec keeps under this policy can find a mutant (a baseline's own inversions are not its).
  const invariants = INVARIANTS.filter((i) => (EXPECTED[policy]?.[i.name] ?? 'holds') === 'holds');
  for (const scope of (scopes ?? checkScopes)({ name: policy, ...overrides })) {
    const r = search(scope, { transition: t, invariants });
    const v = r.violations[0];
    if (v !== undefined) {
      const { seconds, states } = r;
      return { mutant: name, scope: scope.name, property: v.property, seconds, steps: v.events.length, states };
    }
  }
  return { mutant: name, scope: null, property: null, seconds: 0, steps: 0, states: 0 };
}
