import type { ClusterStore, Ledger, Machine, ModelConfig, Shard, World } from '../../model/index.ts';

// The shell's side of the functional-core split: the simulator owns the arrays of component states and
// replaces one entry per transition. The model's reducers never see this mutation; each receives one
// component value and returns a new one, so a 10,000-machine cluster is never copied per event.

export class ArrayStore implements ClusterStore {
  readonly config: ModelConfig;
  readonly machines: Machine[];
  readonly shards: Shard[];
  private ledgerValue: Ledger;

  constructor(world: World) {
    this.config = world.config;
    this.machines = world.machines.slice();
    this.shards = world.shards.slice();
    this.ledgerValue = world.ledger;
  }
  shardCount(): number {
    return this.shards.length;
  }
  machineCount(): number {
    return this.machines.length;
  }
  machine(id: number): Machine {
    return this.machines[id];
  }
  setMachine(m: Machine): void {
    this.machines[m.id] = m;
  }
  shard(id: number): Shard {
    return this.shards[id];
  }
  setShard(s: Shard): void {
    this.shards[s.id] = s;
  }
  ledger(): Ledger {
    return this.ledgerValue;
  }
  setLedger(l: Ledger): void {
    this.ledgerValue = l;
  }
}
