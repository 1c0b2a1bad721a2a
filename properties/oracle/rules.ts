import type { ModelConfig, Policy } from '../../model/index.ts';

// The rules of the paper and of model/README.md's decisions, restated for the oracles. Nothing here is imported
// from model/: if a rule is wrong in the model, the restatement disagrees and a property fails. Each rule is
// written from its sentence, in this file's own terms, and the tests show each can catch its mutant.

/** A task as the oracles see it (their own record, kept in the shadow machines). */
export interface OracleTask {
  readonly id: number;
  /** Effective class (what inheritance and demotion gave it). */
  readonly effectiveClass: number;
  /** The class the machine schedules it at: the effective class, or 0 when the policy ignores classes. */
  readonly cls: number;
  /** Placement order on its machine. */
  readonly order: number;
  readonly running: boolean;
  /** Where its memory is: in RAM, on its way to swap, in swap, on its way back. */
  readonly residency: 'ram' | 'toSwap' | 'swap' | 'toRam';
  readonly memoryMB: number;
}

const sumMB = (tasks: readonly OracleTask[]) => tasks.reduce((a, t) => a + t.memoryMB, 0);

/** RAM committed: in RAM or on its way back (a transfer commits its destination when asked for). */
export function committedRamMB(tasks: readonly OracleTask[]): number {
  return sumMB(tasks.filter((t) => t.residency === 'ram' || t.residency === 'toRam'));
}

/** Swap committed: in swap or on its way there. */
export function committedSwapMB(tasks: readonly OracleTask[]): number {
  return sumMB(tasks.filter((t) => t.residency === 'swap' || t.residency === 'toSwap'));
}

/** SCHED_FIFO by class: true when `a` has the better claim to a core than `b`. */
export function outranks(a: OracleTask, b: OracleTask, policy: Policy): boolean {
  // Without preemption nobody loses a core: whoever holds one comes first.
  if (!policy.preemptive && a.running !== b.running) return a.running;
  if (a.cls !== b.cls) return a.cls > b.cls;
  // Inside a class a running task keeps its core (FIFO within a priority never preempts).
  if (a.running !== b.running) return a.running;
  // Then first come first served: the earlier placement (a preempted task keeps its place).
  return a.order < b.order;
}

/** The tasks from the best claim to the worst. */
export function byClaim(tasks: readonly OracleTask[], policy: Policy): OracleTask[] {
  return [...tasks].sort((a, b) => (outranks(a, b, policy) ? -1 : outranks(b, a, policy) ? 1 : 0));
}

/** Victims are taken from the worst claim up: lowest class, waiting before running, latest placement. */
export function byVictimOrder(tasks: readonly OracleTask[], policy: Policy): OracleTask[] {
  return byClaim(tasks, policy).reverse();
}

/**
 * Room for a task in swap: memory it may take is held by resident tasks of a strictly lower class that have a
 * worse claim than it, taken in victim order while swap holds them (strict: stop at the first that does not fit;
 * firstFit: skip it). The task's own swap space is freed as it comes in. Returns the victims, or null.
 */
export function victimsToMakeRoom(
  tasks: readonly OracleTask[],
  task: OracleTask,
  usableMB: number,
  swapMB: number,
  config: ModelConfig,
): OracleTask[] | null {
  if (task.residency !== 'swap') return [];
  let shortMB = committedRamMB(tasks) + task.memoryMB - usableMB;
  if (shortMB <= 0) return [];
  if (!config.policy.swap) return null;
  // The task's own swap space is released when its swap-in is asked for.
  let roomInSwapMB = swapMB - committedSwapMB(tasks) + task.memoryMB;
  const eligible = tasks.filter((t) => t.residency === 'ram' && t.cls < task.cls && outranks(task, t, config.policy));
  const taken: OracleTask[] = [];
  for (const v of byVictimOrder(eligible, config.policy)) {
    if (shortMB <= 0) break;
    if (v.memoryMB <= roomInSwapMB) {
      taken.push(v);
      roomInSwapMB -= v.memoryMB;
      shortMB -= v.memoryMB;
    } else if (config.policy.swapOrder === 'strict') {
      return null;
    }
  }
  return shortMB <= 0 ? taken : null;
}

/** Whether a waiting task could take a core now: in RAM, or in swap with room makeable for it. */
export function canRun(
  tasks: readonly OracleTask[],
  task: OracleTask,
  usableMB: number,
  swapMB: number,
  config: ModelConfig,
) {
  if (task.residency === 'ram') return true;
  return task.residency === 'swap' && victimsToMakeRoom(tasks, task, usableMB, swapMB, config) !== null;
}

/**
 * A task in swap "will be run" (paper 3.2): a core is free for it counting the swap-ins already on their way, or,
 * when the policy preempts, it outranks by class more running tasks than there are swap-ins on their way.
 */
export function willRunFromSwap(
  tasks: readonly OracleTask[],
  task: OracleTask,
  cores: number,
  policy: Policy,
): boolean {
  const incoming = tasks.filter((t) => t.residency === 'toRam').length;
  const running = tasks.filter((t) => t.running);
  if (running.length + incoming < slotsOf(cores, policy)) return true;
  return policy.preemptive && incoming < running.filter((t) => t.cls < task.cls).length;
}

