import fc from 'fast-check';
import type { ChildTemplate, InvocationTemplate, MachineSpec, MemoryGrowth, PriceClass } from '../model/index.ts';
import type { Scenario, ScenarioAntagonist, ScenarioArrival } from './scenario.ts';

// fast-check arbitraries for small worlds and scenarios. Times sit on a coarse grid (multiples of GRID_US) so
// that arrivals, completions and shard decisions often coincide: same-time events are where interleavings
// (chosen from the tape) matter. Invocation counts stay <= MAX_INVOCATIONS (children included) so runs are fast.

export const GRID_US = 10_000;
export const MAX_INVOCATIONS = 8;

const PRICE_TABLES: readonly (readonly PriceClass[])[] = [
  // Prices 1:2 with an aging offset of one grid step make equal shard scores common (a low head one step older
  // than a fresh high head ties with it): the tie-break is exercised.
  [
    { name: 'low', pricePerCpuS: 1 },
    { name: 'high', pricePerCpuS: 2 },
  ],
  [
    { name: 'low', pricePerCpuS: 0.5 },
    { name: 'high', pricePerCpuS: 2 },
  ],
  [
    { name: 'low', pricePerCpuS: 0.5 },
    { name: 'mid', pricePerCpuS: 1.5 },
    { name: 'high', pricePerCpuS: 2 },
  ],
  [
    { name: 'c0', pricePerCpuS: 0.25 },
    { name: 'c1', pricePerCpuS: 0.5 },
    { name: 'c2', pricePerCpuS: 1 },
    { name: 'c3', pricePerCpuS: 4 },
  ],
];

const grid = (maxSteps: number, minSteps = 0) => fc.integer({ min: minSteps, max: maxSteps }).map((k) => k * GRID_US);

/**
 * Memory regime: tight (pressure, swapping, kills) or loose (idle lists full of room). Tight sizes are multiples of
 * a unit U of a 4U machine, give or take one MB, so that resident memory lands exactly on usable RAM, one MB over
 * it, and swap fills exactly: the boundaries where off-by-one bugs hide.
 */
export interface MemoryRegime {
  readonly machineMB: number;
  readonly swapMB: number;
  readonly idleThresholdMB: number;
  readonly idleUpdateDeltaMB: number;
  /** Footprints invocations may start at; peaks add a multiple of the same unit. */
  readonly sizesMB: readonly number[];
  readonly unitMB: number;
}

const tightRegime = fc.constantFrom(250, 256).chain((u) =>
  fc.record({
    machineMB: fc.constant(4 * u),
    swapMB: fc.constantFrom(0, u, 2 * u, 4 * u),
    idleThresholdMB: fc.constantFrom(u, 2 * u, 8 * u),
    idleUpdateDeltaMB: fc.constantFrom(u / 2, u),
    sizesMB: fc.constant([u / 2, u - 1, u, u + 1, 2 * u - 1, 2 * u, 3 * u]),
    unitMB: fc.constant(u),
  }),
);

const looseRegime = fc.record({
  machineMB: fc.constant(16384),
  swapMB: fc.constantFrom(0, 4096),
  idleThresholdMB: fc.constantFrom(1024, 8192, 20000),
  idleUpdateDeltaMB: fc.constantFrom(256, 1024),
  sizesMB: fc.constant([100, 500, 1000, 3000]),
  unitMB: fc.constant(1000),
});

export const memoryRegimeArb: fc.Arbitrary<MemoryRegime> = fc.oneof(tightRegime, looseRegime);

/**
 * Swap bandwidth: unlimited (the paper's assumption) half of the time; otherwise fast enough that a transfer of a few
 * hundred MB takes a grid step or a fraction of one, so transfers overlap with arrivals and completions.
 */
const swapBandwidthArb = fc.constantFrom(Infinity, Infinity, 25_000, 100_000);

/** A machine spec without the bandwidth field when unlimited (scenarios are JSON, which has no Infinity). */
function withBandwidth(m: MachineSpec & { swapMBPerS: number }): MachineSpec {
  const { swapMBPerS, ...rest } = m;
  return swapMBPerS === Infinity ? rest : m;
}

