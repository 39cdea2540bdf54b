import type { ExtensionFactory } from '../../pipeline/component.js';
import { createBasicAuth } from './basicAuth.js';
import { basicAuthConfigSchema, validateBasicAuthConfig, type BasicAuthConfig } from './config.js';

export const basicAuthFactory = {
  kind: 'extension',
  type: 'basicauth',
  description: 'Authenticator: requests must carry `Authorization: Basic ...` of a user in an htpasswd file or inline list.',
  configSchema: basicAuthConfigSchema,
  validateConfig: validateBasicAuthConfig,
  serverAuthenticator: true,
  createExtension: (settings, config) => createBasicAuth(settings, config),
} satisfies ExtensionFactory<BasicAuthConfig>;
