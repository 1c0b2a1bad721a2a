import { ASSIGN, JOIN, LEAVE, LENGTH_QUERY, LENGTH_REPLY, LOAD_QUERY, LOAD_REPLY, TAKEN, UPDATE } from './fifo.ts';
import type { FastWorld } from './world.ts';

// The network between components (the spec's model/network.ts). A message over a link with a delay is numbered
// in send order (the spec's sentDelayed: the fast engine sends in the spec router's order, so the numbers agree),
// held here, and delivered by a deliver event at its time; other messages go through the step's FIFO. A link's
// delay is fixed by the kinds of its ends, so its messages arrive in send order and are always deliverable when
// their event comes (same-time deliveries are ordered by number in the agenda).

export interface Flight {
  readonly kind: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  /** A load answer's four numbers (machine.ts loadOf layout); empty otherwise. */
  readonly load: Float64Array;
}

const NO_LOAD = new Float64Array(0);

/** The delay of a message of this kind: the link between its sender and its recipient. */
export function delayOfUs(w: FastWorld, kind: number): number {
  switch (kind) {
    case ASSIGN:
    case LOAD_QUERY:
    case LOAD_REPLY:
      return w.config.shardMachineDelayUs;
    case TAKEN:
    case JOIN:
    case UPDATE:
    case LEAVE:
    case LENGTH_QUERY:
    case LENGTH_REPLY:
      return w.config.dispatcherShardDelayUs;
    default:
      return 0;
  }
}

/** Sends a message: into the step's FIFO, or onto its link when the link has a delay. */
export function send(w: FastWorld, kind: number, a: number, b = 0, c = 0, d = 0, load = NO_LOAD): void {
  const delayUs = delayOfUs(w, kind);
  if (delayUs === 0) {
    w.fifo.push(kind, a, b, c, d);
    return;
  }
  const seq = w.sentDelayed++;
  w.inFlight.set(seq, { kind, a, b, c, d, load });
  w.sink.needDeliver(w.nowUs + delayUs, seq);
}

/** The in-flight message `seq` has arrived: it leaves the link. */
export function land(w: FastWorld, seq: number): Flight {
  const flight = w.inFlight.get(seq) as Flight;
  w.inFlight.delete(seq);
  return flight;
}