export function machinesArb(regime: MemoryRegime): fc.Arbitrary<MachineSpec[]> {
  // Biased towards 1-2 machines so that several invocations share a machine (queues, preemption, pressure).
  const machine = fc
    .record({
      cores: fc.constantFrom(1, 1, 2, 3, 4),
      memoryMB: fc.constant(regime.machineMB),
      swapMB: fc.constant(regime.swapMB),
      swapMBPerS: swapBandwidthArb,
    })
    .map(withBandwidth);
  return fc.constantFrom(1, 1, 2, 2, 3, 4).chain((n) => fc.array(machine, { minLength: n, maxLength: n }));
}

function memoryArb(regime: MemoryRegime): fc.Arbitrary<{ initialMemoryMB: number; peakMemoryMB: number }> {
  return fc
    .tuple(fc.constantFrom(...regime.sizesMB), fc.constantFrom(0, 0, 1, 2))
    .map(([initialMemoryMB, units]) => ({ initialMemoryMB, peakMemoryMB: initialMemoryMB + units * regime.unitMB }));
}

interface AntagonistPlan {
  readonly atUs: number;
  readonly lengthUs: number;
  readonly machine: number;
  readonly fraction: number;
}

interface Shape {
  readonly cls: number;
  readonly tenantId: number;
  readonly workUs: number;
  readonly mem: { initialMemoryMB: number; peakMemoryMB: number };
  readonly children: readonly { afterFraction: number; shape: Shape }[];
}

function shapeArb(classes: number, regime: MemoryRegime, depth: number): fc.Arbitrary<Shape> {
  const leaf = fc.record({
    cls: fc.integer({ min: 0, max: classes - 1 }),
    tenantId: fc.integer({ min: 0, max: 2 }),
    workUs: grid(30, 1),
    mem: memoryArb(regime),
  });
  if (depth === 0) return leaf.map((l) => ({ ...l, children: [] }));
  return fc
    .tuple(
      leaf,
      fc.array(
        fc.record({ afterFraction: fc.integer({ min: 0, max: 9 }), shape: shapeArb(classes, regime, depth - 1) }),
        { maxLength: 2 },
      ),
    )
    .map(([l, children]) => ({ ...l, children }));
}

function countShape(s: Shape): number {
  return 1 + s.children.reduce((a, c) => a + countShape(c.shape), 0);
}

/** Numbers the call trees depth-first (ids 1..n) and turns them into templates. */
function toTemplate(s: Shape, next: { id: number }): InvocationTemplate {
  const id = next.id++;
  const children: ChildTemplate[] = s.children.map((c) => ({
    afterWorkUs: Math.floor((s.workUs * c.afterFraction) / 10 / GRID_US) * GRID_US,
    spec: toTemplate(c.shape, next),
  }));
  children.sort((a, b) => a.afterWorkUs - b.afterWorkUs);
  return { id, tenantId: s.tenantId, functionId: id % 3, declaredClass: s.cls, workUs: s.workUs, ...s.mem, children };
}

export interface ScenarioOptions {
  /** Policy preset name (xx, hermod, openwhisk, knative). */
  readonly policy: string;
  /** Extra policy overrides applied last (e.g. { loadCounts: 'equalOrHigher' }). */
  readonly overrides?: Readonly<Record<string, unknown>>;
  readonly maxMachines?: number;
  readonly maxShards?: number;
  readonly antagonists?: boolean;
  /** Weighs the memory-contention family up (isolation under memory pressure looks for memory interference). */
  readonly memoryFocus?: boolean;
  /**
   * Draws network delays (shard-machine, dispatcher-shard) in the general family. Off by default: the policy
   * table's expectations are stated for the paper's instant network (properties/README "Network delays").
   */
  readonly networkDelays?: boolean;
}

