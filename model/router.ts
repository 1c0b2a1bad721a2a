import { billingHandler } from './billing.ts';
import type { BudgetState } from './budget.ts';
import { budgetHandler } from './budget.ts';
import { dispatcherHandler } from './dispatcher/handler.ts';
import type { DispatcherState } from './dispatcher/state.ts';
import type { ModelEvent, Output } from './events.ts';
import { machineHandler } from './machine/handler.ts';
import type { MachineState } from './machine/state.ts';
import type { Address, Message, MessageBody } from './messages.ts';
import { toBudget, toDispatcher, toMachine, toShard } from './messages.ts';
import type { InFlight, Sender } from './network.ts';
import { linkDelayUs } from './network.ts';
import type { Context, Reaction } from './reaction.ts';
import { shardHandler } from './shard/handler.ts';
import type { ShardState } from './shard/state.ts';
import { isCurrent } from './timers.ts';
import type { World } from './world.ts';

// The composition. It only routes: an event becomes one message to one component; each message a component
// sends is delivered after the ones sent before it (one FIFO per step), to the component it names, whose handler
// returns its next state, the messages it sends and its outputs. A message over a link with a network delay
// (network.ts) is not delivered in this step: it joins the world's in-flight list, and a `deliver` event brings
// it later. Each delivery is a microstep, and the step returns them all (as XState's microsteps), so a trace or a
// failing property can name the exact delivery. `step` never mutates the world it is given.

export type { Sender } from './network.ts';

export interface Microstep {
  readonly from: Sender;
  readonly to: Address;
  readonly body: MessageBody;
  readonly sent: readonly Message[];
  readonly outputs: readonly Output[];
  /** The recipient's state after the delivery. */
  readonly state: unknown;
}

export interface StepResult {
  readonly world: World;
  readonly outputs: readonly Output[];
  readonly microsteps: readonly Microstep[];
}

/** A bound on deliveries per step: every chain of messages in the model is short; a longer one is a bug. */
export const MAX_MICROSTEPS_PER_STEP = 100_000;

/** The pure transition: the next world, what it output, and how (the microsteps). */
export function step(world: World, ev: ModelEvent): StepResult {
  if (!Number.isSafeInteger(ev.atUs) || ev.atUs < world.nowUs) {
    throw new Error(`${ev.type} at ${ev.atUs}us: events need an integer time >= the world's ${world.nowUs}us`);
  }
  if (!isCurrent(world, ev)) throw new Error(`${ev.type} at ${ev.atUs}us: no such timer is set`);
  if (ev.type === 'deliver') {
    const flight = world.inFlight.find((f) => f.seq === ev.seq) as InFlight;
    return deliverAll(world, ev.atUs, [flight.message], [flight.from], ev.seq);
  }
  return deliverAll(world, ev.atUs, [firstMessage(world, ev)], [ENVIRONMENT]);
}

/** A fresh world's start: every machine boots and reports to its dispatcher (idle machines ask to join). */
export function start(world: World): StepResult {
  return deliverAll(
    world,
    world.nowUs,
    world.machines.map((m) => toMachine(m.id, { type: 'boot' })),
    world.machines.map(() => ENVIRONMENT),
  );
}

function firstMessage(world: World, ev: Exclude<ModelEvent, { type: 'deliver' }>): Message {
  switch (ev.type) {
    case 'arrive':
      checkId('shard', ev.shardId, world.shards.length);
      return toBudget({ type: 'admit', inv: ev.inv, shardId: ev.shardId });
    case 'place':
      for (const id of ev.sampledMachines) checkId('machine', id, world.machines.length);
      return toShard(ev.shardId, { type: 'placeTimer', sampledMachines: ev.sampledMachines });
    case 'release':
      return toBudget({ type: 'releaseTimer' });
    case 'wake':
      return toMachine(ev.machineId, { type: 'wakeTimer' });
    case 'idleJoin':
      for (const id of ev.sampledShards) checkId('shard', id, world.shards.length);
      return toDispatcher(ev.machineId, { type: 'joinTimer', sampledShards: ev.sampledShards });
    case 'setUsableMemory':
      checkId('machine', ev.machineId, world.machines.length);
      return toMachine(ev.machineId, { type: 'setUsableMemory', memoryMB: ev.memoryMB });
  }
}

function checkId(kind: string, id: number, count: number): void {
  if (!Number.isInteger(id) || id < 0 || id >= count) throw new Error(`no ${kind} ${id}`);
}

/**
 * Delivers `initial` (sent by `from`) and everything it causes that is not delayed. `arrivedSeq`: the in-flight
 * message this step delivers, which leaves the in-flight list.
 */
