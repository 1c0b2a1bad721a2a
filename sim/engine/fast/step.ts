import { costOf } from '../../../model/billing.ts';
import * as budget from './budget.ts';
import * as dispatcher from './dispatcher.ts';
import { ASSIGN, BILL, ENQUEUE, JOIN, LEAVE, REPORT, SPEND, TAKEN, UPDATE } from './fifo.ts';
import * as machine from './machine.ts';
import * as shard from './shard.ts';
import type { FastWorld } from './world.ts';

// Delivers the step's messages in the order sent (the spec router's FIFO), then frees the slots of tasks that
// completed or were killed in it.

export function deliverAll(w: FastWorld): void {
  const f = w.fifo;
  while (!f.empty) {
    const i = f.shift();
    const a = f.a[i];
    switch (f.kind[i]) {
      case ENQUEUE:
        shard.enqueue(w, a, f.b[i]);
        break;
      case ASSIGN:
        machine.assign(w, a, f.b[i]);
        break;
      case TAKEN:
        dispatcher.entryTaken(w, a, f.b[i]);
        break;
      case REPORT:
        dispatcher.report(w, a, f.b[i], f.c[i]);
        break;
      case JOIN:
        shard.idleJoin(w, a, f.b[i], f.d[i]);
        break;
      case UPDATE:
        w.idle[a].update(f.b[i], f.d[i]);
        break;
      case LEAVE:
        w.idle[a].remove(f.b[i]);
        break;
      case BILL:
        bill(w, a);
        break;
      case SPEND:
        budget.spend(w, a, f.b[i]);
        break;
    }
  }
  f.reset();
  w.tasks.recycle();
}

function bill(w: FastWorld, slot: number): void {
  const inv = w.tasks.invOf(slot);
  const { cpuCost, memoryCost } = costOf(inv, w.config);
  const tenantId = inv.tenantId;
  w.sink.output?.({ type: 'billed', atUs: w.nowUs, invId: inv.id, tenantId, cpuCost, memoryCost });
  if (w.config.budgets[tenantId] !== undefined) w.fifo.push(SPEND, tenantId, cpuCost + memoryCost);
}