/**
 * A whole scenario: cluster, classes, policy knobs, arrivals (<= MAX_INVOCATIONS in all), antagonists, tape. Half
 * are general scenarios; the other half come from two focused families where bugs hide and the general family
 * rarely goes: memory contention (one machine, several classes competing for its cores and memory, so priority
 * inversion through memory and room-making are met) and shard contention (a busy shard with prices 1:2 and an aging
 * offset of one grid step, so heads of different classes often tie and low-class heads often win).
 */
export function scenarioArb(opts: ScenarioOptions): fc.Arbitrary<Scenario> {
  return fc.oneof(
    { weight: 2, arbitrary: generalArb(opts) },
    { weight: opts.memoryFocus ? 4 : 1, arbitrary: memoryContentionArb(opts) },
    { weight: 1, arbitrary: shardContentionArb(opts) },
  );
}

/**
 * A crowded machine, for the conformance property only (the fast engine's per-machine heaps must be deep for a
 * stale heap position to show): 10-20 invocations of three classes on one machine of 1-4 cores, memory growing in
 * steps on work or on age, RAM either ample or a few tasks' worth (swapping, or kills without swap), so that tens
 * of tasks wait, run, share cores and are preempted, swapped and completed out of order on it.
 */
export function crowdedMachineArb(opts: ScenarioOptions): fc.Arbitrary<Scenario> {
  return fc
    .record({
      cores: fc.constantFrom(1, 2, 3, 4),
      memoryMB: fc.constantFrom(16_384, 1_000),
      swapMB: fc.constantFrom(100_000, 0),
      growth: fc.constantFrom<MemoryGrowth>('work', 'time', 'front'),
      tape: fc.array(fc.nat(11), { maxLength: 30 }),
    })
    .chain((b) => {
      const shape = fc.record({
        cls: fc.integer({ min: 0, max: 2 }),
        tenantId: fc.constant(0),
        workUs: fc.integer({ min: 1, max: 40 }).map((k) => k * 2_500),
        mem: fc
          .constantFrom(100, 150, 250)
          .chain((mb) =>
            fc.constantFrom({ initialMemoryMB: 50, peakMemoryMB: mb }, { initialMemoryMB: mb, peakMemoryMB: mb }),
          ),
        children: fc.constant([]),
      });
      return flatArrivals(fc.record({ atUs: grid(6), shardId: fc.constant(0), shape }), 20, 10).map((arrivals) =>
        focused(
          opts,
          {},
          {
            classes: PRICE_TABLES[2],
            memoryGrowthSteps: 4,
            memoryGrowth: b.growth,
            idleThresholdMB: 128,
            idleUpdateDeltaMB: 64,
            shards: 1,
            machines: [{ cores: b.cores, memoryMB: b.memoryMB, swapMB: b.swapMB }],
            arrivals,
            tape: b.tape,
          },
        ),
      );
    });
}

const TWO_CLASSES_1_2: readonly PriceClass[] = PRICE_TABLES[0];

/** Arrivals without children, numbered from 1. */
function flatArrivals(arrival: fc.Arbitrary<{ atUs: number; shardId: number; shape: Shape }>, max: number, min = 3) {
  return fc.array(arrival, { minLength: min, maxLength: max }).map((as) => {
    const next = { id: 1 };
    return as.map((a): ScenarioArrival => ({ atUs: a.atUs, shardId: a.shardId, template: toTemplate(a.shape, next) }));
  });
}

function focused(
  opts: ScenarioOptions,
  knobs: Record<string, unknown>,
  rest: Omit<Scenario, 'policy' | 'budgets' | 'antagonists'>,
): Scenario {
  return { ...rest, policy: { name: opts.policy, ...knobs, ...opts.overrides }, budgets: {}, antagonists: [] };
}

/**
 * Two waves on one machine: top-class work first, large enough that some of it is swapped out (only the top class is
 * resident, so it is its own victim), then lower-class work that fits beside it and starts. When the first top-class
 * task finishes, the swapped one needs the lower classes' memory, running or not.
 */
