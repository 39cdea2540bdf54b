import { Type, type Static } from '@sinclair/typebox';
import { configObject } from '../../config/configSchema.js';

/** The `bearertokenauth` extension's configuration: validated, defaulted and documented from this schema. */
export const bearerTokenAuthConfigSchema = configObject({
  // Written as ${env:VAR} so the token stays out of the file.
  token: Type.Optional(Type.String({ minLength: 1, description: 'the token clients send as `Authorization: Bearer TOKEN`' })),
  filename: Type.Optional(Type.String({ minLength: 1, description: 'file of accepted tokens, one per line; re-read when it changes' })),
});

export type BearerTokenAuthConfig = Static<typeof bearerTokenAuthConfigSchema>;

/** What the schema cannot say: exactly one of token and filename. */
export function validateBearerTokenAuthConfig(path: string, config: BearerTokenAuthConfig): string[] {
  if ((config.token === undefined) === (config.filename === undefined)) return [`${path}: set exactly one of token and filename`];
  return [];
}
