import { Type, type Static } from '@sinclair/typebox';
import { configObject } from '../config/configSchema.js';
import { authProperty } from '../config/authConfig.js';
import { endpointSchema } from '../config/endpoint.js';
import { tlsProperty } from '../config/tlsConfig.js';
import { allowedHostsSchema } from '../http/originGuard.js';

/** `query.cors`: which browser origins other than the query server's own may call the APIs. */
export const queryCorsConfigSchema = configObject(
  {
    allowed_origins: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: 'origins allowed to read the APIs from a browser (https://grafana.example.com, https://*.example.com, or * for any); empty: CORS off',
    }),
    allowed_headers: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'request headers those origins may send besides the CORS-safelisted ones (Authorization for a token)' }),
    allow_credentials: Type.Boolean({ default: false, description: 'let those origins send credentials (cookies, Basic auth); not with *' }),
    max_age: Type.Integer({ minimum: 0, default: 0, description: 'seconds a browser may keep a preflight answer (0: its own default)' }),
  },
  { default: {} },
);

export type QueryCorsConfig = Static<typeof queryCorsConfigSchema>;

/** The top-level `query` section: where the query APIs and the web UI listen, with TLS, authentication and CORS. */
export const queryConfigSchema = configObject(
  {
    endpoint: endpointSchema('localhost:16686', 'where the native and Jaeger-compatible query APIs and the web UI listen'),
    // Absent means ui/dist in the installation.
    ui_dir: Type.Optional(Type.String({ minLength: 1, description: 'folder of the built web UI (default: ui/dist in the installation)' })),
    ...tlsProperty,
    ...authProperty,
    cors: queryCorsConfigSchema,
    // Absent: localhost, 127.0.0.1, [::1] and the bound address (DNS rebinding, src/http/originGuard.ts).
    allowed_hosts: allowedHostsSchema,
  },
  { default: {} },
);

export type QueryConfig = Static<typeof queryConfigSchema>;
