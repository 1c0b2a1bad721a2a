import type { Invocation, Machine, ModelConfig, ModelEvent, Output, Shard, Task, World } from '../model/index.ts';
import { fifoItems, fifoPeek, freeCores, functionCount, memoryAtWorkMB } from '../model/index.ts';
import type { History } from './history.ts';
import { canonicalJson, deepFreeze, findTask, isRunnable, jsonOf, locations, queuedTasks } from './view.ts';

// The invariants of issue 3, each a named pure check run after every step:
//   check(prevWorld, event, out, nextWorld, history) -> violation message | null
// `history` is the history after this step (history.ts). `final` runs once on the quiescent world at the end.
// Invariants judge against history.spec, the real config of the scenario: a mutant may run with another one.

export type Check = (prev: World, ev: ModelEvent, out: readonly Output[], next: World, h: History) => string | null;

export interface Invariant {
  readonly name: string;
  readonly description: string;
  readonly check: Check;
  /** Checked once when no event is left (the world is quiescent). */
  readonly final?: (w: World, h: History) => string | null;
}

const ofType = <T extends Output['type']>(out: readonly Output[], type: T) =>
  out.filter((o): o is Extract<Output, { type: T }> => o.type === type);

// ---- 1. conservation ----
const conservation: Invariant = {
  name: 'conservation',
  description: 'every invocation is in exactly one place (shard queue, throttled, in flight, waiting, running, swapped, completed, killed); counts add up',
  check(prev, _ev, out, next, h) {
    const seen = new Map<number, string>();
    const places = [...locations(next).map((l) => l), ...[...h.inFlight].map((id) => ({ id, where: 'in flight' })), ...[...h.done].map(([id, how]) => ({ id, where: how }))];
    for (const { id, where } of places) {
      const before = seen.get(id);
      if (before !== undefined) return `invocation ${id} is in two places: ${before} and ${where}`;
      if (!h.known.has(id)) return `invocation ${id} (${where}) never arrived`;
      seen.set(id, where);
    }
    for (const id of h.known.keys()) if (!seen.has(id)) return `invocation ${id} vanished`;
    const placedNow = new Set(ofType(out, 'placed').map((o) => o.invId));
    for (const o of out) {
      if (o.type !== 'completed' && o.type !== 'killed') continue;
      const onMachine = findTask(prev.machines[o.machineId], o.inv.id) !== undefined || placedNow.has(o.inv.id);
      if (!onMachine) return `invocation ${o.inv.id} ${o.type} on machine ${o.machineId} where it was not`;
    }
    for (const m of next.machines) {
      const n = m.queues.reduce((a, q) => a + q.length, 0);
      if (n !== m.queued) return `machine ${m.id}: queued count ${m.queued} but ${n} tasks in its queues`;
      for (const t of m.running) if (t.state !== 'running') return `machine ${m.id}: task ${t.inv.id} in the running set is ${t.state}`;
      for (const t of queuedTasks(m)) if (t.state === 'running') return `machine ${m.id}: task ${t.inv.id} queued but marked running`;
      if (h.spec.policy.discipline === 'priority' && m.running.length > m.cores) return `machine ${m.id}: ${m.running.length} tasks running on ${m.cores} cores`;
    }
    return null;
  },
  final(w, h) {
    if (h.inFlight.size > 0) return `quiescent with children in flight: ${[...h.inFlight].join(', ')}`;
    return null;
  },
};

