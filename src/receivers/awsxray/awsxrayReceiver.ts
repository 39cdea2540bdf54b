import type { ComponentSettings, Consumer, Host, Receiver } from '../../pipeline/component.js';
import { createXrayApiServer } from '../../xray/api/createXrayApiServer.js';
import type { XrayApiServer } from '../../xray/api/createXrayApiServer.js';
import type { AwsXrayReceiverConfig } from './config.js';
import { createUdpDaemonServer } from './udpDaemonServer.js';

/**
 * The `awsxray` receiver: the daemon protocol on UDP (udpDaemonServer.ts) and, unless `api.enabled` is false, the
 * X-Ray API on TCP (src/xray/api), over HTTPS with `api.tls`, whose read routes answer from the service's store
 * (`host.store`, or with tenancy the store of the request's tenant) when it has one. The API authenticates with SigV4 (`api.auth`), as the AWS SDK and CLI sign.
 * Each batch handed to `next` is the consumer's to own. PutTraceSegments answers only after `next.consume` resolved.
 */
export function createAwsXrayReceiver(settings: ComponentSettings, config: AwsXrayReceiverConfig, next: Consumer): Receiver {
  const udp = createUdpDaemonServer({ endpoint: config.endpoint, id: settings.id, telemetry: settings.telemetry, next, maxPending: config.max_pending_datagrams });
  let api: XrayApiServer | undefined;
  return {
    async start(host: Host) {
      // UDP carries no header: its segments belong to the headerless tenant (docs/security.md, "Tenants").
      await udp.start(host.tenancy?.headerlessTenant);
      if (config.api.enabled) {
        const auth = config.api.auth;
        api = createXrayApiServer({
          endpoint: config.api.endpoint,
          maxRequestBodyBytes: config.api.max_request_body_size,
          maxDecompressedBytes: config.api.max_decompressed_body_size,
          maxSpansPerRequest: config.api.max_spans_per_request,
          cors: config.api.cors,
          next,
          ...(host.store === undefined ? {} : { reader: host.reader ?? host.store }),
          ...(host.tenancy === undefined ? {} : { tenancy: host.tenancy }),
          ...(host.tenantStore === undefined ? {} : { tenantReader: host.tenantReader ?? host.tenantStore }),
          samplingRules: config.sampling_rules,
          ...(config.api.tls === undefined ? {} : { tls: config.api.tls }),
          ...(auth === undefined ? {} : { auth: { accessKeyId: auth.access_key_id, secretAccessKey: auth.secret_access_key } }),
          telemetry: settings.telemetry,
          receiverId: settings.id,
          logger: settings.logger,
        });
        try {
          await api.start();
        } catch (e) {
          await udp.close();
          throw e;
        }
      }
      settings.logger.info({ receiver: settings.id, udp: udp.address(), api: api?.address() }, 'awsxray receiver listening');
    },
    async shutdown() {
      await Promise.all([udp.close(), api?.close()]);
    },
    endpoints(): Record<string, string> {
      const out: Record<string, string> = {};
      const u = udp.address();
      const a = api?.address();
      if (u !== undefined) out.udp = u;
      if (a !== undefined) out.http = a;
      return out;
    },
  };
}
