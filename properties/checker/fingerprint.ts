import type {
  ChildTemplate,
  DispatcherState,
  Invocation,
  InvocationTemplate,
  MachineLoad,
  MachineState,
  MessageBody,
  ModelEvent,
  Queued,
  Sender,
  ShardState,
  Task,
  World,
} from '../../model/index.ts';
import { canonicalJson } from '../../sim/util/canonical-json.ts';
import { Hasher } from './hasher.ts';
import type { CheckState } from './state.ts';

// The fingerprint of a state in canonical form, so that states equal up to a symmetry hash alike (TLC's symmetry
// sets): machines of equal spec are put in order of their contents, then shards in order of theirs (with machines
// already renamed), every order of tied ones tried and the least hash kept (`of`), and invocation ids are renamed
// in order of first appearance, so pending invocations of equal attributes are interchangeable. Counters the model
// only compares (task placement order, swap request order, the send order of messages in flight) are hashed as
// ranks. Any renaming used is a bijection applied to the whole state (messages in flight included), so two states
// hash alike only if one is the other renamed (up to hash collisions). Not hashed: the observer history
// (state.ts), the config (fixed per scope), ids of finished invocations, the send counter (it only numbers future
// messages, after every one in flight).

const MACHINE_KEYS =
  'id,cores,ramMB,usableMB,swapMB,swapMBPerS,transfer,requests,nowUs,virtualUs,tasks,nextSeq,wakeAtUs';
const TASK_KEYS =
  'inv,cls,seq,running,residency,requestedUs,requestOrder,doneUs,markVUs,ageUs,ageMarkUs,memoryMB,nextChild';
const SHARD_KEYS = 'id,queues,idle,busyUntilUs,placeAtUs,poll';
const WORLD_KEYS = 'config,nowUs,shards,machines,dispatchers,budget,inFlight,sentDelayed';
const DISPATCHER_KEYS = 'machineId,listedOn,entry,joinAtUs,joinPoll,report';

const RESIDENCY: Record<string, number> = { ram: 1, toSwap: 2, swap: 3, toRam: 4 };
const ADDRESS_KINDS = ['environment', 'shard', 'machine', 'dispatcher', 'budget', 'billing'];

/** Whether the world has exactly the fields this file hashes (a model change must extend it, not slip by). */
export function knownShape(s: CheckState): string | null {
  const w = s.world;
  const check = (what: string, o: object, keys: string) =>
    Object.keys(o).join(',') === keys ? null : `${what} has fields ${Object.keys(o).join(',')}`;
  const task = w.machines.flatMap((m) => m.tasks)[0];
  return (
    check('world', w, WORLD_KEYS) ??
    check('machine', w.machines[0], MACHINE_KEYS) ??
    check('shard', w.shards[0], SHARD_KEYS) ??
    check('dispatcher', w.dispatchers[0], DISPATCHER_KEYS) ??
    (task === undefined ? null : check('task', task, TASK_KEYS))
  );
}

export class Fingerprinter {
  private readonly h = new Hasher();
  private readonly sig = new Hasher();
  private idMap = new Int32Array(256);
  private idStamp = new Int32Array(256);
  private stamp = 0;
  private nextCanon = 0;
  private mPerm: number[] = [];
  private sPerm: number[] = [];
  private mOrder: number[] = [];
  private sOrder: number[] = [];
  private mSig: number[] = [];
  private sSig: number[] = [];
  private readonly allShards: readonly number[];
  private pendingOrder: number[] = [];
  private pendingSig: number[] = [];
  lo = 0;
  hi = 0;
  private bestLo = -1;
  private bestHi = -1;

  /** Liveness: times are hashed relative to now, and instants more than `ageCapUs` ago as that long ago. */
  relative = false;
  ageCapUs = Infinity;
  private base = 0;

  constructor(
    private readonly symmetric: boolean,
    /** Machine ids grouped by equal spec (only these may be exchanged). */
    private readonly machineGroups: readonly (readonly number[])[],
    private readonly shardCount: number,
  ) {
    this.allShards = Array.from({ length: shardCount }, (_, j) => j);
  }

  /** Set when the world has fields this file does not know: then it hashes the whole world as data, unrenamed. */
  generic = false;

