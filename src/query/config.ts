import { endpointSchema } from '../config/endpoint.js';
import { allowedHostsSchema } from '../http/originGuard.js';
import type { ConfigSchema } from '../pipeline/component.js';

/** The top-level `query` section: where the query APIs and the web UI listen. */
export interface QueryConfig {
  endpoint: string;
  /** The built web UI; absent means REPO_ROOT/ui/dist. */
  ui_dir?: string;
  /**
   * Host names the query APIs answer for (DNS rebinding, src/http/originGuard.ts); absent means localhost, 127.0.0.1,
   * [::1] and the bound address; `*` allows any.
   */
  allowed_hosts?: string[];
}

export const queryConfigSchema: ConfigSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  properties: {
    endpoint: endpointSchema('localhost:16686', 'where the native and Jaeger-compatible query APIs and the web UI listen'),
    ui_dir: { type: 'string', minLength: 1, description: 'folder of the built web UI (default: ui/dist in the installation)' },
    allowed_hosts: allowedHostsSchema,
  },
};
