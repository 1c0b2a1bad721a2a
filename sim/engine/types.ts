import type { ClusterSpec, Invocation, ModelConfig, Output } from '../../model/index.ts';
import type { WorkloadSource } from '../workload/source.ts';

// What an engine takes and gives, whichever engine it is: the same scenario in, the same observations out.

/** Uniform draws in [0, 1) from the engine's named streams (seeded by the caller). */
export interface EngineRandom {
  /** Which shard the load balancer routes an arrival (or a spawned child) to. */
  readonly routing: () => number;
  /** Which machines a shard polls and which shards a dispatcher compares. */
  readonly sampling: () => number;
}

/** Per-machine state at a tick, filled by the engine (index = machine id). */
export interface MachineSample {
  readonly cores: Float64Array;
  readonly ramMB: Float64Array;
  readonly residentMB: Float64Array;
  readonly swapUsedMB: Float64Array;
  /** Functions on the machine (running, waiting or swapped) and those holding a core (or a share of the cores). */
  readonly functions: Float64Array;
  readonly running: Float64Array;
}

export interface SimObserver {
  /** An invocation enters the system (a top-level arrival or a spawned child). */
  arrival(inv: Invocation): void;
  /** A shard placed an invocation of effective class `cls` that arrived at arrivalUs (its wait: atUs - arrivalUs). */
  placed(cls: number, arrivalUs: number, atUs: number): void;
  completed(inv: Invocation, atUs: number, machineId: number): void;
  killed(inv: Invocation, atUs: number, machineId: number): void;
  /** A swap-out finished (memory left RAM) at atUs. */
  swappedOut(machineId: number, cls: number, memoryMB: number, atUs: number): void;
  /** A swap-in finished at atUs; waitedUs: from the moment the task needed its memory back until then. */
  swappedIn(machineId: number, cls: number, memoryMB: number, waitedUs: number, atUs: number): void;
  /** At the end of each tick of width tickUs (index from 0): the machines as they are before events at its end. */
  tick(tickIndex: number, machines: MachineSample): void;
  /** Every output, in order (for conformance checks and traces; engines may skip building them without it). */
  output?(o: Output): void;
}

export interface SimInput {
  readonly config: ModelConfig;
  readonly cluster: ClusterSpec;
  readonly workload: WorkloadSource;
  /** Arrivals are taken in [0, durationUs); without drain the run stops at durationUs. */
  readonly durationUs: number;
  readonly drain: boolean;
  readonly tickUs: number;
  readonly random: EngineRandom;
  readonly observer: SimObserver;
  /** Memory antagonists: external changes of a machine's usable memory. */
  readonly memoryEvents?: readonly { readonly atUs: number; readonly machineId: number; readonly memoryMB: number }[];
}

export interface SimOutcome {
  readonly events: number;
  readonly simulatedUs: number;
  readonly wallS: number;
  readonly stoppedEarly: boolean;
}

/** A resumable run: the caller advances it in slices (to draw progress and react to Ctrl-C between them). */
export interface Simulation {
  /** Runs up to `maxEvents` model events; returns true when the run is over. */
  advance(maxEvents: number): boolean;
  /** Simulated time reached so far (us). */
  nowUs(): number;
  /** What the run did so far; `stopEarly` marks a run cut short (e.g. by Ctrl-C). */
  outcome(stopEarly?: boolean): SimOutcome;
}

/** k distinct ids out of 0..n-1, in the order drawn (rejection: k is small next to n, so retries are rare). */
export function sampleDistinct(uniform: () => number, n: number, k: number): number[] {
  const picked: number[] = [];
  while (picked.length < k) {
    const id = Math.floor(uniform() * n);
    if (!picked.includes(id)) picked.push(id);
  }
  return picked;
}
