// Content hashes that identify a sweep point (its resolved scenario) and a whole sweep (its points), so a
// changed grid or base never reuses a stale result.

import { createHash } from 'node:crypto';
import { canonicalJson } from '../util/canonical-json.ts';

/**
 * First 16 hex digits of the SHA-256 of the value's canonical JSON: the same for equal values whatever their
 * key order, short enough for file names, long enough never to collide in a sweep.
 */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}
