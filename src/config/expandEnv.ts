// `${env:VAR}` and `${env:VAR:-default}` in string values (docs/configuration.md). Expansion happens after YAML
// parsing, so a variable can never add structure to the document; numbers and booleans are coerced by the schema
// afterwards.
const REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export function expandEnv(value: unknown, env: Record<string, string | undefined>, missing: Set<string>): unknown {
  if (typeof value === 'string') {
    const replaced = value.replace(REF, (_m, name: string, def: string | undefined) => {
      const v = env[name];
      if (v !== undefined && v !== '') return v;
      if (def !== undefined) return def;
      missing.add(name);
      return '';
    });
    return replaced;
  }
  if (Array.isArray(value)) return value.map((v) => expandEnv(v, env, missing));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = expandEnv(v, env, missing);
    return out;
  }
  return value;
}