  /**
   * Fingerprints `s` into `lo`/`hi`. With symmetry: machines (within each group of equal spec) and shards are put
   * in order of their signatures; where signatures tie, every order of the tied ones is hashed and the least hash
   * kept, so the fingerprint is the same for every renaming of a state (a canonical form, as TLC's symmetry sets),
   * and the states a search reaches do not depend on the order it explores them in (the parallel search's
   * workers race). Past MAX_TIED_ORDERS orders, the tied ones keep their id order (sound, not canonical).
   */
  of(s: CheckState): void {
    if (this.generic) {
      this.ofData(s);
      return;
    }
    this.base = this.relative ? s.world.nowUs : 0;
    this.order(s);
    if (!this.symmetric) {
      this.hashState(s);
      return;
    }
    this.bestLo = -1;
    this.bestHi = -1;
    const runs = tiedRuns(this.mOrder, this.mSig, this.machineGroups);
    if (ordersOf(runs) > MAX_TIED_ORDERS) runs.length = 0;
    permuteRuns(this.mOrder, runs, 0, () => this.withMachineOrder(s));
    this.lo = this.bestLo;
    this.hi = this.bestHi;
  }

  /** Given the machines' order: shards in order of their signatures (machines renamed), each tied order tried. */
  private withMachineOrder(s: CheckState): void {
    for (let c = 0; c < this.mOrder.length; c++) this.mPerm[this.mOrder[c]] = c;
    this.orderShards(s);
    const runs = this.shardCount > 1 ? tiedRuns(this.sOrder, this.sSig, [this.allShards]) : [];
    if (ordersOf(runs) > MAX_TIED_ORDERS) runs.length = 0;
    permuteRuns(this.sOrder, runs, 0, () => {
      for (let c = 0; c < this.shardCount; c++) this.sPerm[this.sOrder[c]] = c;
      this.hashState(s);
      if (this.bestLo < 0 || this.lo < this.bestLo || (this.lo === this.bestLo && this.hi < this.bestHi)) {
        this.bestLo = this.lo;
        this.bestHi = this.hi;
      }
    });
  }

  /** Hashes the state under the current renaming (mPerm, sPerm) into `lo`/`hi`. */
  private hashState(s: CheckState): void {
    const w = s.world;
    this.stamp++;
    this.nextCanon = 0;
    const h = this.h.reset();
    this.at(h, w.nowUs);
    for (const i of this.mOrder) {
      this.machine(h, w.machines[i], true);
      this.dispatcher(h, w.dispatchers[i]);
    }
    for (const j of this.sOrder) this.shard(h, w.shards[j], true);
    const b = w.budget;
    this.at(h, b.releaseAtUs);
    h.int(b.held.length);
    for (const x of b.held) {
      this.inv(h, x.inv, true);
      h.int(this.shardId(x.shardId));
    }
    for (const tenant in b.spentByTenant) {
      h.num(Number(tenant));
      h.num(b.spentByTenant[tenant]);
    }
    h.int(-7);
    // In send order; the send counter only orders them (and future sends after them), so it is hashed as ranks.
    h.int(w.inFlight.length);
    for (const f of w.inFlight) this.flight(h, f);
    this.pending(h, s.pending);
    h.int(s.used);
    this.at(h, s.lastArrivalUs);
    h.int(s.episodes);
    this.lo = h.lo();
    this.hi = h.hi();
  }

  private ofData(s: CheckState): void {
    const h = this.h.reset();
    const { config: _config, ...world } = s.world;
    const json = canonicalJson([world, s.pending, s.used, s.lastArrivalUs, s.episodes]);
    for (let i = 0; i < json.length; i++) h.int(json.charCodeAt(i));
    this.lo = h.lo();
    this.hi = h.hi();
  }

  /** An instant: as is, or (liveness) relative to now, the past capped at ageCapUs ago. */
  private at(h: Hasher, v: number): void {
    if (!this.relative || v === Infinity) h.num(v);
    else h.num(Math.max(v - this.base, -this.ageCapUs));
  }

  /** Machines in order of their signatures within each group of equal spec (ties by id), shards by id. */
  private order(s: CheckState): void {
    const w = s.world;
    const mCount = w.machines.length;
    if (this.mPerm.length !== mCount) {
      this.mPerm = Array.from({ length: mCount }, (_, i) => i);
      this.mOrder = Array.from({ length: mCount }, (_, i) => i);
      this.mSig = new Array(mCount).fill(0);
    }
    if (this.sPerm.length !== this.shardCount) {
      this.sPerm = Array.from({ length: this.shardCount }, (_, i) => i);
      this.sOrder = Array.from({ length: this.shardCount }, (_, i) => i);
      this.sSig = new Array(this.shardCount).fill(0);
    }
    for (let i = 0; i < mCount; i++) this.mOrder[i] = i;
    for (let j = 0; j < this.shardCount; j++) this.sOrder[j] = j;
    for (let i = 0; i < mCount; i++) this.mPerm[i] = i;
    for (let j = 0; j < this.shardCount; j++) this.sPerm[j] = j;
    if (!this.symmetric) return;
    for (const g of this.machineGroups) {
      if (g.length === 1) continue;
      for (const i of g) this.mSig[i] = this.machineSig(w.machines[i], w.dispatchers[i]);
      sortSlots(this.mOrder, g, this.mSig);
    }
  }

