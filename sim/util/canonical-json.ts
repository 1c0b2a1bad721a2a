// Canonical JSON: the same value always gives the same text, whatever order its keys were built in, so the
// text can be hashed or compared. Object keys are sorted at every level; non-finite numbers are spelled out
// ("Infinity", "-Infinity", "NaN"; JSON would turn them into null); typed arrays are written as arrays.

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.map(canonical);
  if (isTypedArray(value)) return Array.from(value, canonical);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Float64Array, Int32Array, ...: their keys are indices, which must stay in numeric order. */
function isTypedArray(value: unknown): value is ArrayLike<number> {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}
