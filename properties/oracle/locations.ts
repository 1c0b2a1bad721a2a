import type { World } from '../../model/index.ts';

// Where every invocation is in a world, read off the components' states: a shard queue, a shard's poll in
// progress, the budget's held list, or a machine.

export interface Location {
  readonly id: number;
  readonly where: string;
}

export function locations(w: World): Location[] {
  const found: Location[] = [];
  for (const s of w.shards) {
    s.queues.forEach((q, c) => {
      for (const item of q) found.push({ id: item.inv.id, where: `shard ${s.id} queue ${c}` });
    });
    if (s.poll !== null) found.push({ id: s.poll.item.inv.id, where: `shard ${s.id} poll` });
  }
  for (const h of w.budget.held) found.push({ id: h.inv.id, where: 'held by the budget' });
  for (const m of w.machines) {
    for (const t of m.tasks) found.push({ id: t.inv.id, where: `machine ${m.id}` });
  }
  return found;
}
