import { locations } from '../oracle/locations.ts';
import type { Invariant } from './types.ts';
import { verdictsOf } from './types.ts';

// Every invocation that arrived or was spawned is in exactly one place: a shard queue, a shard's poll, held by the
// budget, in flight to a shard (a spawned child), on a machine, completed or killed. A completed task has started
// all its children; a machine never runs more tasks than it has cores (priority discipline).

export const conservation: Invariant = {
  name: 'conservation',
  description: 'every invocation is in exactly one place; counts add up; nothing appears from nowhere',
  check(v, probe) {
    const h = v.after;
    const seen = new Map<number, string>();
    const places = [
      ...locations(v.next),
      ...[...h.inFlight].map((id) => ({ id, where: 'in flight' })),
      ...[...h.done].map(([id, how]) => ({ id, where: how })),
    ];
    for (const { id, where } of places) {
      probe.checked();
      const before = seen.get(id);
      if (before !== undefined) return `invocation ${id} is in two places: ${before} and ${where}`;
      if (!h.known.has(id)) return `invocation ${id} (${where}) never arrived`;
      seen.set(id, where);
    }
    for (const id of h.known.keys()) if (!seen.has(id)) return `invocation ${id} vanished`;
    if (h.spec.policy.discipline === 'priority') {
      for (const m of v.next.machines) {
        const running = m.tasks.filter((t) => t.running).length;
        if (running > m.cores) return `machine ${m.id}: ${running} tasks running on ${m.cores} cores`;
      }
    }
    return verdictsOf(v, 'conservation', probe);
  },
  final(_w, h, probe) {
    probe.checked();
    return h.inFlight.size > 0 ? `quiescent with children in flight: ${[...h.inFlight].join(', ')}` : null;
  },
};
