import type { ModelEvent, StepResult, World } from '../model/index.ts';
import { start, step } from '../model/index.ts';

// What the properties run: the model's entry points, or a mutant's (properties/mutants/load.ts).

export interface Transition {
  readonly name: string;
  readonly step: (world: World, ev: ModelEvent) => StepResult;
  readonly start: (world: World) => StepResult;
}

export const SPEC: Transition = { name: 'spec', step, start };