// ---- 2. no priority inversion ----
// On a machine, a function never runs while a function of strictly higher effective class is delayed there.
// Delayed = waiting and runnable (view.ts isRunnable), or, under processor sharing, running on less than a
// full core (more tasks than cores) while a lower-class task also gets a share.
const noPriorityInversion: Invariant = {
  name: 'noPriorityInversion',
  description: 'a function never runs while a function of strictly higher effective class waits (runnable) on the same machine',
  check(_prev, _ev, _out, next, h) {
    for (const m of next.machines) {
      if (m.running.length === 0) continue;
      const lowestRunning = m.running.reduce((a, t) => (t.inv.effectiveClass < a.inv.effectiveClass ? t : a));
      for (const w of queuedTasks(m)) {
        if (w.inv.effectiveClass > lowestRunning.inv.effectiveClass && isRunnable(m, w, h.spec)) {
          return `machine ${m.id}: invocation ${lowestRunning.inv.id} (class ${lowestRunning.inv.effectiveClass}) runs while ${w.inv.id} (class ${w.inv.effectiveClass}) waits`;
        }
      }
      if (h.spec.policy.discipline === 'ps' && m.running.length > m.cores) {
        const highest = m.running.reduce((a, t) => (t.inv.effectiveClass > a.inv.effectiveClass ? t : a));
        if (highest.inv.effectiveClass > lowestRunning.inv.effectiveClass) {
          return `machine ${m.id}: ${highest.inv.id} (class ${highest.inv.effectiveClass}) gets ${m.cores}/${m.running.length} of a core while ${lowestRunning.inv.id} (class ${lowestRunning.inv.effectiveClass}) also runs`;
        }
      }
    }
    return null;
  },
};

// ---- 3. FCFS within a class ----
// Machine: queues are in arrival (seq) order; a task that starts running in this step has no runnable task of
// the same effective class with an earlier machine arrival left waiting (SCHED_FIFO: a task already running is
// not preempted by an earlier one of its class that becomes runnable, e.g. swapped back in); a preempted task
// keeps its progress and its seq (so it is at the head of its class). Shard: each class queue is in enqueue
// order and a placement takes a queue head.
const fcfsWithinClass: Invariant = {
  name: 'fcfsWithinClass',
  description: 'FCFS within a class on a machine (preemption keeps progress and the head) and in shard queues',
  check(prev, ev, out, next, h) {
    for (const m of next.machines) {
      for (const q of m.queues) for (let i = 1; i < q.length; i++) if (q[i - 1].seq >= q[i].seq) return `machine ${m.id}: queue not in arrival order (${q[i - 1].inv.id} before ${q[i].inv.id})`;
      const before = prev.machines[m.id];
      for (const r of m.running) {
        const was = findTask(before, r.inv.id);
        if (was !== undefined && (was.seq !== r.seq || was.doneUs > r.doneUs)) return `machine ${m.id}: task ${r.inv.id} lost its place or progress`;
        if (was !== undefined && was.state === 'running') continue;
        for (const w of queuedTasks(m)) {
          if (w.inv.effectiveClass === r.inv.effectiveClass && w.seq < r.seq && isRunnable(m, w, h.spec)) {
            return `machine ${m.id}: ${r.inv.id} started before ${w.inv.id}, an earlier arrival of the same class ${r.inv.effectiveClass}`;
          }
        }
      }
      for (const t of queuedTasks(m)) {
        const was = findTask(before, t.inv.id);
        if (was !== undefined && (was.seq !== t.seq || was.doneUs > t.doneUs)) return `machine ${m.id}: task ${t.inv.id} lost its place or progress`;
      }
    }
    for (const s of next.shards) {
      for (const q of s.queues) {
        const items = fifoItems(q);
        for (let i = 1; i < items.length; i++) if (items[i - 1].enqueuedUs > items[i].enqueuedUs) return `shard ${s.id}: queue not in arrival order (${items[i - 1].inv.id} before ${items[i].inv.id})`;
      }
    }
    if (ev.type === 'place') {
      for (const p of ofType(out, 'placed')) {
        const heads = prev.shards[ev.shardId].queues.map((q) => fifoPeek(q)?.inv.id);
        if (!heads.includes(p.invId)) return `shard ${ev.shardId}: placed ${p.invId}, which was not at the head of its queue`;
      }
    }
    return null;
  },
};