  /** Shards in order of their signatures, ties by id (their signatures name machines by their new names). */
  private orderShards(s: CheckState): void {
    for (let j = 0; j < this.shardCount; j++) this.sOrder[j] = j;
    if (this.shardCount <= 1) return;
    for (let j = 0; j < this.shardCount; j++) this.sSig[j] = this.shardSig(s.world.shards[j]);
    sortSlots(this.sOrder, this.allShards, this.sSig);
  }

  private machineSig(m: MachineState, d: DispatcherState): number {
    const h = this.sig.reset();
    this.machine(h, m, false);
    h.int(d.listedOn >= 0 ? 1 : 0);
    this.at(h, d.joinAtUs);
    return h.lo();
  }

  private shardSig(s: ShardState): number {
    const h = this.sig.reset();
    this.shard(h, s, false);
    return h.lo();
  }

  private machineId(i: number): number {
    return this.mPerm[i] ?? i;
  }

  private shardId(j: number): number {
    return j < 0 ? j : (this.sPerm[j] ?? j);
  }

  /** A renamed invocation id (named: false hashes no id at all, for signatures). */
  private id(h: Hasher, raw: number, named: boolean): void {
    if (!named) return;
    if (!this.symmetric) {
      h.int(raw);
      return;
    }
    if (raw < 0) {
      h.int(-1);
      return;
    }
    if (raw >= this.idMap.length) {
      const n = Math.max(raw + 1, this.idMap.length * 2);
      const m = new Int32Array(n);
      m.set(this.idMap);
      const st = new Int32Array(n);
      st.set(this.idStamp);
      this.idMap = m;
      this.idStamp = st;
    }
    if (this.idStamp[raw] !== this.stamp) {
      this.idStamp[raw] = this.stamp;
      this.idMap[raw] = this.nextCanon++;
    }
    h.int(this.idMap[raw]);
  }

  private template(h: Hasher, t: InvocationTemplate, named: boolean): void {
    this.id(h, t.id, named);
    h.int(t.tenantId);
    h.int(t.declaredClass);
    h.num(t.workUs);
    h.num(t.initialMemoryMB);
    h.num(t.peakMemoryMB);
    h.int(t.children.length);
    for (const c of t.children as readonly ChildTemplate[]) {
      h.num(c.afterWorkUs);
      this.template(h, c.spec, named);
    }
  }

  private inv(h: Hasher, inv: Invocation, named: boolean): void {
    this.template(h, inv, named);
    this.at(h, inv.arrivalUs);
    this.id(h, inv.parentId, named);
    h.int(inv.effectiveClass);
  }

  private machine(h: Hasher, m: MachineState, named: boolean): void {
    h.int(m.cores);
    h.num(m.ramMB);
    h.num(m.usableMB);
    h.num(m.swapMB);
    h.num(m.swapMBPerS);
    this.at(h, m.nowUs);
    if (!this.relative) h.num(m.virtualUs);
    this.at(h, m.wakeAtUs);
    const tasks = m.tasks;
    h.int(tasks.length);
    let transferIndex = -1;
    for (let r = 0; r < tasks.length; r++) {
      const t = tasks[r];
      if (m.transfer !== null && m.transfer.seq === t.seq) transferIndex = r;
      this.task(h, t, tasks, named, this.relative ? m.virtualUs : 0);
    }
    h.int(transferIndex);
    if (m.transfer === null) h.int(-1);
    else this.at(h, m.transfer.endUs);
  }

  private task(h: Hasher, t: Task, all: readonly Task[], named: boolean, virtualUs: number): void {
    this.inv(h, t.inv, named);
    h.int(t.cls);
    h.int(t.running ? 1 : 0);
    h.int(RESIDENCY[t.residency] ?? 9);
    this.at(h, t.requestedUs);
    let rank = 0;
    for (const o of all) if (o.requestOrder < t.requestOrder) rank++;
    h.int(rank);
    h.num(t.doneUs);
    h.num(t.markVUs - virtualUs);
    h.num(t.ageUs);
    this.at(h, t.ageMarkUs);
    h.num(t.memoryMB);
    h.int(t.nextChild);
  }

