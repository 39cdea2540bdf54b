// `auth: {authenticator: ID}` on a listener, as the Collector's configauth writes it: the id of an authenticator
// extension (bearertokenauth, basicauth) from the `extensions` section, which must also be listed in
// `service.extensions`. loadConfig checks every reference (authReferences below); docs/security.md shows the shape.
import { Type, type Static } from '@sinclair/typebox';
import { configObject } from './configSchema.js';

export const authConfigSchema = configObject(
  { authenticator: Type.String({ pattern: '^[a-z][a-z0-9_]*(/[^\\s/]+)?$', description: 'id of an authenticator extension listed in service.extensions' }) },
  { description: 'require authentication: every request must satisfy this authenticator (401 / UNAUTHENTICATED otherwise)' },
);

/** `auth:` of a listener. */
export type AuthConfig = Static<typeof authConfigSchema>;

/** The `auth` key every authenticating listener's schema spreads in. */
export const authProperty = { auth: Type.Optional(authConfigSchema) };

/** One `auth.authenticator` found in a configuration, with the path it was found at. */
export interface AuthReference {
  path: string;
  authenticator: string;
}

/**
 * Every `auth.authenticator` string inside `value`, with its path below `path`. Any mapping under a key `auth` that
 * has an `authenticator` counts, wherever a component or section puts it (`protocols.http.auth`, `query.auth`).
 */
export function authReferences(path: string, value: unknown, out: AuthReference[] = []): AuthReference[] {
  if (value === null || typeof value !== 'object') return out;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const childPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    if (key === 'auth' && child !== null && typeof child === 'object' && typeof (child as { authenticator?: unknown }).authenticator === 'string') {
      out.push({ path: `${childPath}.authenticator`, authenticator: (child as { authenticator: string }).authenticator });
    } else {
      authReferences(childPath, child, out);
    }
  }
  return out;
}