// ---- 4. work conservation ----
const workConservation: Invariant = {
  name: 'workConservation',
  description: 'no core is idle while a runnable function waits on its machine',
  check(_prev, _ev, _out, next, h) {
    for (const m of next.machines) {
      if (freeCores(m) === 0) continue;
      for (const w of queuedTasks(m)) if (isRunnable(m, w, h.spec)) return `machine ${m.id}: ${freeCores(m)} core(s) idle while ${w.inv.id} (${w.state}) can run`;
    }
    return null;
  },
};

// ---- 5. inheritance ----
const inheritance: Invariant = {
  name: 'inheritance',
  description: "a child's effective class is max(declared, parent's effective class) along the whole chain; classes never change later",
  check(_prev, ev, out, next, h) {
    const expect = (inv: { id: number; parentId: number; declaredClass: number; effectiveClass: number }): string | null => {
      if (inv.parentId < 0) return null;
      const parent = h.known.get(inv.parentId);
      if (parent === undefined) return `child ${inv.id} of unknown parent ${inv.parentId}`;
      const want = Math.max(inv.declaredClass, parent.effectiveClass);
      return inv.effectiveClass === want ? null : `child ${inv.id} (declared ${inv.declaredClass}) of ${parent.id} (effective ${parent.effectiveClass}) has effective class ${inv.effectiveClass}, expected ${want}`;
    };
    for (const o of ofType(out, 'spawned')) {
      const bad = expect(o.inv);
      if (bad) return bad;
    }
    if (ev.type === 'arrive') {
      const bad = ev.inv.parentId < 0 ? (ev.inv.effectiveClass === ev.inv.declaredClass ? null : `top-level ${ev.inv.id} arrived at class ${ev.inv.effectiveClass}, declared ${ev.inv.declaredClass}`) : expect(ev.inv);
      if (bad) return bad;
    }
    for (const m of next.machines) {
      for (const t of [...m.running, ...queuedTasks(m)]) {
        const k = h.known.get(t.inv.id);
        if (k !== undefined && k.effectiveClass !== t.inv.effectiveClass) return `invocation ${t.inv.id} changed class from ${k.effectiveClass} to ${t.inv.effectiveClass}`;
        const prio = h.spec.policy.classAware ? t.inv.effectiveClass : 0;
        if (t.prio !== prio) return `machine ${m.id}: ${t.inv.id} scheduled at class ${t.prio}, expected ${prio}`;
      }
    }
    return null;
  },
};

// ---- 6. memory safety ----
const memorySafety: Invariant = {
  name: 'memorySafety',
  description: 'resident memory <= usable RAM, swap <= capacity, and the accounting balances (a swapped task comes back before it finishes)',
  check(prev, _ev, out, next) {
    for (const m of next.machines) {
      let resident = 0;
      let swapped = 0;
      for (const t of m.running) resident += t.memoryMB;
      for (const t of queuedTasks(m)) if (t.state === 'swapped') swapped += t.memoryMB;
      else resident += t.memoryMB;
      if (resident !== m.residentMB) return `machine ${m.id}: resident ${m.residentMB} MB recorded, tasks hold ${resident} MB`;
      if (swapped !== m.swapUsedMB) return `machine ${m.id}: swap used ${m.swapUsedMB} MB recorded, swapped tasks hold ${swapped} MB`;
      if (m.residentMB > m.usableMB) return `machine ${m.id}: resident ${m.residentMB} MB exceeds usable ${m.usableMB} MB`;
      if (m.swapUsedMB > m.swapCapacityMB) return `machine ${m.id}: swap ${m.swapUsedMB} MB exceeds capacity ${m.swapCapacityMB} MB`;
    }
    const swappedInNow = new Set(ofType(out, 'swappedIn').map((o) => o.invId));
    for (const o of out) {
      if (o.type !== 'completed' && o.type !== 'killed') continue;
      const was = findTask(prev.machines[o.machineId], o.inv.id);
      if (was?.state === 'swapped' && !swappedInNow.has(o.inv.id)) return `machine ${o.machineId}: ${o.inv.id} ${o.type} while in swap`;
    }
    return null;
  },
  final(w) {
    for (const m of w.machines) if (m.residentMB !== 0 || m.swapUsedMB !== 0) return `machine ${m.id}: quiescent with ${m.residentMB} MB resident and ${m.swapUsedMB} MB in swap`;
    return null;
  },
};

