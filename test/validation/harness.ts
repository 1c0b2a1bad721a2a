import seedrandom from 'seedrandom';
import type { InvocationTemplate, ModelConfig } from '../../model/index.ts';
import { makeConfig, resolvePolicy } from '../../model/index.ts';
import type { MachineSample } from '../../sim/engine/simulate.ts';
import { simulate } from '../../sim/engine/simulate.ts';
import type { WorkloadSource } from '../../sim/workload/source.ts';

// Stripped-down scenarios for checking the engine+model against closed forms of queueing theory:
// Poisson arrivals, exponential service, one machine, unbounded memory. Statistics use batch means so each
// tolerance is a confidence interval derived from the run length, not a hand-picked constant.

export interface ClassLoad {
  readonly ratePerS: number;
  readonly meanServiceS: number;
}

/** Poisson arrivals of each class (independent streams), merged in time order; exponential work. */
export function poissonSource(seed: string, classes: readonly ClassLoad[], durationUs: number): WorkloadSource {
  const rngs = classes.map((_, c) => ({
    arrivals: seedrandom(`${seed}/arrivals/${c}`),
    work: seedrandom(`${seed}/work/${c}`),
  }));
  const nextAt = classes.map((cl, c) => (-Math.log(1 - rngs[c].arrivals()) / cl.ratePerS) * 1e6);
  let id = 0;
  return {
    next() {
      let c = 0;
      for (let i = 1; i < classes.length; i++) if (nextAt[i] < nextAt[c]) c = i;
      const atUs = Math.round(nextAt[c]);
      if (atUs >= durationUs) return null;
      nextAt[c] += (-Math.log(1 - rngs[c].arrivals()) / classes[c].ratePerS) * 1e6;
      const workUs = Math.max(1, Math.round(-Math.log(1 - rngs[c].work()) * classes[c].meanServiceS * 1e6));
      const template: InvocationTemplate = {
        id: id++,
        tenantId: 0,
        functionId: 0,
        declaredClass: c,
        workUs,
        initialMemoryMB: 1,
        peakMemoryMB: 1,
        children: [],
      };
      return { arrivalUs: atUs, template };
    },
  };
}

export interface ClassResult {
  /** Mean sojourn time (s) over completions that arrived after warm-up. */
  readonly meanLatencyS: number;
  /** Half-width of a ~99% confidence interval of the mean, by batch means (20 batches by arrival time). */
  readonly halfWidthS: number;
  readonly completed: number;
}

export interface ValidationRun {
  readonly classes: readonly ClassResult[];
  /** Time-average number in system (sampled every tick) and busy-core fraction. */
  readonly meanInSystem: number;
  readonly utilization: number;
  /** Arrival rate measured over the counted window (per s). */
  readonly arrivalRatePerS: number;
  /** Mean latency over all classes (s), for Little's law. */
  readonly meanLatencyAllS: number;
}

