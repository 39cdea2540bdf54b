import { watchFiles, type FileWatch } from '../../config/watchFiles.js';
import { credentialsFor, matchesSecret, secretDigest, type HttpAuthenticator } from '../../http/authentication.js';
import type { ComponentSettings, Extension } from '../../pipeline/component.js';
import type { BearerTokenAuthConfig } from './config.js';

/** The tokens of a token file: its non-empty lines, trimmed. Several let a new token be rolled out before the old goes. */
export function parseTokenFile(text: string, path: string): string[] {
  const tokens = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (tokens.length === 0) throw new Error(`${path} holds no token`);
  return tokens;
}

/**
 * The `bearertokenauth` extension: a request is let in when its `Authorization: Bearer TOKEN` carries the configured
 * token or one of the lines of `filename`, compared in constant time (over SHA-256 digests). The file is re-read when it
 * changes; a change that holds no token is refused (logged) and the previous tokens stay.
 */
export function createBearerTokenAuth(settings: ComponentSettings, config: BearerTokenAuthConfig): Extension {
  let digests: Buffer[] = [];
  let watch: FileWatch | undefined;
  const authenticator: HttpAuthenticator = {
    scheme: 'Bearer',
    authenticate: async (authorization) => {
      const token = credentialsFor(authorization, 'Bearer');
      return token !== undefined && matchesSecret(token, digests);
    },
  };
  return {
    authenticator,
    async start() {
      if (config.token !== undefined) {
        digests = [secretDigest(config.token)];
        return;
      }
      const path = config.filename as string;
      watch = watchFiles([path], {
        onChange([text]) {
          digests = parseTokenFile(String(text), path).map((t) => secretDigest(t));
          settings.logger.info({ file: path }, 'bearer tokens reloaded');
        },
        onError: (err) => settings.logger.warn({ err, file: path }, 'bearer token file change not applied; the previous tokens stay'),
      });
      try {
        digests = parseTokenFile(String(watch.initial[0]), path).map((t) => secretDigest(t));
      } catch (e) {
        watch.close();
        throw e;
      }
    },
    async shutdown() {
      watch?.close();
      digests = [];
    },
  };
}