// ---- 7. swap and kill order ----
// Checked on the world after the step, against the step's swappedOut/killed outputs (a step may swap, kill and
// reschedule several times; tasks preempted or swapped in during the step are left out of the comparison, since
// they may have changed state after the swap or kill):
// - swap victim v (still swapped at the end of the step): no resident waiting task ranks below it in victim
//   order (lower class, or same class and later arrival);
// - kill victim k: no resident task of a lower class remains (nor a later one of its class); and when the policy
//   swaps, swap could not absorb the pressure: the next victim in order (k itself if it was waiting) does not fit
//   in the swap space free at the kill (bounded below by the free space after the step minus what was swapped in).
const swapAndKillOrder: Invariant = {
  name: 'swapAndKillOrder',
  description: 'swap out lowest class, latest arrival first; kill only when swap cannot absorb the pressure, and the lowest class present',
  check(prev, _ev, out, next, h) {
    const preempted = new Set(ofType(out, 'preempted').map((o) => o.invId));
    const swappedIn = ofType(out, 'swappedIn');
    const swappedInIds = new Set(swappedIn.map((o) => o.invId));
    const ranksBelow = (u: Task, v: Task) => u.prio < v.prio || (u.prio === v.prio && u.seq > v.seq);
    let bad: string | null = null;
    const placedNow = new Set(ofType(out, 'placed').map((o) => o.invId));
    for (const o of ofType(out, 'swappedOut')) {
      const m = next.machines[o.machineId];
      const v = findTask(m, o.invId);
      if (v === undefined || v.state !== 'swapped') continue;
      for (const u of queuedTasks(m)) {
        if (u.state === 'waiting' && !preempted.has(u.inv.id) && ranksBelow(u, v)) return `machine ${m.id}: swapped out ${v.inv.id} (class ${v.prio}) while ${u.inv.id} (class ${u.prio}, seq ${u.seq}) stays resident`;
      }
    }
    out.forEach((o, j) => {
      if (o.type !== 'killed' || bad !== null) return;
      const m = next.machines[o.machineId];
      const before = prev.machines[o.machineId];
      const k = findTask(before, o.inv.id);
      const prio = h.spec.policy.classAware ? o.inv.effectiveClass : 0;
      const resident = [...m.running, ...queuedTasks(m).filter((t) => t.state === 'waiting')].filter((t) => !swappedInIds.has(t.inv.id));
      for (const u of resident) {
        if (u.prio < prio || (k !== undefined && u.prio === prio && u.seq > k.seq && !preempted.has(u.inv.id))) {
          bad = `machine ${m.id}: killed ${o.inv.id} (class ${prio}) while ${u.inv.id} (class ${u.prio}) is resident`;
          return;
        }
      }
      if (!h.spec.policy.swap) return;
      // k was surely still waiting at the kill if it was waiting before the step and no core can have freed up
      // for it in the step before the kill (no free core, nothing ended on that machine, it preempted nobody).
      const coreFreed = out.slice(0, j).some((x) => (x.type === 'completed' || x.type === 'killed') && x.machineId === m.id);
      // A task placed in this step (absent before) arrives waiting, at its initial memory.
      const placedHere = k === undefined && placedNow.has(o.inv.id);
      const kAsTask = k ?? (placedHere ? killedAsPlaced(o.inv, h) : undefined);
      const kWaiting = kAsTask !== undefined && kAsTask.state === 'waiting' && freeCores(before) === 0 && !coreFreed && !out.some((x) => x.type === 'preempted' && x.byInvId === o.inv.id);
      const candidates = queuedTasks(m).filter((t) => t.state === 'waiting' && !preempted.has(t.inv.id));
      if (kWaiting) candidates.push(kAsTask);
      if (candidates.length === 0) return;
      const v = candidates.reduce((a, t) => (ranksBelow(t, a) ? t : a));
      const swapInMB = swappedIn.filter((s) => s.machineId === m.id).reduce((a, s) => a + s.memoryMB, 0);
      const freeSwapLowMB = m.swapCapacityMB - m.swapUsedMB - swapInMB;
      if (v.memoryMB <= freeSwapLowMB) bad = `machine ${m.id}: killed ${o.inv.id} though ${v.inv.id} (${v.memoryMB} MB, next swap victim) fits in ${freeSwapLowMB} MB of free swap`;
    });
    return bad;
  },
};

