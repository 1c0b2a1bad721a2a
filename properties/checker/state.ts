import type { ModelEvent, World } from '../../model/index.ts';
import type { History } from '../history.ts';

// One state of the exploration: the model's world, the events already decided but not yet delivered (children
// routed to a shard, antagonist restores, the recurring source's next arrival), and what the bounds have used up.
// `history` is the property suite's observer (what invariants need beyond one world): it rides along with the
// first path that reaches a state and is not part of the state's identity (fingerprint.ts).

export interface CheckState {
  readonly world: World;
  readonly pending: readonly ModelEvent[];
  /** Invocations that have arrived or are promised (children of arrived invocations count at arrival). */
  readonly used: number;
  /** Arrivals come in time order: none before the last one. */
  readonly lastArrivalUs: number;
  readonly episodes: number;
  readonly nextId: number;
  readonly history: History | null;
}
