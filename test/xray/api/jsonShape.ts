// Test support: the fields of a JSON value with their types, to compare an answer's shape with a documented example.

/**
 * Every field path of `value` with its JSON type: `Services[].Edges[].ReferenceId` -> `number`. Array entries share
 * one path (`[]`); an empty array adds only its own path.
 */
export function jsonShape(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (path !== '') out.set(path, type);
  if (Array.isArray(value)) for (const v of value) jsonShape(v, `${path}[]`, out);
  else if (type === 'object') for (const [k, v] of Object.entries(value as Record<string, unknown>)) jsonShape(v, path === '' ? k : `${path}.${k}`, out);
  return out;
}

/** The fields of `ours` that `example` lacks or has with another type, as `path: ours (example)` lines. */
export function shapeDifferences(ours: unknown, example: unknown): string[] {
  const known = jsonShape(example);
  return [...jsonShape(ours)].filter(([p, t]) => known.get(p) !== t).map(([p, t]) => `${p}: ${t} (${known.get(p) ?? 'absent'})`);
}
