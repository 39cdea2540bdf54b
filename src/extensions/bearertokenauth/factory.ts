import type { ExtensionFactory } from '../../pipeline/component.js';
import { createBearerTokenAuth } from './bearerTokenAuth.js';
import { bearerTokenAuthConfigSchema, validateBearerTokenAuthConfig, type BearerTokenAuthConfig } from './config.js';

export const bearerTokenAuthFactory = {
  kind: 'extension',
  type: 'bearertokenauth',
  description: 'Authenticator: requests must carry `Authorization: Bearer TOKEN` with a configured token (static or from a watched file).',
  configSchema: bearerTokenAuthConfigSchema,
  validateConfig: validateBearerTokenAuthConfig,
  serverAuthenticator: true,
  createExtension: (settings, config) => createBearerTokenAuth(settings, config),
} satisfies ExtensionFactory<BearerTokenAuthConfig>;
