import type { Invocation, InvocationTemplate, ModelConfig, ModelEvent, Policy, World } from '../../model/index.ts';
import { initialWorld, makeConfig, resolvePolicy, topLevel } from '../../model/index.ts';

export const TWO_CLASSES = [
  { name: 'low', pricePerCpuS: 0.5 },
  { name: 'high', pricePerCpuS: 2 },
];
export const THREE_CLASSES = [
  { name: 'low', pricePerCpuS: 0.5 },
  { name: 'mid', pricePerCpuS: 1.5 },
  { name: 'high', pricePerCpuS: 2 },
];

export const S = 1_000_000;

export function config(policy: string | Record<string, unknown> = 'xx', extra: Partial<ModelConfig> = {}): ModelConfig {
  const p: Policy = resolvePolicy(policy);
  return makeConfig({ priceClasses: TWO_CLASSES, policy: p, memoryGrowthSteps: 1, ...extra });
}

export function world(cfg: ModelConfig, machines: number, cores: number, shards = 1, memoryMB = 1 << 30, swapMB = 0): World {
  return initialWorld(cfg, { shards, machines: Array.from({ length: machines }, () => ({ cores, memoryMB, swapMB })) });
}

export function tmpl(id: number, cls: number, workUs: number, extra: Partial<InvocationTemplate> = {}): InvocationTemplate {
  return { id, tenantId: 0, functionId: id, declaredClass: cls, workUs, initialMemoryMB: 100, peakMemoryMB: 100, children: [], ...extra };
}

export function inv(id: number, cls: number, workUs: number, arrivalUs = 0, extra: Partial<InvocationTemplate> = {}): Invocation {
  return topLevel(tmpl(id, cls, workUs, extra), arrivalUs);
}

export function arrive(i: Invocation, shardId = 0): ModelEvent {
  return { type: 'arrive', atUs: i.arrivalUs, inv: i, shardId };
}
