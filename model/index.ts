// The pure model of XX: public API.
export * from './budget.ts';
export * from './classes.ts';
export * from './cluster.ts';
export * from './config.ts';
export * from './dispatcher.ts';
export * from './enabled.ts';
export * from './events.ts';
export * from './fifo.ts';
export * from './invocation.ts';
export * from './machine.ts';
export * from './machine-state.ts';
export * from './policy.ts';
export * from './shard.ts';
export * from './drive.ts';
export * from './progress.ts';