/** How long the swap device takes to move `memoryMB` (whole microseconds, rounded up; none when unlimited). */
export function transferDurationUs(memoryMB: number, swapMBPerS: number): number {
  return swapMBPerS === Infinity ? 0 : Math.ceil((memoryMB / swapMBPerS) * 1e6);
}

/** The transfer the device serves next: swap-outs in the order asked for, then swap-ins best-ranked first. */
export function nextTransfer<T extends OracleTask & { readonly requestOrder: number }>(
  waiting: readonly T[],
  policy: Policy,
): T | undefined {
  const outs = waiting.filter((t) => t.residency === 'toSwap');
  if (outs.length > 0) return outs.reduce((a, t) => (t.requestOrder < a.requestOrder ? t : a));
  return byClaim(
    waiting.filter((t) => t.residency === 'toRam'),
    policy,
  )[0] as T | undefined;
}

/** How many tasks may hold a core: one per core (priority), or every resident task (processor sharing). */
export function slotsOf(cores: number, policy: Policy): number {
  return policy.discipline === 'ps' ? Infinity : cores;
}

/** Work per microsecond of each running task: a full core, or an equal share of the cores when oversubscribed. */
export function speedOf(running: number, cores: number, policy: Policy): number {
  if (policy.discipline === 'priority' || running <= cores) return 1;
  return cores / running;
}

/**
 * Memory growth (paper 4.1, model README): `steps` equal steps from initial to peak, whole MB, as a growth clock
 * crosses points spread over a span: the clock is work done (work, front) or time in RAM (time); the span is the
 * work, or its first memoryGrowthFrontFraction rounded up to a whole microsecond (front).
 */
export interface GrowthShape {
  readonly initialMemoryMB: number;
  readonly peakMemoryMB: number;
  readonly workUs: number;
}

export function growthSpanUs(inv: GrowthShape, config: ModelConfig): number {
  if (config.memoryGrowth !== 'front') return inv.workUs;
  return Math.min(inv.workUs, Math.max(1, Math.ceil(config.memoryGrowthFrontFraction * inv.workUs)));
}

/** The footprint at a reading of the growth clock. */
export function footprintMB(inv: GrowthShape, clockUs: number, config: ModelConfig): number {
  const steps = config.memoryGrowthSteps;
  if (steps === 1) return inv.peakMemoryMB;
  const level = growthPointsUs(inv, config).filter((p) => p <= clockUs).length;
  return inv.initialMemoryMB + Math.floor(((inv.peakMemoryMB - inv.initialMemoryMB) * level) / (steps - 1));
}

/** The clock readings at which the footprint steps up, in order: j/steps of the span, rounded up, j = 1..steps-1. */
export function growthPointsUs(inv: GrowthShape, config: ModelConfig): number[] {
  const spanUs = growthSpanUs(inv, config);
  const steps = config.memoryGrowthSteps;
  const points: number[] = [];
  for (let j = 1; j < steps; j++) points.push(Math.ceil((j * spanUs) / steps));
  return points;
}

/** The first growth point past a clock reading (Infinity: at the peak). */
export function nextGrowthPointUs(inv: GrowthShape, clockUs: number, config: ModelConfig): number {
  return growthPointsUs(inv, config).find((p) => p > clockUs) ?? Infinity;
}

/** What a completed invocation is billed (model README "Billing"): its footprint over its work, run alone. */
export function expectedBill(
  inv: GrowthShape & { effectiveClass: number },
  config: ModelConfig,
): { cpuCost: number; memoryCost: number } {
  const cpuCost = (inv.workUs / 1e6) * config.priceClasses[inv.effectiveClass].pricePerCpuS;
  // Alone on a core, time in RAM is work done: every growth mode bills the footprint along the work.
  let mbUs = 0;
  const bounds = [0, ...growthPointsUs(inv, config), inv.workUs];
  for (let j = 0; j + 1 < bounds.length; j++) {
    const fromUs = Math.min(bounds[j], inv.workUs);
    const toUs = Math.min(bounds[j + 1], inv.workUs);
    if (toUs > fromUs) mbUs += (toUs - fromUs) * footprintMB(inv, fromUs, config);
  }
  return { cpuCost, memoryCost: (mbUs / 1024 / 1e6) * config.memoryPricePerGBs };
}

/** The shard's selection score of a queue head (model README "Shard selection rule"). */
export function selectionScore(config: ModelConfig, cls: number, waitedUs: number): number {
  const p = config.policy;
  const price = config.priceClasses[p.classAware ? cls : 0].pricePerCpuS;
  if (p.shardRule === 'priceTimesWait') return price * (waitedUs + p.agingUs);
  if (p.shardRule === 'priceOverWait') return waitedUs > 0 ? price / waitedUs : Infinity;
  if (p.shardRule === 'priceOnly') return price;
  return waitedUs;
}

/** Over budget: billed more than the budget pro-rated to now plus the tolerance (model README "Budgets"). */
export function overBudget(spent: number, budget: number | undefined, atUs: number, config: ModelConfig): boolean {
  if (budget === undefined) return false;
  const monthUs = 30 * 24 * 3600 * 1e6;
  return spent > budget * (atUs / monthUs + config.budgetToleranceFraction);
}

/** Idle (paper 3.2): free memory at least the threshold; Knative's variant: fewer functions than cores. */
export function idleBy(freeMB: number, functions: number, cores: number, config: ModelConfig): boolean {
  return config.policy.idleBy === 'memory' ? freeMB >= config.idleThresholdMB : functions < cores;
}