export function runValidation(
  policy: string,
  classes: readonly ClassLoad[],
  durationS: number,
  seed: string,
  cores = 1,
): ValidationRun {
  const priceClasses = classes.map((_, i) => ({ name: `c${i}`, pricePerCpuS: i + 1 }));
  const config: ModelConfig = makeConfig({
    priceClasses,
    policy: resolvePolicy({ name: policy, idleList: false, k: 1 }),
    memoryGrowthSteps: 1,
  });
  const durationUs = durationS * 1e6;
  const warmupUs = durationUs / 10;
  const batches = 20;
  const batchSum = classes.map(() => new Float64Array(batches));
  const batchCount = classes.map(() => new Float64Array(batches));
  let arrivedCounted = 0;
  let inSystemSum = 0;
  let busySum = 0;
  let samples = 0;
  const tickUs = 10_000;
  simulate({
    config,
    cluster: { shards: 1, machines: [{ cores, memoryMB: 2 ** 40, swapMB: 0 }] },
    workload: poissonSource(seed, classes, durationUs),
    durationUs,
    drain: true,
    tickUs,
    random: { routing: () => 0, sampling: () => 0 },
    observer: {
      arrival(inv) {
        if (inv.arrivalUs >= warmupUs) arrivedCounted++;
      },
      placed() {},
      completed(inv, atUs) {
        if (inv.arrivalUs < warmupUs) return;
        const b = Math.min(batches - 1, Math.floor(((inv.arrivalUs - warmupUs) / (durationUs - warmupUs)) * batches));
        batchSum[inv.declaredClass][b] += (atUs - inv.arrivalUs) / 1e6;
        batchCount[inv.declaredClass][b]++;
      },
      killed() {},
      swappedOut() {},
      swappedIn() {},
      tick(tickIndex: number, machines: MachineSample) {
        if ((tickIndex + 1) * tickUs <= warmupUs) return;
        inSystemSum += machines.functions[0];
        busySum += Math.min(machines.cores[0], machines.running[0]) / machines.cores[0];
        samples++;
      },
    },
  });
  let allSum = 0;
  let allCount = 0;
  const results = classes.map((_, c) => {
    const means: number[] = [];
    let sum = 0;
    let count = 0;
    for (let b = 0; b < batches; b++) {
      sum += batchSum[c][b];
      count += batchCount[c][b];
      if (batchCount[c][b] > 0) means.push(batchSum[c][b] / batchCount[c][b]);
    }
    allSum += sum;
    allCount += count;
    const mean = sum / count;
    const sd = Math.sqrt(means.reduce((a, x) => a + (x - mean) ** 2, 0) / (means.length - 1));
    // t(0.995, 19) ~ 2.861
    return { meanLatencyS: mean, halfWidthS: (2.861 * sd) / Math.sqrt(means.length), completed: count };
  });
  return {
    classes: results,
    meanInSystem: inSystemSum / samples,
    utilization: busySum / samples,
    arrivalRatePerS: arrivedCounted / ((durationUs - warmupUs) / 1e6),
    meanLatencyAllS: allSum / allCount,
  };
}

/** M/M/1 (processor sharing or FCFS): E[T] = E[S] / (1 - rho). */
export function mm1MeanLatencyS(ratePerS: number, meanServiceS: number): number {
  return meanServiceS / (1 - ratePerS * meanServiceS);
}

/**
 * Preemptive-resume priority M/M/1 (Harchol-Balter, Performance Modeling and Design of Computer Systems, 32):
 * class k sees
 *   E[T_k] = E[S_k] / (1 - sigma_{k-1}) + (sum_{i<=k} lambda_i E[S_i^2] / 2) / ((1 - sigma_{k-1})(1 - sigma_k)),
 * where sigma_k is the load of class k and all higher classes, and E[S^2] = 2 E[S]^2 for exponential service.
 * `classes` is ordered from highest priority to lowest.
 */
export function preemptivePriorityMeanLatencyS(classesHighFirst: readonly ClassLoad[], k: number): number {
  let sigmaBefore = 0;
  for (let i = 0; i < k; i++) sigmaBefore += classesHighFirst[i].ratePerS * classesHighFirst[i].meanServiceS;
  const sigmaK = sigmaBefore + classesHighFirst[k].ratePerS * classesHighFirst[k].meanServiceS;
  let residual = 0;
  for (let i = 0; i <= k; i++)
    residual += (classesHighFirst[i].ratePerS * 2 * classesHighFirst[i].meanServiceS ** 2) / 2;
  const s = classesHighFirst[k].meanServiceS;
  return s / (1 - sigmaBefore) + residual / ((1 - sigmaBefore) * (1 - sigmaK));
}

/** How long validation runs are: short in `npm test`, full in `npm run validate` (PRICECLASS_VALIDATE=full). */
export function validationDurationS(shortS: number, fullS: number): number {
  return process.env.PRICECLASS_VALIDATE === 'full' ? fullS : shortS;
}

/** M/M/c FCFS (Erlang C): E[T] = E[S] + C(c, a) / (c mu - lambda), with a = lambda E[S]. */
export function mmcMeanLatencyS(c: number, ratePerS: number, meanServiceS: number): number {
  const a = ratePerS * meanServiceS;
  const rho = a / c;
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const last = (term * a) / c / (1 - rho); // a^c / c! / (1 - rho)
  const erlangC = last / (sum + last);
  return meanServiceS + erlangC / (c / meanServiceS - ratePerS);
}
