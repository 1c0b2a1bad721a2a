import type { Invocation } from '../../model/index.ts';
import type { EngineName, MachineSample, SimInput, SimObserver, Simulation } from '../engine/simulate.ts';
import { createSimulation, DEFAULT_ENGINE } from '../engine/simulate.ts';
import type { RunResult } from '../metrics/document.ts';
import { RunRecorder } from '../metrics/recorder.ts';
import type { Scenario } from '../scenario/types.ts';
import { totalCores } from '../scenario/types.ts';
import { createTraceWorkload } from '../trace/source.ts';
import { memoryEventsFor } from '../workload/antagonists.ts';
import { createExplicitWorkload } from '../workload/explicit.ts';
import { createWorkload } from '../workload/generator.ts';
import type { WorkloadSource } from '../workload/source.ts';
import { clusterFor, engineRandom, modelConfigFor, policyFor } from './setup.ts';

// One policy on one scenario: the engine, the workload, the memory antagonists and the recorder wired together.
// Statistics are kept per effective class (the class an invocation ran as, inheritance included).

export interface PolicyRun {
  readonly policy: string;
  readonly simulation: Simulation;
  /** The results so far (a partial run gives partial results). */
  finish(stopEarly?: boolean): RunResult & { readonly partial?: true };
}

export type WorkloadFactory = (scenario: Scenario) => WorkloadSource;

/** The scenario's workload: synthetic (sim/workload), explicit invocations, or a real trace (sim/trace). */
export function workloadFor(scenario: Scenario): WorkloadSource {
  const w = scenario.workload;
  if (w.invocations !== undefined) return createExplicitWorkload(scenario);
  if (w.trace === undefined) return createWorkload(scenario);
  return createTraceWorkload(w.trace, {
    baseDir: w.traceBaseDir ?? '.',
    seed: scenario.seed,
    classCount: scenario.priceClasses.length,
    classNames: scenario.priceClasses.map((c) => c.name),
    durationS: scenario.durationS,
    cores: totalCores(scenario.cluster),
  });
}

export function startPolicyRun(
  scenario: Scenario,
  policyIndex: number,
  fileName: string,
  workloadOf: WorkloadFactory = workloadFor,
  /** An engine by name, or an engine's factory (conformance tests pass a mutant's). */
  engine: EngineName | ((input: SimInput) => Simulation) = DEFAULT_ENGINE,
  output?: SimObserver['output'],
): PolicyRun {
  const policy = policyFor(scenario, policyIndex, fileName);
  const config = modelConfigFor(scenario, policy);
  const cluster = clusterFor(scenario);
  const machineCount = cluster.machines.length;
  const machineRamMB = cluster.machines.map((m) => m.memoryMB);
  const recorder = new RunRecorder({
    policy: policy.name,
    classNames: scenario.priceClasses.map((c) => c.name),
    machines: machineCount,
    warmupS: scenario.warmupS,
    tickS: scenario.tickS,
    durationS: scenario.durationS,
  });
  const utils = new Float64Array(machineCount);
  const observer: SimObserver = {
    arrival: (inv: Invocation) => recorder.onArrival(inv.effectiveClass, inv.arrivalUs),
    placed: (cls: number, arrivalUs: number, atUs: number) => recorder.onPlacement(cls, arrivalUs, atUs),
    completed: (inv: Invocation, atUs: number) =>
      recorder.onCompletion(inv.effectiveClass, inv.arrivalUs, atUs, inv.workUs),
    killed: (inv: Invocation, _atUs: number, machineId: number) =>
      recorder.onKill(inv.effectiveClass, inv.arrivalUs, machineId),
    swappedOut: (machineId: number, cls: number, memoryMB: number, atUs: number) =>
      recorder.onSwapOut(machineId, cls, memoryMB, atUs),
    swappedIn: (machineId: number, cls: number, memoryMB: number, waitedUs: number, atUs: number) =>
      recorder.onSwapIn(machineId, cls, memoryMB, waitedUs, atUs),
    tick: (tickIndex: number, machines: MachineSample) => {
      for (let i = 0; i < machineCount; i++) {
        // Utilization of the machine's RAM (not of what an antagonist left usable); 0 when memory is unbounded.
        const ramMB = machines.ramMB[i];
        utils[i] = Number.isFinite(ramMB) && ramMB > 0 ? machines.residentMB[i] / ramMB : 0;
      }
      recorder.sampleMachines(tickIndex, utils, machines.swapUsedMB, machines.functions);
    },
    output,
  };
  const input: SimInput = {
    config,
    cluster,
    workload: workloadOf(scenario),
    durationUs: scenario.durationS * 1e6,
    drain: scenario.drain,
    tickUs: scenario.tickS * 1e6,
    random: engineRandom(scenario),
    observer,
    memoryEvents: memoryEventsFor(scenario, machineRamMB),
  };
  const simulation = typeof engine === 'function' ? engine(input) : createSimulation(input, engine);
  return {
    policy: policy.name,
    simulation,
    finish(stopEarly = false) {
      const o = simulation.outcome(stopEarly);
      const result = recorder.finish({ simulatedS: o.simulatedUs / 1e6, events: o.events, wallS: o.wallS });
      return o.stoppedEarly ? { ...result, partial: true } : result;
    },
  };
}