/** The task a just-placed invocation becomes: waiting, at its first memory level, after every earlier task. */
function killedAsPlaced(inv: Invocation, h: History): Task {
  const steps = h.spec.memoryGrowthSteps;
  return { inv, prio: h.spec.policy.classAware ? inv.effectiveClass : 0, seq: Number.MAX_SAFE_INTEGER, state: 'waiting', doneUs: 0, markUs: 0, markV: 0, stallUs: 0, memoryMB: memoryAtWorkMB(inv, 0, steps), nextChild: 0, checkpoint: Infinity };
}

// ---- 8. shard choice ----
// The placed head is the one the selection rule ranks first (an independent re-statement of the rule: ties go
// to the higher class), and the machine is the one the placement rule names: with a non-empty idle list the
// entry with the fewest functions (ties: earliest joined); otherwise one of the sampled machines, least loaded
// (load per policy.loadCounts) or, for pollPick firstFree, the first with a free core and no queue, else the first.
export function ruleScore(config: ModelConfig, prio: number, waitUs: number): number {
  const p = config.policy;
  const price = config.priceClasses[p.classAware ? prio : 0].pricePerCpuS;
  if (p.shardRule === 'priceTimesWait') return price * (waitUs + p.agingUs);
  if (p.shardRule === 'priceOverWait') return waitUs === 0 ? Infinity : price / waitUs;
  if (p.shardRule === 'priceOnly') return price;
  return waitUs;
}

