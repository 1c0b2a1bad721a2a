import type { ModelEvent, StepResult } from '../../model/index.ts';
import type { Coverage } from '../coverage.ts';
import { checkFinal, checkStep } from '../driver.ts';
import type { History } from '../history.ts';
import { advance } from '../history.ts';
import type { Invariant } from '../invariants/index.ts';
import type { Transition } from '../transition.ts';
import { Fingerprinter, knownShape, machineGroups } from './fingerprint.ts';
import type { CheckScope } from './scope.ts';
import type { CheckState } from './state.ts';
import type { Expansion } from './successors.ts';
import { isQuiescent, movesOf, routings, successor } from './successors.ts';

// One state's expansion, shared by the sequential search (search.ts) and each worker of the parallel one
// (parallel-worker.ts): every move out of the state, the step it takes, the invariants on that transition, the
// final checks on a quiescent state, and the fingerprint of each successor, handed to the caller's `admit`.

/** A violation found while expanding a state: `ev` is the violating step's event (null: a final check). */
export interface LocalViolation {
  readonly property: string;
  readonly message: string;
  readonly ev: ModelEvent | null;
}

/** Decides whether a successor is new (fingerprint in `fp.lo`/`fp.hi`); `move` = movesOf index * 64 + routing. */
export type Admit = (child: CheckState, move: number) => boolean;

export interface ExpandOptions {
  readonly scope: CheckScope;
  readonly transition: Transition;
  readonly invariants: readonly Invariant[];
  readonly symmetry: boolean;
  readonly coverage?: Coverage;
}

export class Expander {
  readonly fp: Fingerprinter;
  transitions = 0;
  /** Set by `admit` to end the expansion at once (a bound was reached). */
  stop = false;
  private shapeChecks = 0;

  constructor(
    private readonly o: ExpandOptions,
    private readonly x: Expansion,
    root: CheckState,
  ) {
    this.fp = new Fingerprinter(o.symmetry, machineGroups(root.world.machines), o.scope.shards);
  }

  /** Fingerprints `s` into `fp.lo`/`fp.hi` (the first states also check that the world has the known shape). */
  fingerprint(s: CheckState): void {
    if (this.shapeChecks < 64) {
      this.shapeChecks++;
      if (knownShape(s) !== null) this.fp.generic = true;
    }
    this.fp.of(s);
  }

  /** Expands `state` (fingerprint lo/hi): calls `admit` on every successor; the first violation, or null. */
  expand(state: CheckState, lo: number, hi: number, admit: Admit): LocalViolation | null {
    const { transition: t, invariants, coverage } = this.o;
    if (state.history !== null && isQuiescent(state)) {
      const v = checkFinal(state.world, state.history, invariants, coverage);
      if (v !== null) return { property: v.property, message: v.message, ev: null };
    }
    const moves = movesOf(this.x, state);
    for (let i = 0; i < moves.length; i++) {
      const m = moves[i];
      let r: StepResult;
      try {
        r = t.step(state.world, m.ev);
      } catch (e) {
        return { property: 'modelError', message: `step threw: ${(e as Error).message}`, ev: m.ev };
      }
      let history: History | null = null;
      if (state.history !== null) {
        const adv = advance(state.history, state.world, m.ev, r);
        history = adv.history;
        const view = {
          prev: state.world,
          event: m.ev,
          result: r,
          next: r.world,
          before: state.history,
          after: adv.history,
          replay: adv.replay,
        };
        const v = checkStep(view, invariants, coverage);
        if (v !== null) return { property: v.property, message: v.message, ev: m.ev };
      }
      const lists = routings(r.outputs, m.pending, this.o.scope.shards);
      for (let j = 0; j < lists.length; j++) {
        this.transitions++;
        if (admit(successor(m, r.world, lists[j], history), i * 64 + j)) {
          if (this.stop) return null;
          continue;
        }
        if (this.fp.lo === lo && this.fp.hi === hi) {
          // The step changed nothing and left the same event due: time cannot pass (a livelock).
          const message = `livelock: ${m.ev.type} at ${m.ev.atUs}us leads back to the same state`;
          return { property: 'eventualCompletion', message, ev: m.ev };
        }
      }
    }
    return null;
  }
}