function deliverAll(
  world: World,
  nowUs: number,
  initial: readonly Message[],
  from: readonly Sender[],
  arrivedSeq?: number,
): StepResult {
  const draft = new WorldDraft(world, nowUs);
  if (arrivedSeq !== undefined) draft.land(arrivedSeq);
  // The FIFO of messages to deliver, and who sent each.
  const queue: Message[] = [...initial];
  const senders: Sender[] = [...from];
  const microsteps: Microstep[] = [];
  const outputs: Output[] = [];
  for (let i = 0; i < queue.length; i++) {
    if (i >= MAX_MICROSTEPS_PER_STEP) throw new Error(`a step made more than ${MAX_MICROSTEPS_PER_STEP} deliveries`);
    const message = queue[i];
    const r = draft.deliver(message);
    for (const o of r.outputs) outputs.push(o);
    for (const sent of r.sent) {
      const delayUs = linkDelayUs(message.to, sent.to, world.config);
      if (delayUs > 0) {
        outputs.push(draft.send(message.to, sent, nowUs + delayUs));
        continue;
      }
      queue.push(sent);
      senders.push(message.to);
    }
    microsteps.push({
      from: senders[i],
      to: message.to,
      body: message.body,
      sent: r.sent,
      outputs: r.outputs,
      state: r.state,
    });
  }
  return { world: draft.toWorld(), outputs, microsteps };
}

const ENVIRONMENT: Sender = { kind: 'environment' };

/** The world being built by one step: component arrays are copied on their first write, never the input's. */
class WorldDraft {
  private shards: readonly ShardState[];
  private machines: readonly MachineState[];
  private dispatchers: readonly DispatcherState[];
  private budget: BudgetState;
  private inFlight: readonly InFlight[];
  private sentDelayed: number;
  /** Which component arrays this step has copied (and may write). */
  private readonly copied = { shards: false, machines: false, dispatchers: false };
  private readonly ctx: Context;

  constructor(
    private readonly world: World,
    nowUs: number,
  ) {
    this.shards = world.shards;
    this.machines = world.machines;
    this.dispatchers = world.dispatchers;
    this.budget = world.budget;
    this.inFlight = world.inFlight;
    this.sentDelayed = world.sentDelayed;
    this.ctx = { config: world.config, nowUs };
  }

  /** The in-flight message `seq` has arrived: it leaves the list. */
  land(seq: number): void {
    this.inFlight = this.inFlight.filter((f) => f.seq !== seq);
  }

  /** Puts a message on a delayed link; returns the output that asks for its delivery. */
  send(from: Sender, message: Message, atUs: number): Output {
    const seq = this.sentDelayed;
    this.sentDelayed = seq + 1;
    this.inFlight = [...this.inFlight, { seq, atUs, from, message }];
    return { type: 'needDeliver', atUs, seq };
  }

  deliver(message: Message): Reaction<unknown> {
    const { to, body } = message;
    switch (to.kind) {
      case 'shard': {
        const r = shardHandler(this.component(this.shards, to.id, 'shard'), body, this.ctx);
        this.shards = this.replace('shards', this.shards, to.id, r.state);
        return r;
      }
      case 'machine': {
        const r = machineHandler(this.component(this.machines, to.id, 'machine'), body, this.ctx);
        this.machines = this.replace('machines', this.machines, to.id, r.state);
        return r;
      }
      case 'dispatcher': {
        const r = dispatcherHandler(this.component(this.dispatchers, to.id, 'dispatcher'), body, this.ctx);
        this.dispatchers = this.replace('dispatchers', this.dispatchers, to.id, r.state);
        return r;
      }
      case 'budget': {
        const r = budgetHandler(this.budget, body, this.ctx);
        this.budget = r.state;
        return r;
      }
      case 'billing':
        return billingHandler(null, body, this.ctx);
    }
  }

  toWorld(): World {
    const { shards, machines, dispatchers, budget, inFlight, sentDelayed } = this;
    const { config } = this.world;
    return { config, nowUs: this.ctx.nowUs, shards, machines, dispatchers, budget, inFlight, sentDelayed };
  }

  private component<S>(states: readonly S[], id: number, kind: string): S {
    const state = states[id];
    if (state === undefined) throw new Error(`a message to ${kind} ${id}, which does not exist`);
    return state;
  }

  private replace<S>(name: keyof WorldDraft['copied'], states: readonly S[], id: number, state: S): readonly S[] {
    const owned = this.copied[name] ? (states as S[]) : [...states];
    this.copied[name] = true;
    owned[id] = state;
    return owned;
  }
}
