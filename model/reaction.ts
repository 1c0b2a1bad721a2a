import type { ModelConfig } from './config.ts';
import type { Output } from './events.ts';
import type { Message, MessageBody } from './messages.ts';

// A component's handler is a pure function: (its state, a message, the context) -> its next state, the messages it
// sends and what it outputs. It never reads another component's state and never mutates its input.

export interface Context {
  readonly config: ModelConfig;
  readonly nowUs: number;
}

export interface Reaction<S> {
  readonly state: S;
  readonly sent: readonly Message[];
  readonly outputs: readonly Output[];
}

export type Handler<S> = (state: S, body: MessageBody, ctx: Context) => Reaction<S>;

export function react<S>(state: S, sent: readonly Message[] = [], outputs: readonly Output[] = []): Reaction<S> {
  return { state, sent, outputs };
}

/** A message sent to a component of the wrong kind: a routing bug, never a modelled behaviour. */
export function unexpected(component: string, body: MessageBody): never {
  throw new Error(`${component} cannot handle a '${body.type}' message`);
}