function memoryContentionArb(opts: ScenarioOptions): fc.Arbitrary<Scenario> {
  return fc
    .record({
      classTable: fc.constantFrom(...PRICE_TABLES),
      unit: fc.constantFrom(250, 256),
      cores: fc.constantFrom(2, 2, 3),
      swapMBPerS: swapBandwidthArb,
      tape: fc.array(fc.nat(11), { maxLength: 30 }),
    })
    .chain((b) => {
      const u = b.unit;
      const top = b.classTable.length - 1;
      const task = (cls: fc.Arbitrary<number>, sizes: number[]) =>
        fc.record({
          cls,
          tenantId: fc.constant(0),
          workUs: grid(30, 5),
          mem: fc.constantFrom(...sizes).map((mb) => ({ initialMemoryMB: mb, peakMemoryMB: mb })),
          children: fc.constant([]),
        });
      const first = fc.record({
        atUs: grid(1),
        shardId: fc.constant(0),
        shape: task(fc.constant(top), [2 * u, 2 * u, 2 * u + 1, 3 * u]),
      });
      const second = fc.record({
        atUs: grid(8, 2),
        shardId: fc.constant(0),
        shape: task(fc.integer({ min: 0, max: top - 1 }), [u, 2 * u, 2 * u]),
      });
      const waves = fc.tuple(
        fc.array(first, { minLength: 2, maxLength: 3 }),
        fc.array(second, { minLength: 1, maxLength: 3 }),
      );
      return waves.map(([a, c]): Scenario => {
        const next = { id: 1 };
        const arrivals = [...a, ...c].map(
          (x): ScenarioArrival => ({ atUs: x.atUs, shardId: 0, template: toTemplate(x.shape, next) }),
        );
        return focused(
          opts,
          {},
          {
            classes: b.classTable,
            memoryGrowthSteps: 1,
            idleThresholdMB: u,
            idleUpdateDeltaMB: u / 2,
            shards: 1,
            machines: [withBandwidth({ cores: b.cores, memoryMB: 4 * u, swapMB: 4 * u, swapMBPerS: b.swapMBPerS })],
            arrivals,
            tape: b.tape,
          },
        );
      });
    });
}

function shardContentionArb(opts: ScenarioOptions): fc.Arbitrary<Scenario> {
  return fc
    .record({
      tape: fc.array(fc.nat(11), { maxLength: 30 }),
      decisionSteps: fc.constantFrom(1, 2),
      // 1 or 3 cores among 3-6 functions share at rates like 1/3 and 3/5 (not exact in binary): float progress is
      // met under processor sharing.
      cores: fc.constantFrom(1, 3, 4),
    })
    .chain((b) => {
      const shape = fc.record({
        cls: fc.integer({ min: 0, max: 1 }),
        tenantId: fc.constant(0),
        workUs: grid(10, 1),
        mem: fc.constant({ initialMemoryMB: 100, peakMemoryMB: 100 }),
        children: fc.constant([]),
      });
      const knobs = {
        shardDecisionUs: b.decisionSteps * GRID_US,
        ...(opts.policy === 'xx' ? { agingUs: GRID_US } : {}),
      };
      return flatArrivals(fc.record({ atUs: grid(3), shardId: fc.constant(0), shape }), 6).map((arrivals) =>
        focused(opts, knobs, {
          classes: TWO_CLASSES_1_2,
          memoryGrowthSteps: 1,
          idleThresholdMB: 1024,
          idleUpdateDeltaMB: 256,
          shards: 1,
          machines: [{ cores: b.cores, memoryMB: 16384, swapMB: 0 }],
          arrivals,
          tape: b.tape,
        }),
      );
    });
}

