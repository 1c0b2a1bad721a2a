import type { World } from '../../model/index.ts';

// Where every invocation is in a world, read off the components' states: a shard queue, a shard's poll in
// progress, the budget's held list, a machine, or a placement on its way to a machine over the network.

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
  for (const f of w.inFlight) {
    const body = f.message.body;
    const to = f.message.to;
    if (body.type === 'assign' && to.kind === 'machine')
      found.push({ id: body.inv.id, where: `in flight to m${to.id}` });
  }
  for (const m of w.machines) {
    for (const t of m.tasks) found.push({ id: t.inv.id, where: `machine ${m.id}` });
  }
  return found;
}
