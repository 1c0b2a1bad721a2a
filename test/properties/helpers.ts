import { loadMutant } from '../../properties/mutants/load.ts';
import type { Transition } from '../../properties/transition.ts';

/** A mutant as a transition the runner and the explorer take. */
export async function mutantTransition(name: string): Promise<Transition> {
  const m = await loadMutant(name);
  return { name: m.name, step: m.step, start: m.start };
}