  private dispatcher(h: Hasher, d: DispatcherState): void {
    h.int(this.shardId(d.listedOn));
    h.num(d.entry === null ? -1 : d.entry.freeMB);
    h.num(d.entry === null ? -1 : d.entry.functions);
    this.at(h, d.joinAtUs);
    const p = d.joinPoll;
    h.int(p === null ? -1 : p.sampled.length);
    if (p !== null) {
      for (const sh of p.sampled) h.int(this.shardId(sh));
      for (const l of p.lengths) h.num(l ?? -1);
    }
    h.num(d.report.freeMB);
    h.int(d.report.functions);
  }

  private flight(h: Hasher, f: World['inFlight'][number]): void {
    this.at(h, f.atUs);
    this.address(h, f.from);
    this.address(h, f.message.to);
    this.body(h, f.message.body);
  }

  private address(h: Hasher, a: Sender): void {
    h.int(ADDRESS_KINDS.indexOf(a.kind));
    if (a.kind === 'shard') h.int(this.shardId(a.id));
    else if (a.kind === 'machine' || a.kind === 'dispatcher') h.int(this.machineId(a.id));
  }

  /** A message body, every machine, shard and invocation id in it renamed. */
  private body(h: Hasher, b: MessageBody): void {
    for (let i = 0; i < b.type.length; i++) h.int(b.type.charCodeAt(i));
    switch (b.type) {
      case 'admit':
      case 'assign':
        this.inv(h, b.inv, true);
        h.int(this.shardId(b.shardId));
        return;
      case 'enqueue':
        this.inv(h, b.inv, true);
        return;
      case 'bill':
        this.inv(h, b.inv, true);
        h.int(this.machineId(b.machineId));
        return;
      case 'placeTimer':
        for (const m of b.sampledMachines) h.int(this.machineId(m));
        return;
      case 'joinTimer':
        for (const j of b.sampledShards) h.int(this.shardId(j));
        return;
      case 'loadReply':
        this.load(h, b.load);
        return;
      case 'idleEntryJoin':
      case 'idleEntryUpdate':
        h.int(this.machineId(b.entry.machineId));
        h.num(b.entry.freeMB);
        h.num(b.entry.functions);
        return;
      case 'idleEntryLeave':
      case 'idleLengthQuery':
        h.int(this.machineId(b.machineId));
        return;
      case 'loadQuery':
        h.int(this.shardId(b.shardId));
        h.int(b.cls);
        return;
      case 'idleLength':
        h.int(this.shardId(b.shardId));
        h.int(b.length);
        return;
      case 'idleEntryTaken':
        h.int(this.shardId(b.shardId));
        return;
      case 'report':
        h.num(b.report.freeMB);
        h.num(b.report.functions);
        h.int(b.report.cores);
        return;
      case 'spend':
        h.num(b.tenantId);
        h.num(b.amount);
        return;
      case 'setUsableMemory':
        h.num(b.memoryMB);
        return;
      case 'boot':
      case 'wakeTimer':
      case 'releaseTimer':
        return;
      default: {
        // A kind this file does not know: its fields, as data (ids in it are not renamed: sound, not canonical).
        const json = JSON.stringify(b);
        for (let i = 0; i < json.length; i++) h.int(json.charCodeAt(i));
      }
    }
  }

  private load(h: Hasher, l: MachineLoad): void {
    h.int(this.machineId(l.machineId));
    h.int(l.functions);
    h.int(l.functionsAtOrAbove);
    h.int(l.freeCores);
    h.int(l.waiting);
  }

  private queued(h: Hasher, q: Queued, named: boolean): void {
    this.inv(h, q.inv, named);
    this.at(h, q.enqueuedUs);
  }

  private shard(h: Hasher, s: ShardState, named: boolean): void {
    this.at(h, s.busyUntilUs);
    this.at(h, s.placeAtUs);
    h.int(s.queues.length);
    for (const q of s.queues) {
      h.int(q.length);
      for (const x of q) this.queued(h, x, named);
    }
    h.int(s.idle.length);
    for (const e of s.idle) {
      h.int(this.machineId(e.machineId));
      h.num(e.freeMB);
      h.num(e.functions);
    }
    const p = s.poll;
    h.int(p === null ? -1 : p.sampled.length);
    if (p === null) return;
    this.queued(h, p.item, named);
    h.int(p.cls);
    for (const m of p.sampled) h.int(this.machineId(m));
    for (const l of p.loads) {
      if (l === null) h.int(-1);
      else this.load(h, l);
    }
  }

