import { describe, expect, it } from 'vitest';
import { makeConfig, resolvePolicy } from '../../../../model/index.ts';
import { refuseUnsupported } from '../../../../sim/engine/fast/support.ts';

// What the fast engine does not implement it refuses by name (with the spec engine as the way out).

describe('the fast engine refuses what it does not implement', () => {
  const cluster = { shards: 1, machines: [{ cores: 1, memoryMB: 100, swapMB: 0 }] };
  const priceClasses = [{ name: 'c', pricePerCpuS: 1 }];

  it('accepts every knob of the spec today', () => {
    expect(() => refuseUnsupported(makeConfig({ priceClasses, policy: resolvePolicy('xx') }), cluster)).not.toThrow();
  });

  it('refuses a message delay, wherever it is declared', () => {
    const policy = { ...resolvePolicy('xx'), shardToMachineDelayUs: 5 };
    expect(() => refuseUnsupported(makeConfig({ priceClasses, policy }), cluster)).toThrow(
      /fast engine does not support message delays \(model.policy.shardToMachineDelayUs=5\); run with --engine spec/,
    );
    const machines = [{ cores: 1, memoryMB: 100, swapMB: 0, linkDelayUs: 3 }];
    const config = makeConfig({ priceClasses, policy: resolvePolicy('xx') });
    expect(() => refuseUnsupported(config, { shards: 1, machines })).toThrow(/cluster.machines\[0\].linkDelayUs=3/);
  });
});
