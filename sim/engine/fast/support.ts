import type { ModelConfig } from '../../../model/config.ts';
import type { ClusterSpec } from '../../../model/world.ts';

// What the fast engine does not implement: it refuses such a run (naming the option) rather than differ from the
// spec in silence. Today: message delays (knobs named *DelayUs), which the spec is gaining.

export class UnsupportedByFastEngine extends Error {
  override name = 'InputError';
}

export function refuseUnsupported(config: ModelConfig, cluster: ClusterSpec): void {
  const knobs: Record<string, unknown> = { ...config, ...config.policy };
  for (const [key, value] of Object.entries(knobs)) {
    if (key.endsWith('DelayUs') && value !== 0 && value !== undefined) {
      throw new UnsupportedByFastEngine(
        `the fast engine does not support ${key} (${String(value)}); run with --engine spec`,
      );
    }
  }
  void cluster;
}
