import { costOf } from '../../../model/billing.ts';
import * as budget from './budget.ts';
import * as dispatcher from './dispatcher.ts';
import {
  ASSIGN,
  BILL,
  ENQUEUE,
  JOIN,
  LEAVE,
  LENGTH_QUERY,
  LENGTH_REPLY,
  LOAD_QUERY,
  LOAD_REPLY,
  REPORT,
  SPEND,
  TAKEN,
  UPDATE,
} from './fifo.ts';
import * as machine from './machine.ts';
import type { Flight } from './network.ts';
import * as shard from './shard.ts';
import type { FastWorld } from './world.ts';

// Delivers the step's messages in the order sent (the spec router's FIFO), then frees the slots of tasks that
// completed or were killed in it. A message that arrives over a delayed link starts a step of its own.

export function deliverAll(w: FastWorld): void {
  const f = w.fifo;
  while (!f.empty) {
    const i = f.shift();
    deliverMessage(w, f.kind[i], f.a[i], f.b[i], f.c[i], f.d[i]);
  }
  f.reset();
  w.tasks.recycle();
}

/** A message that was in flight arrives, and everything it causes in this step is delivered. */
export function deliverFlight(w: FastWorld, flight: Flight): void {
  deliverMessage(w, flight.kind, flight.a, flight.b, flight.c, flight.d, flight.load);
  deliverAll(w);
}

function deliverMessage(w: FastWorld, kind: number, a: number, b: number, c: number, d: number, load?: Float64Array) {
  switch (kind) {
    case ENQUEUE:
      return shard.enqueue(w, a, b);
    case ASSIGN:
      return machine.assign(w, a, b);
    case TAKEN:
      return dispatcher.entryTaken(w, a, b);
    case REPORT:
      return dispatcher.report(w, a, b, c);
    case JOIN:
      return shard.idleJoin(w, a, b, d);
    case UPDATE:
      return w.idle[a].setFunctions(b, d);
    case LEAVE:
      return w.idle[a].leave(b);
    case BILL:
      return bill(w, a);
    case SPEND:
      return budget.spend(w, a, b);
    case LOAD_QUERY:
      return machine.answerLoad(w, a, b, c);
    case LOAD_REPLY:
      return shard.receiveLoad(w, a, b, load as Float64Array);
    case LENGTH_QUERY:
      return shard.answerLength(w, a, b);
    case LENGTH_REPLY:
      return dispatcher.receiveLength(w, a, b, c);
  }
}

function bill(w: FastWorld, slot: number): void {
  const inv = w.tasks.invOf(slot);
  const { cpuCost, memoryCost } = costOf(inv, w.config);
  const tenantId = inv.tenantId;
  w.sink.output?.({ type: 'billed', atUs: w.nowUs, invId: inv.id, tenantId, cpuCost, memoryCost });
  if (w.config.budgets[tenantId] !== undefined) w.fifo.push(SPEND, tenantId, cpuCost + memoryCost);
}
