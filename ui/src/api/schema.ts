// A small schema library for parsing API responses at the client edge, as Jaeger UI does: every response
// is checked before the UI reads it, and a mismatch names the path of the offending value. Unknown keys are ignored
// so the server may add fields.

export class SchemaError extends Error {
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'SchemaError';
    this.path = path;
  }
}

/** Checks `value` (found at `path`) and returns it typed, or throws a SchemaError. */
export type Schema<T> = (value: unknown, path: string) => T;
export type Infer<S> = S extends Schema<infer T> ? T : never;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

export const str: Schema<string> = (v, path) => {
  if (typeof v === 'string') return v;
  throw new SchemaError(path, `expected a string, got ${describe(v)}`);
};

export const num: Schema<number> = (v, path) => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw new SchemaError(path, `expected a number, got ${describe(v)}`);
};

export const int: Schema<number> = (v, path) => {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  throw new SchemaError(path, `expected an integer, got ${describe(v)}`);
};

export const bool: Schema<boolean> = (v, path) => {
  if (typeof v === 'boolean') return v;
  throw new SchemaError(path, `expected true or false, got ${describe(v)}`);
};

/** An integer as decimal text (nanosecond values exceed 2^53, so the API sends them as strings) or a safe number. */
export const decimal: Schema<bigint> = (v, path) => {
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  throw new SchemaError(path, `expected an integer as decimal text, got ${describe(v)}`);
};

/** Lower-case hex of the given length (ids); upper case is accepted and lowered. */
export function hex(length: number): Schema<string> {
  return (v, path) => {
    if (typeof v === 'string' && v.length === length && /^[0-9a-fA-F]*$/.test(v)) return v.toLowerCase();
    throw new SchemaError(path, `expected ${length} hex digits, got ${describe(v)}`);
  };
}

/** Absent or null gives undefined. */
export function optional<T>(schema: Schema<T>): Schema<T | undefined> {
  return (v, path) => (v === undefined || v === null ? undefined : schema(v, path));
}

/** Absent or null gives `fallback` (OTLP/JSON leaves out fields holding their default). */
export function withDefault<T>(schema: Schema<T>, fallback: T): Schema<T> {
  return (v, path) => (v === undefined || v === null ? fallback : schema(v, path));
}

export function array<T>(item: Schema<T>): Schema<T[]> {
  return (v, path) => {
    if (!Array.isArray(v)) throw new SchemaError(path, `expected an array, got ${describe(v)}`);
    return v.map((x, i) => item(x, `${path}[${i}]`));
  };
}

export function object<S extends Record<string, Schema<unknown>>>(shape: S): Schema<{ [K in keyof S]: Infer<S[K]> }> {
  const keys = Object.keys(shape);
  return (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SchemaError(path, `expected an object, got ${describe(v)}`);
    const source = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = shape[k](source[k], `${path}.${k}`);
    return out as { [K in keyof S]: Infer<S[K]> };
  };
}

export function oneOf<T extends string>(...values: readonly T[]): Schema<T> {
  return (v, path) => {
    const hit = values.find((x) => x === v);
    if (hit !== undefined) return hit;
    throw new SchemaError(path, `expected one of ${values.join(', ')}, got ${describe(v)}`);
  };
}

/** A schema whose definition refers to itself (OTLP AnyValue nests). */
export function lazy<T>(get: () => Schema<T>): Schema<T> {
  let schema: Schema<T> | undefined;
  return (v, path) => (schema ??= get())(v, path);
}
