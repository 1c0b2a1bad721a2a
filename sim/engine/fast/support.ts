import type { ModelConfig } from '../../../model/config.ts';
import type { ClusterSpec } from '../../../model/world.ts';

// What the fast engine does not implement: it refuses such a run (naming the option) rather than differ from the
// spec in silence. Today: message delays (any knob named *DelayUs, wherever it sits in the config or the cluster),
// which the spec is gaining; the spec engine runs them (--engine spec).

export class UnsupportedByFastEngine extends Error {
  override name = 'InputError';
}

export function refuseUnsupported(config: ModelConfig, cluster: ClusterSpec): void {
  const found = delays(config, 'model').concat(delays(cluster, 'cluster'));
  if (found.length === 0) return;
  throw new UnsupportedByFastEngine(
    `the fast engine does not support message delays (${found.join(', ')}); run with --engine spec`,
  );
}

/** Non-zero fields named *DelayUs anywhere inside a value, as path=value. */
function delays(value: unknown, path: string): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const at = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    if (/DelayUs$/i.test(key) && v !== 0 && v !== undefined) return [`${at}=${String(v)}`];
    return delays(v, at);
  });
}