function expectedClass(s: Shard, atUs: number, config: ModelConfig): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let c = 0; c < s.queues.length; c++) {
    const head = fifoPeek(s.queues[c]);
    if (head === undefined) continue;
    const score = ruleScore(config, c, atUs - head.enqueuedUs);
    if (score >= bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

function held(s: Shard, config: ModelConfig): boolean {
  return config.policy.idleList && config.policy.whenIdleListEmpty === 'hold' && s.idle.length === 0;
}

function pollLoad(m: Machine, prio: number, config: ModelConfig): number {
  if (config.policy.loadCounts === 'all') return functionCount(m);
  let n = 0;
  for (const t of m.running) if (t.prio >= prio) n++;
  for (const t of queuedTasks(m)) if (t.prio >= prio) n++;
  return n;
}

const shardChoice: Invariant = {
  name: 'shardChoice',
  description: 'the placed head is the one the selection rule ranks first, on the machine the placement rule names',
  check(prev, ev, out, _next, h) {
    if (ev.type !== 'place') return null;
    const config = h.spec;
    const s = prev.shards[ev.shardId];
    const placed = ofType(out, 'placed');
    const cls = expectedClass(s, ev.atUs, config);
    if (cls < 0 || held(s, config)) return placed.length === 0 ? null : `shard ${s.id}: placed ${placed[0].invId} with ${cls < 0 ? 'an empty queue' : 'work held'}`;
    if (placed.length !== 1) return `shard ${s.id}: a placement decision with work queued placed ${placed.length} invocations`;
    const p = placed[0];
    const head = fifoPeek(s.queues[cls])!;
    if (p.invId !== head.inv.id) {
      const scores = s.queues.map((q, c) => { const hd = fifoPeek(q); return hd === undefined ? '-' : `${hd.inv.id}:${ruleScore(config, c, ev.atUs - hd.enqueuedUs)}`; });
      return `shard ${s.id} at ${ev.atUs}us: placed ${p.invId} but rule ${config.policy.shardRule} ranks ${head.inv.id} (class ${cls}) first [heads by class: ${scores.join(' ')}]`;
    }
    if (config.policy.idleList && s.idle.length > 0) {
      let best = s.idle[0];
      for (const e of s.idle) if (e.functions < best.functions) best = e;
      return p.machineId === best.machineId ? null : `shard ${s.id}: placed on machine ${p.machineId}, idle list names ${best.machineId} (fewest functions)`;
    }
    if (!ev.sampledMachines.includes(p.machineId)) return `shard ${s.id}: placed on machine ${p.machineId}, not among the sampled ${jsonOf(ev.sampledMachines)}`;
    const prio = config.policy.classAware ? head.inv.effectiveClass : 0;
    if (config.policy.pollPick === 'firstFree') {
      const free = ev.sampledMachines.find((id) => freeCores(prev.machines[id]) > 0 && prev.machines[id].queued === 0);
      const want = free ?? ev.sampledMachines[0];
      return p.machineId === want ? null : `shard ${s.id}: placed on ${p.machineId}, first free of ${jsonOf(ev.sampledMachines)} is ${want}`;
    }
    const loads = ev.sampledMachines.map((id) => pollLoad(prev.machines[id], prio, config));
    const min = Math.min(...loads);
    const want = ev.sampledMachines[loads.indexOf(min)];
    return p.machineId === want ? null : `shard ${s.id}: placed on ${p.machineId}, least loaded of ${jsonOf(ev.sampledMachines)} (loads ${jsonOf(loads)}) is ${want}`;
  },
};

// ---- 9. idle list ----
// A machine is on at most one shard's list, the one its dispatcher records; it is listed only while idle (free
// memory >= idleThresholdMB, or a free slot for idleBy slots): leaving is immediate, since the dispatcher reacts
// after every change. The entry's function count is exact; its free memory may lag by < idleUpdateDeltaMB (the
// documented staleness). An idle machine that is not listed has asked to join.
function isIdleSpec(m: Machine, config: ModelConfig): boolean {
  return config.policy.idleBy === 'memory' ? m.usableMB - m.residentMB >= config.idleThresholdMB : functionCount(m) < m.cores;
}

const idleList: Invariant = {
  name: 'idleList',
  description: 'a machine is on at most one idle list, and only while idle (entry free memory stale by < idleUpdateDeltaMB)',
  check(_prev, _ev, _out, next, h) {
    const config = h.spec;
    const listedOn = new Map<number, number>();
    for (const s of next.shards) {
      for (const e of s.idle) {
        if (!config.policy.idleList) return `shard ${s.id}: idle list used by a policy without idle lists`;
        const other = listedOn.get(e.machineId);
        if (other !== undefined) return `machine ${e.machineId} is on the idle lists of shards ${other} and ${s.id}`;
        listedOn.set(e.machineId, s.id);
        const m = next.machines[e.machineId];
        if (!isIdleSpec(m, config)) return `machine ${m.id} is on shard ${s.id}'s idle list but not idle (free ${m.usableMB - m.residentMB} MB, ${functionCount(m)} functions)`;
        if (e.functions !== functionCount(m)) return `machine ${m.id}: idle entry says ${e.functions} functions, it has ${functionCount(m)}`;
        const freeMB = m.usableMB - m.residentMB;
        if (Math.abs(e.freeMB - freeMB) >= config.idleUpdateDeltaMB) return `machine ${m.id}: idle entry says ${e.freeMB} MB free, it has ${freeMB} MB (staleness >= ${config.idleUpdateDeltaMB} MB)`;
      }
    }
    for (const m of next.machines) {
      const on = listedOn.get(m.id) ?? -1;
      if (m.dispatcher.idleShard !== on) return `machine ${m.id}: dispatcher records list ${m.dispatcher.idleShard}, it is on ${on}`;
      if (config.policy.idleList && on < 0 && isIdleSpec(m, config) && !m.dispatcher.joinRequested) return `machine ${m.id} is idle, not listed, and has not asked to join`;
    }
    return null;
  },
};

// ---- 10. eventual placement and completion ----
// Bound: every invocation has completed or been killed by
//   T = max(lastExternalUs, latest budget release announced) + totalWorkUs + invocations * shardDecisionUs + steps
// Why: after T0 = max(last external event, last release) nothing new enters and nothing is throttled. From then
// on, until all is done, at every instant either a shard is in a decision interval (at most one per invocation,
// shardDecisionUs each) or some machine runs a task at total rate >= 1 core (work conservation; under processor
// sharing n tasks on C cores run at min(n, C) >= 1 in total), which the total work bounds; idle-list joins,
// spawns, swaps (swapMBPerS = 0 here) and placements take no time. `steps` (1 us per step so far) absorbs the
// rounding of processor-sharing wake-ups (at most 1 us each). Assumes usable memory is restored at the end
// (generators pair each antagonist with a restore), so a swapped task can always be brought back.
function completionBoundUs(h: History): number {
  const b = h.bound;
  return Math.max(b.lastExternalUs, h.maxReleaseUs) + b.totalWorkUs + b.invocations * h.spec.policy.shardDecisionUs + h.stepIndex + 1;
}

const eventualCompletion: Invariant = {
  name: 'eventualCompletion',
  description: 'once arrivals stop, every invocation is placed and completes or is killed within a derived bound',
  check(_prev, _ev, _out, next, h) {
    const boundUs = completionBoundUs(h);
    if (next.nowUs > boundUs && h.done.size < h.known.size) {
      const left = [...h.known.keys()].filter((id) => !h.done.has(id));
      return `at ${next.nowUs}us (bound ${boundUs}us) invocations ${left.join(', ')} are not finished`;
    }
    return null;
  },
  // Children of a killed parent are never spawned, so the final check counts the invocations that exist.
  final(_w, h) {
    const left = [...h.known.keys()].filter((id) => !h.done.has(id));
    return left.length === 0 ? null : `quiescent with invocation(s) ${left.join(', ')} never finished`;
  },
};

// ---- 11. determinism and purity ----
// Re-runs the same step on the deep-frozen input world: it must not throw (no write to its input), must give the
// same world and outputs, and must leave the input unchanged.
const determinismAndPurity: Invariant = {
  name: 'determinismAndPurity',
  description: 'same events give the same trace; the reducer never mutates its input',
  check(prev, ev, out, next, h) {
    const before = canonicalJson(prev);
    deepFreeze(prev);
    let again: { world: World; out: Output[] };
    try {
      again = h.step(prev, ev);
    } catch (e) {
      return `step on a frozen world threw: ${(e as Error).message}`;
    }
    if (canonicalJson(prev) !== before) return 'the step changed its input world';
    if (canonicalJson(again.world) !== canonicalJson(next)) return 'the same event on the same world gave a different world';
    if (jsonOf(again.out) !== jsonOf(out)) return 'the same event on the same world gave different outputs';
    return null;
  },
};

/** Every per-step invariant, in the order of issue 3. */
export const INVARIANTS: readonly Invariant[] = [
  conservation,
  noPriorityInversion,
  fcfsWithinClass,
  workConservation,
  inheritance,
  memorySafety,
  swapAndKillOrder,
  shardChoice,
  idleList,
  eventualCompletion,
  determinismAndPurity,
];

export function invariantByName(name: string): Invariant | undefined {
  return INVARIANTS.find((i) => i.name === name);
}