function generalArb(opts: ScenarioOptions): fc.Arbitrary<Scenario> {
  return fc
    .record({
      classTable: fc.constantFrom(...PRICE_TABLES),
      regime: memoryRegimeArb,
      shards: fc.integer({ min: 1, max: opts.maxShards ?? 3 }),
      k: fc.integer({ min: 1, max: 3 }),
      shardDecisionUs: fc.constantFrom(0, 0, GRID_US, 5 * GRID_US, 15 * GRID_US),
      agingUs: fc.constantFrom(1_000, GRID_US, 100_000),
      memoryGrowthSteps: fc.integer({ min: 1, max: 4 }),
      memoryGrowth: fc.constantFrom('work', 'work', 'time', 'front') as fc.Arbitrary<MemoryGrowth>,
      memoryGrowthFrontFraction: fc.constantFrom(0.25, 1 / 3), // a third of a grid of work is not whole
      shardMachineDelayUs: opts.networkDelays ? fc.constantFrom(0, 1, GRID_US) : fc.constant(0),
      dispatcherShardDelayUs: opts.networkDelays ? fc.constantFrom(0, 1, 3 * GRID_US) : fc.constant(0),
      budgeted: fc.boolean(),
    })
    .chain((b) => {
      const classes = b.classTable.length;
      const arrivals = fc
        .array(
          fc.record({
            atUs: grid(40),
            shardId: fc.integer({ min: 0, max: b.shards - 1 }),
            shape: shapeArb(classes, b.regime, 2),
          }),
          { minLength: 1, maxLength: 6 },
        )
        .map((as) => {
          // Keep the total (children included) within MAX_INVOCATIONS by dropping trailing arrivals.
          const kept: typeof as = [];
          let n = 0;
          for (const a of as) {
            const c = countShape(a.shape);
            if (n + c > MAX_INVOCATIONS) continue;
            kept.push(a);
            n += c;
          }
          const next = { id: 1 };
          return kept.map(
            (a): ScenarioArrival => ({ atUs: a.atUs, shardId: a.shardId, template: toTemplate(a.shape, next) }),
          );
        });
      return fc
        .record({
          machines: machinesArb(b.regime).map((ms) => ms.slice(0, opts.maxMachines ?? 4)),
          arrivals,
          antagonistPlan:
            opts.antagonists === false
              ? fc.constant<AntagonistPlan[]>([])
              : fc.array<AntagonistPlan>(
                  fc.record({
                    atUs: grid(40),
                    lengthUs: grid(20, 1),
                    machine: fc.nat(3),
                    fraction: fc.constantFrom<number>(0, 0.25, 0.5),
                  }),
                  { maxLength: 1 },
                ),
          tape: fc.array(fc.nat(11), { maxLength: 60 }),
        })
        .map(({ machines, arrivals, antagonistPlan, tape }): Scenario => {
          // Each antagonist lowers usable memory for a while, then restores it (eventual completion relies on it).
          const antagonists: ScenarioAntagonist[] = antagonistPlan.flatMap((a) => {
            const machineId = a.machine % machines.length;
            const full = machines[machineId].memoryMB;
            return [
              { atUs: a.atUs, machineId, memoryMB: Math.floor(full * a.fraction) },
              { atUs: a.atUs + a.lengthUs, machineId, memoryMB: full },
            ];
          });
          const policy = {
            name: opts.policy,
            k: b.k,
            shardDecisionUs: b.shardDecisionUs,
            ...(opts.policy === 'xx' ? { agingUs: b.agingUs } : {}),
            ...opts.overrides,
          };
          return {
            policy,
            classes: b.classTable,
            memoryGrowthSteps: b.memoryGrowthSteps,
            memoryGrowth: b.memoryGrowth,
            memoryGrowthFrontFraction: b.memoryGrowthFrontFraction,
            shardMachineDelayUs: b.shardMachineDelayUs,
            dispatcherShardDelayUs: b.dispatcherShardDelayUs,
            idleThresholdMB: b.regime.idleThresholdMB,
            idleUpdateDeltaMB: b.regime.idleUpdateDeltaMB,
            // Tenant 1 may have a budget so small that one completion exceeds it (throttling); others are unlimited.
            budgets: b.budgeted ? { 1: 0.05 } : {},
            shards: b.shards,
            machines,
            arrivals,
            antagonists,
            tape,
          };
        });
    });
}
