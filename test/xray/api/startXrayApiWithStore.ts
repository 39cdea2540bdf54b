// Test support: the X-Ray API on 127.0.0.1:0 over a real in-memory SQLite store, PutTraceSegments writing into it,
// and an AWS SDK XRayClient pointed at it.
import { XRayClient } from '@aws-sdk/client-xray';
import { createSqliteStore } from '../../../src/store/sqlite/createSqliteStore.js';
import type { TraceStore } from '../../../src/store/store.js';
import { createTelemetry } from '../../../src/telemetry/telemetry.js';
import type { Telemetry } from '../../../src/telemetry/telemetry.js';
import { createXrayApiServer } from '../../../src/xray/api/createXrayApiServer.js';
import type { XrayApiDeps } from '../../../src/xray/api/xrayApiDeps.js';

/** Keys the test clients sign with (and the server checks when started with `auth: TEST_KEYS`). */
export const TEST_KEYS = { accessKeyId: 'AKIDSPANBRIDGETEST', secretAccessKey: 'spanbridge-test-secret' };

export interface XrayApiHarness {
  /** `http://127.0.0.1:<port>` */
  url: string;
  store: TraceStore;
  telemetry: Telemetry;
  /** An SDK client for the API; closed by `close`. */
  client(credentials?: { accessKeyId: string; secretAccessKey: string }): XRayClient;
  close(): Promise<void>;
}

export async function startXrayApiWithStore(deps: Omit<XrayApiDeps, 'reader' | 'next' | 'telemetry'> = {}): Promise<XrayApiHarness> {
  const store = createSqliteStore({ path: ':memory:', dependencyGraceMillis: 10 });
  const telemetry = createTelemetry();
  const server = createXrayApiServer({ endpoint: '127.0.0.1:0', reader: store, next: { consume: (b) => store.write(b) }, telemetry, receiverId: 'awsxray', ...deps });
  await server.start();
  const url = server.url();
  const clients: XRayClient[] = [];
  return {
    url,
    store,
    telemetry,
    client(credentials = TEST_KEYS) {
      const c = new XRayClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients) c.destroy();
      await server.close();
      await store.close();
    },
  };
}
