// How deep an attribute value may nest (docs/architecture.md, "The internal model"). Decoders check values against
// this while they read untrusted input, before anything walks the value recursively: JSON.parse itself handles any
// depth, but every step after it (to attributes, the store's body, JSON answers) recurses, and a value nested a few
// thousand levels deep would exhaust the stack there.

/**
 * The deepest nesting of arrays and kvlists an attribute value may have (a scalar is 0, `[1]` is 1). OTLP/protobuf
 * cannot nest deeper anyway: protobufjs stops at 100 nested messages, two per level.
 */
export const MAX_VALUE_DEPTH = 64;

/**
 * Whether `value` nests arrays and objects deeper than `limit`. It reads parsed JSON (arrays, objects) and attribute
 * values (arrays, Maps; bytes count as a scalar) alike, with an explicit stack, so any depth is safe to check.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop() as number;
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) continue;
    if (depth + 1 > limit) return true;
    const children: Iterable<unknown> = Array.isArray(v) ? v : v instanceof Map ? v.values() : Object.values(v);
    for (const child of children) {
      if (typeof child !== 'object' || child === null) continue;
      values.push(child);
      depths.push(depth + 1);
    }
  }
  return false;
}