  /** Pending events in a canonical order: by time, then by their own hash (equal ones are interchangeable). */
  private pending(h: Hasher, evs: readonly ModelEvent[]): void {
    h.int(evs.length);
    const order = this.pendingOrder;
    const sig = this.pendingSig;
    order.length = 0;
    for (let i = 0; i < evs.length; i++) {
      sig[i] = evs.length > 1 ? this.eventSig(evs[i]) : 0;
      // Insertion by (time, signature); equal keys keep list order, as a stable sort would.
      let at = order.length;
      while (at > 0 && comparePending(evs, sig, order[at - 1], i) > 0) at--;
      order.splice(at, 0, i);
    }
    for (const i of order) this.event(h, evs[i], true);
  }

  private eventSig(e: ModelEvent): number {
    const h = this.sig.reset();
    this.event(h, e, false);
    return h.lo();
  }

  private event(h: Hasher, e: ModelEvent, named: boolean): void {
    this.at(h, e.atUs);
    if (e.type === 'arrive') {
      h.int(1);
      h.int(this.shardId(e.shardId));
      this.inv(h, e.inv, named);
    } else if (e.type === 'setUsableMemory') {
      h.int(2);
      h.int(this.machineId(e.machineId));
      h.num(e.memoryMB);
    } else {
      // A kind this file does not know: its fields, as data (machine or shard ids in it are not renamed).
      h.int(3);
      const json = JSON.stringify(e);
      for (let i = 0; i < json.length; i++) h.int(json.charCodeAt(i));
    }
  }
}

/** Sorts the ids in `slots` (positions of `order` holding those ids) by signature, ties by id: a stable order. */
function sortSlots(order: number[], slots: readonly number[], sig: readonly number[]): void {
  const before = (x: number, y: number) => sig[x] < sig[y] || (sig[x] === sig[y] && x < y);
  for (let a = 1; a < slots.length; a++) {
    const id = order[slots[a]];
    let b = a;
    for (; b > 0 && before(id, order[slots[b - 1]]); b--) order[slots[b]] = order[slots[b - 1]];
    order[slots[b]] = id;
  }
}

/** At most this many orders of tied machines and shards are hashed for one state (7! = 5,040). */
const MAX_TIED_ORDERS = 5040;

/** Runs of positions (in `slots` order of each group) whose ids have equal signatures, after sortSlots. */
function tiedRuns(order: readonly number[], sig: readonly number[], groups: readonly (readonly number[])[]) {
  const runs: number[][] = [];
  for (const g of groups) {
    let start = 0;
    for (let a = 1; a <= g.length; a++) {
      if (a < g.length && sig[order[g[a]]] === sig[order[g[start]]]) continue;
      if (a - start > 1) runs.push(g.slice(start, a));
      start = a;
    }
  }
  return runs;
}

function ordersOf(runs: readonly (readonly number[])[]): number {
  let n = 1;
  for (const r of runs) for (let k = 2; k <= r.length; k++) n *= k;
  return n;
}

/** Calls `visit` once for every order of the ids at each run's positions (every run permuted independently). */
function permuteRuns(order: number[], runs: readonly (readonly number[])[], k: number, visit: () => void): void {
  if (k === runs.length) {
    visit();
    return;
  }
  const positions = runs[k];
  const permute = (i: number): void => {
    if (i >= positions.length - 1) {
      permuteRuns(order, runs, k + 1, visit);
      return;
    }
    for (let j = i; j < positions.length; j++) {
      swap(order, positions[i], positions[j]);
      permute(i + 1);
      swap(order, positions[i], positions[j]);
    }
  };
  permute(0);
}

function swap(order: number[], a: number, b: number): void {
  const x = order[a];
  order[a] = order[b];
  order[b] = x;
}

function comparePending(evs: readonly ModelEvent[], sig: readonly number[], a: number, b: number): number {
  return evs[a].atUs - evs[b].atUs || sig[a] - sig[b];
}

/** Machine ids grouped by equal spec, in id order. */
export function machineGroups(specs: readonly MachineState[]): number[][] {
  const groups = new Map<string, number[]>();
  for (const m of specs) {
    const key = `${m.cores}/${m.ramMB}/${m.swapMB}/${m.swapMBPerS}`;
    groups.set(key, [...(groups.get(key) ?? []), m.id]);
  }
  return [...groups.values()];
}
