// Content hashes that identify a sweep point (its resolved scenario) and a whole sweep (its points), so a
// changed grid or base never reuses a stale result. Canonical JSON: sorted keys, Infinity spelled out.

import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level; non-finite numbers as strings (JSON would turn them into null). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** First 16 hex digits of SHA-256: short enough for file names, long enough never to collide in a sweep. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
