// The pure model of XX: the public API. Drivers, the simulator and tests use these; the property suite uses only
// the types, the entry points (step, start, initialWorld, enabledEvents, isCurrent) and the constructors.
export type { BudgetState, HeldInvocation } from './budget.ts';
export type { PriceClass } from './classes.ts';
export type { ModelConfig, ModelKnobs } from './config.ts';
export { DEFAULT_MODEL_KNOBS, MODEL_KNOBS, MONTH_US, makeConfig } from './config.ts';
export type { DispatcherState } from './dispatcher/state.ts';
export type { Chooser, DriveOptions, DriveResult, TraceStep } from './drive.ts';
export { ALL_CHOOSER, concretize, drive, outputsOf } from './drive.ts';
export type { EventType, ModelEvent, Output, OutputOf, OutputType, PlacementRoute } from './events.ts';
export { outputsOfType } from './events.ts';
export type { ChildTemplate, Invocation, InvocationTemplate } from './invocation.ts';
export { topLevel } from './invocation.ts';
export type { KnobTable } from './knobs.ts';
export { knobTableMarkdown, optionalSchemaOf } from './knobs.ts';
export type { MachineSpec, MachineState, Task } from './machine/state.ts';
export type { GrowthRule, MemoryGrowth } from './memory-growth.ts';
export type { Address, MachineLoad, MachineReport, Message, MessageBody, MessageType } from './messages.ts';
export { addressName } from './messages.ts';
export type { Policy, PolicyKnobs, ShardRule } from './policy.ts';
export {
  POLICY_KNOBS,
  POLICY_NAMES,
  POLICY_PRESETS,
  PolicyError,
  presetTableMarkdown,
  resolvePolicy,
} from './policy.ts';
export type { Microstep, Sender, StepResult } from './router.ts';
export { start, step } from './router.ts';
export type { IdleEntry, Poll, Queued, ShardState } from './shard/state.ts';
export type { EnabledEvent } from './timers.ts';
export { compareEvents, EVENT_RANK, enabledEvents, isCurrent, tieKey } from './timers.ts';
export type { ClusterSpec, World } from './world.ts';
export { initialWorld } from './world.ts';
