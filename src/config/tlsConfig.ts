// TLS for a listener, in the shape of the OpenTelemetry Collector's configtls ServerConfig: a certificate and key, an
// optional CA that client certificates must chain to (mutual TLS), and the lowest protocol version accepted. Every
// listener takes it as `tls:` (docs/security.md); src/http/serverTls.ts reads the files and reloads them on change.
import { Type, type Static } from '@sinclair/typebox';
import { configObject, stringEnum } from './configSchema.js';

export const tlsServerConfigSchema = configObject(
  {
    cert_file: Type.String({ minLength: 1, description: 'PEM certificate chain the listener presents' }),
    key_file: Type.String({ minLength: 1, description: 'PEM private key of the certificate' }),
    client_ca_file: Type.Optional(Type.String({ minLength: 1, description: 'PEM CA bundle; when set, clients must present a certificate it signed (mutual TLS)' })),
    min_version: stringEnum(['1.2', '1.3'], { default: '1.2', description: 'lowest TLS version accepted' }),
  },
  { description: 'serve TLS (absent: plain text); the files are reloaded when they change' },
);

/** `tls:` of a listener after defaults. */
export type TlsServerConfig = Static<typeof tlsServerConfigSchema>;

/** The `tls` key every listener's schema spreads in. */
export const tlsProperty = { tls: Type.Optional(tlsServerConfigSchema) };
