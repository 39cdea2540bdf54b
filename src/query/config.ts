import { Type, type Static } from '@sinclair/typebox';
import { configObject } from '../config/configSchema.js';
import { endpointSchema } from '../config/endpoint.js';

/** The top-level `query` section: where the query APIs and the web UI listen. */
export const queryConfigSchema = configObject(
  {
    endpoint: endpointSchema('localhost:16686', 'where the native and Jaeger-compatible query APIs and the web UI listen'),
    // Absent means ui/dist in the installation.
    ui_dir: Type.Optional(Type.String({ minLength: 1, description: 'folder of the built web UI (default: ui/dist in the installation)' })),
  },
  { default: {} },
);

export type QueryConfig = Static<typeof queryConfigSchema>;
