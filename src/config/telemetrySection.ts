import { Type, type Static } from '@sinclair/typebox';
import { authProperty } from './authConfig.js';
import { configObject, stringEnum } from './configSchema.js';
import { ENDPOINT_PATTERN } from './endpoint.js';
import { tlsProperty } from './tlsConfig.js';

/** `service.telemetry`: where the service's own metrics and health routes listen (with TLS and auth), and how much it logs. */
export const telemetryConfigSchema = configObject(
  {
    metrics: configObject(
      {
        address: Type.String({ default: 'localhost:8888', pattern: ENDPOINT_PATTERN, description: 'host:port of /metrics, /healthz, /readyz' }),
        ...tlsProperty,
        // /healthz and /readyz stay open, so probes need no credentials.
        ...authProperty,
      },
      { default: {} },
    ),
    logs: configObject(
      {
        level: stringEnum(['debug', 'info', 'warn', 'error'], { default: 'info' }),
        // No default: without it the CLI writes text on a terminal and JSON elsewhere (src/telemetry/logger.ts).
        encoding: Type.Optional(stringEnum(['json', 'console'], { description: 'json: one JSON object a line; console: text for a person' })),
      },
      { default: {} },
    ),
  },
  { default: {} },
);

export type TelemetryConfig = Static<typeof telemetryConfigSchema>;
