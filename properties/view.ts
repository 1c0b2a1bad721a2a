import type { Machine, ModelConfig, Task, World } from '../model/index.ts';
import { fifoItems } from '../model/index.ts';
import { MachineDraft } from '../model/machine-draft.ts';
import { makeRoomFor } from '../model/memory.ts';

// Read-only views of a world that several invariants share.

/** Every non-running task of a machine (waiting or swapped), highest class first. */
export function queuedTasks(m: Machine): Task[] {
  const ts: Task[] = [];
  for (let c = m.queues.length - 1; c >= 0; c--) ts.push(...m.queues[c]);
  return ts;
}

/**
 * Whether a non-running task could take a core now. A waiting (resident) task can. A swapped task can only if
 * room can be made for it in RAM under the model's documented rule (swap out strictly lower-class waiting tasks
 * in victim order while swap has room; model/memory.ts `makeRoomFor`): a swapped task that cannot be brought
 * back in is not runnable, and the scheduler rightly passes over it.
 */
export function isRunnable(m: Machine, t: Task, config: ModelConfig): boolean {
  if (t.state === 'waiting') return true;
  if (t.state !== 'swapped') return false;
  return makeRoomFor(new MachineDraft(m), t, config, null);
}

/** Where every invocation id is in a world: a list of (id, place) pairs (an id listed twice is a bug). */
export function locations(w: World): { id: number; where: string }[] {
  const locs: { id: number; where: string }[] = [];
  for (const s of w.shards) {
    s.queues.forEach((q, c) => {
      for (const item of fifoItems(q)) locs.push({ id: item.inv.id, where: `shard ${s.id} queue ${c}` });
    });
    for (const item of s.throttled) locs.push({ id: item.inv.id, where: `shard ${s.id} throttled` });
  }
  for (const m of w.machines) {
    for (const t of m.running) locs.push({ id: t.inv.id, where: `machine ${m.id} running` });
    m.queues.forEach((q, c) => {
      for (const t of q) locs.push({ id: t.inv.id, where: `machine ${m.id} queue ${c} (${t.state})` });
    });
  }
  return locs;
}

export function findTask(m: Machine, id: number): Task | undefined {
  for (const t of m.running) if (t.inv.id === id) return t;
  for (const q of m.queues) for (const t of q) if (t.inv.id === id) return t;
  return undefined;
}

/** Stable JSON of a world: FIFO queues by their items (never the raw shared buffer), Infinity spelled out. */
export function canonicalJson(w: World): string {
  return JSON.stringify(
    {
      nowUs: w.nowUs,
      ledger: w.ledger,
      machines: w.machines,
      shards: w.shards.map((s) => ({ ...s, queues: s.queues.map((q) => fifoItems(q)) })),
    },
    (_k, v) => (v === Infinity ? 'Inf' : v === -Infinity ? '-Inf' : v),
  );
}

export function jsonOf(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x === Infinity ? 'Inf' : x === -Infinity ? '-Inf' : x));
}

/** Recursively freezes a value (objects and arrays), returning it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
