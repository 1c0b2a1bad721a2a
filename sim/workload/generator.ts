// The workload: top-level invocations in nondecreasing arrival time over [0, durationS), pulled one at a time
// (the engine keeps one pending arrival, never the whole workload).
//
// Arrivals: Poisson with a piecewise-constant rate. When the next gap would cross a phase boundary, time
// jumps to the boundary and the gap is redrawn at the new rate (memoryless restart: exact for a Poisson
// process). Arrival times are truncated to integer microseconds.
//
// Per invocation (paper 4.1): a function uniformly among `functions`; a class by `classWeights` (per
// invocation, so class and runtime are uncorrelated); a runtime from the function's distribution (whose
// nested parameters, e.g. x_m, were drawn once per function); a peak memory from the function's memory
// distribution. workUs = max(1, round(runtimeS * 1e6)); memory is integer MB, peak clamped to >= initial.
// tenantId = functionId % tenants.
//
// Children: with callProbability an invocation gets one child, started after a uniform fraction of its work
// (afterWorkUs = floor(u * workUs)). The child is a fresh draw from separate child streams, so changing
// callProbability does not change the top-level invocations' attributes; it has its own call chance, up to
// depth 3 (a top-level invocation is depth 0; a depth-3 child never calls).
//
// Ids: sequential from 0 in generation order; a parent takes its id before its children (depth first), so
// ids are unique across top-level invocations and children but not contiguous among top-level ones.

import type { ChildTemplate, InvocationTemplate } from '../../model/invocation.ts';
import type { Scenario } from '../scenario/types.ts';
import { FunctionFamily } from './sample.ts';
import type { Arrival, WorkloadSource } from './source.ts';
import { type Draw, draws, stream, type Uniform } from './streams.ts';

export const MAX_CHILD_DEPTH = 3;
const NO_CHILDREN: readonly ChildTemplate[] = Object.freeze([]);

/** Streams for one kind of invocation (top-level or child). */
interface AttributeStreams {
  readonly functions: Uniform;
  readonly classes: Uniform;
  readonly runtimes: Draw;
  readonly memory: Draw;
}

export function createWorkload(scenario: Scenario): WorkloadSource {
  return new Generator(scenario);
}

class Generator implements WorkloadSource {
  private readonly durationS: number;
  private readonly durationUs: number;
  private readonly phaseStartS: Float64Array;
  private readonly phaseRatePerS: Float64Array;
  private readonly functions: number;
  private readonly tenants: number;
  private readonly cumulativeClass: Float64Array;
  private readonly runtime: FunctionFamily;
  private readonly peakMemory: FunctionFamily;
  private readonly initialMemoryMB: number;
  private readonly callProbability: number;
  private readonly arrivals: Uniform;
  private readonly top: AttributeStreams;
  private readonly child: AttributeStreams;
  private readonly children: Uniform;
  private readonly out: { arrivalUs: number; template: InvocationTemplate | null } = { arrivalUs: 0, template: null };
  private nowS = 0;
  private phase = 0;
  private nextId = 0;
  private done = false;

  constructor(s: Scenario) {
    const w = s.workload;
    this.durationS = s.durationS;
    this.durationUs = Math.round(s.durationS * 1e6);
    const phases = w.arrivals.filter((p) => p.fromS < s.durationS);
    this.phaseStartS = Float64Array.from(phases, (p) => p.fromS);
    this.phaseRatePerS = Float64Array.from(phases, (p) => p.ratePerS);
    this.functions = w.functions;
    this.tenants = w.tenants;
    const total = w.classWeights.reduce((a, b) => a + b, 0);
    let acc = 0;
    this.cumulativeClass = Float64Array.from(w.classWeights, (x) => (acc += x / total));
    this.cumulativeClass[this.cumulativeClass.length - 1] = 1; // no class is skipped by rounding
    this.runtime = new FunctionFamily(w.runtimeS, w.functions, draws(s.seed, 'params.runtimeS'));
    this.peakMemory = new FunctionFamily(w.memoryMB.peak, w.functions, draws(s.seed, 'params.memoryMB'));
    this.initialMemoryMB = Math.round(w.memoryMB.initial);
    this.callProbability = w.callProbability;
    this.arrivals = stream(s.seed, 'arrivals');
    this.top = attributeStreams(s.seed, '');
    this.child = attributeStreams(s.seed, 'children.');
    this.children = stream(s.seed, 'children');
  }

  next(): Arrival | null {
    if (this.done) return null;
    const arrivalS = this.nextArrivalS();
    const arrivalUs = Math.floor(arrivalS * 1e6);
    if (arrivalS >= this.durationS || arrivalUs >= this.durationUs) {
      this.done = true;
      return null;
    }
    this.out.arrivalUs = arrivalUs;
    this.out.template = this.invocation(this.top, 0);
    return this.out as Arrival;
  }

  private nextArrivalS(): number {
    const last = this.phaseStartS.length - 1;
    for (;;) {
      const endS = this.phase < last ? this.phaseStartS[this.phase + 1] : this.durationS;
      const t = this.nowS - Math.log(1 - this.arrivals()) / this.phaseRatePerS[this.phase];
      if (t < endS) {
        this.nowS = t;
        return t;
      }
      if (this.phase >= last) {
        this.nowS = this.durationS;
        return this.durationS;
      }
      this.nowS = endS;
      this.phase++;
    }
  }

  private invocation(st: AttributeStreams, depth: number): InvocationTemplate {
    const id = this.nextId++;
    const functionId = Math.floor(st.functions() * this.functions);
    const declaredClass = this.drawClass(st.classes());
    const workUs = Math.max(1, Math.round(this.runtime.sample(functionId, st.runtimes) * 1e6));
    const initialMemoryMB = this.initialMemoryMB;
    const peakMemoryMB = Math.max(initialMemoryMB, Math.round(this.peakMemory.sample(functionId, st.memory)));
    let children = NO_CHILDREN;
    if (depth < MAX_CHILD_DEPTH && this.callProbability > 0 && this.children() < this.callProbability) {
      const afterWorkUs = Math.floor(this.children() * workUs);
      children = [{ afterWorkUs, spec: this.invocation(this.child, depth + 1) }];
    }
    return {
      id,
      tenantId: functionId % this.tenants,
      functionId,
      declaredClass,
      workUs,
      initialMemoryMB,
      peakMemoryMB,
      children,
    };
  }

  private drawClass(u: number): number {
    const c = this.cumulativeClass;
    let i = 0;
    while (i < c.length - 1 && u >= c[i]) i++;
    return i;
  }
}

function attributeStreams(seed: number, prefix: string): AttributeStreams {
  return {
    functions: stream(seed, `${prefix}functions`),
    classes: stream(seed, `${prefix}classes`),
    runtimes: draws(seed, `${prefix}runtimes`),
    memory: draws(seed, `${prefix}memory`),
  };
}
