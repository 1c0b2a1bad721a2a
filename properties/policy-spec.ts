import { POLICY_NAMES } from '../model/index.ts';
import { UsageError } from '../sim/util/errors.ts';

// A policy written on a command line (and in the mutant catalogue): `NAME[:KEY=VALUE,...]`, e.g.
// `xx:idleEntryOnPlace=remove,k=2`. Values are numbers, true/false, or strings; resolvePolicy checks them.

export interface PolicyTarget {
  readonly policy: string;
  readonly overrides: Record<string, unknown>;
}

export function parsePolicy(spec: string): PolicyTarget {
  const [name, rest] = spec.split(':', 2);
  if (!POLICY_NAMES.includes(name)) {
    throw new UsageError(`priceclass check: unknown policy '${name}' (expected one of ${POLICY_NAMES.join(', ')})`);
  }
  const overrides: Record<string, unknown> = {};
  for (const kv of rest ? rest.split(',') : []) {
    const [k, v] = kv.split('=', 2);
    if (!k || v === undefined) throw new UsageError(`priceclass check: policy option '${kv}' must be KEY=VALUE`);
    overrides[k] = parseKnobValue(v);
  }
  return { policy: name, overrides };
}

function parseKnobValue(v: string): unknown {
  if (v === 'true' || v === 'false') return v === 'true';
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}
