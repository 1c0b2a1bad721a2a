import { createSpecSimulation } from './spec-engine.ts';
import type { SimInput, SimOutcome, Simulation } from './types.ts';

// The engines behind `run` and `sweep`. Today one: the spec engine, which drives the pure model.

export type { EngineRandom, MachineSample, SimInput, SimObserver, SimOutcome, Simulation } from './types.ts';

export function createSimulation(input: SimInput): Simulation {
  return createSpecSimulation(input);
}

/** Runs to the end. */
export function simulate(input: SimInput): SimOutcome {
  const sim = createSimulation(input);
  while (!sim.advance(Infinity));
  return sim.outcome();
}
