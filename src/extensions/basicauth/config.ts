import { Type, type Static } from '@sinclair/typebox';
import { configObject } from '../../config/configSchema.js';
import { parseHtpasswd } from './htpasswd.js';

/** The `basicauth` extension's configuration: validated, defaulted and documented from this schema. */
export const basicAuthConfigSchema = configObject({
  htpasswd: configObject(
    {
      file: Type.Optional(Type.String({ minLength: 1, description: 'htpasswd file (bcrypt, APR1-MD5, SHA-1 or plain entries); re-read when it changes' })),
      // The Collector's pattern is `${env:USER}:${env:PASSWORD}`; hashed entries work too.
      inline: Type.Optional(Type.String({ minLength: 1, description: 'htpasswd lines; a user here wins over the same user in file' })),
    },
    { description: 'the users and their password hashes; at least one of file and inline' },
  ),
});

export type BasicAuthConfig = Static<typeof basicAuthConfigSchema>;

/** What the schema cannot say: file or inline is set, and inline lines are users with hashes of a known kind. */
export function validateBasicAuthConfig(path: string, config: BasicAuthConfig): string[] {
  const { file, inline } = config.htpasswd;
  if (file === undefined && inline === undefined) return [`${path}.htpasswd: set file, inline or both`];
  return inline === undefined ? [] : parseHtpasswd(inline, `${path}.htpasswd.inline`).problems;
}
