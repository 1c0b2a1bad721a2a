import { createFastSimulation } from './fast/engine.ts';
import { createSpecSimulation } from './spec-engine.ts';
import type { SimInput, SimOutcome, Simulation } from './types.ts';

// The engines behind `run` and `sweep`: the spec engine drives the pure model; the fast engine (fast/) implements
// the same semantics on typed arrays, and conformance (sim/conform/) checks that their observations are identical.

export type EngineName = 'fast' | 'spec';

export const ENGINE_NAMES: readonly EngineName[] = ['fast', 'spec'];

export const DEFAULT_ENGINE: EngineName = 'fast';

export type { EngineRandom, MachineSample, SimInput, SimObserver, SimOutcome, Simulation } from './types.ts';

export function createSimulation(input: SimInput, engine: EngineName = DEFAULT_ENGINE): Simulation {
  return engine === 'fast' ? createFastSimulation(input) : createSpecSimulation(input);
}

/** Runs to the end. */
export function simulate(input: SimInput, engine: EngineName = DEFAULT_ENGINE): SimOutcome {
  const sim = createSimulation(input, engine);
  while (!sim.advance(Infinity));
  return sim.outcome();
}
