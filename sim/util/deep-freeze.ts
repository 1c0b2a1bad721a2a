// Freezing a value all the way down, so a test (or a property) can prove that code never mutates its input:
// any write to a frozen object throws in strict mode (ESM is always strict).

/**
 * Recursively freezes a value (objects, arrays and their contents) and returns it. An already-frozen object is
 * taken as frozen all the way down (shared, persistent parts are not walked again). A typed array with elements
 * cannot be frozen: Object.freeze throws.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
