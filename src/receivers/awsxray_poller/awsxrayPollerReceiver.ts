import type { FastifyInstance } from 'fastify';
import { parseDurationMillis } from '../../config/duration.js';
import { PipelineError } from '../../errors.js';
import { requireAuthentication } from '../../http/authentication.js';
import { createHttpServer, fastifyAddress, listenAt } from '../../http/httpServer.js';
import type { ComponentSettings, Consumer, Receiver } from '../../pipeline/component.js';
import { resolveAuthenticator } from '../../pipeline/extensions.js';
import { createRedisPollerStateStore } from '../../xray/poller/createRedisPollerStateStore.js';
import { createSqlitePollerStateStore } from '../../xray/poller/createSqlitePollerStateStore.js';
import { createXrayClient } from '../../xray/poller/createXrayClient.js';
import { createXrayPoller, type XrayPoller } from '../../xray/poller/createXrayPoller.js';
import type { PollerStateStore } from '../../xray/poller/pollerStateStore.js';
import { registerAdminRoutes } from './adminRoutes.js';
import type { AwsXrayPollerConfig } from './config.js';
import { pollerSettingsFromConfig } from './pollerSettingsFromConfig.js';

export interface AwsXrayPollerReceiver extends Receiver {
  /** The engine, once started (tests and the admin routes use it). */
  readonly poller: XrayPoller | undefined;
}

/** Test seams; production uses the defaults. */
export interface AwsXrayPollerReceiverOptions {
  now?: () => number;
  holderId?: string;
}

function openStateStore(id: string, config: AwsXrayPollerConfig, now: (() => number) | undefined): PollerStateStore {
  const key = config.checkpoint.key || id;
  if (config.checkpoint.backend === 'redis') return createRedisPollerStateStore({ url: config.checkpoint.redis.url ?? '', key });
  return createSqlitePollerStateStore({ path: config.checkpoint.sqlite.path, key, ...(now ? { now } : {}) });
}

/**
 * The `awsxray_poller` receiver: X-Ray's API read in time windows by the engine in src/xray/poller, translated with
 * the X-Ray codec and handed on (the batch is the next consumer's), plus the optional admin server (with its own `tls`
 * and `auth`). Accepted spans are counted with transport `poll`.
 */
export function createAwsXrayPollerReceiver(settings: ComponentSettings, config: AwsXrayPollerConfig, next: Consumer, options: AwsXrayPollerReceiverOptions = {}): AwsXrayPollerReceiver {
  let poller: XrayPoller | undefined;
  let store: PollerStateStore | undefined;
  let admin: FastifyInstance | undefined;
  let client: ReturnType<typeof createXrayClient> | undefined;

  const close = async () => {
    await poller?.stop();
    await admin?.close();
    await store?.close();
    client?.destroy();
    poller = undefined;
    admin = undefined;
    store = undefined;
    client = undefined;
  };

  return {
    get poller() {
      return poller;
    },
    async start(host) {
      client = createXrayClient({
        // With an endpoint and no region, the region only names the SigV4 scope (as the awsxray exporter does).
        ...(config.region ? { region: config.region } : config.endpoint ? { region: 'us-east-1' } : {}),
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
        ...(config.role_arn ? { roleArn: config.role_arn } : {}),
        ...(config.aws_access_key_id ? { accessKeyId: config.aws_access_key_id } : {}),
        ...(config.aws_secret_access_key ? { secretAccessKey: config.aws_secret_access_key } : {}),
        maxAttempts: 1,
        requestTimeoutMillis: parseDurationMillis(config.request_timeout),
      });
      try {
        await client.config.region();
      } catch (err) {
        client.destroy();
        client = undefined;
        throw new PipelineError('SB_CONFIG', `receiver ${settings.id}: no AWS region (set region or endpoint, or AWS_REGION): ${err instanceof Error ? err.message : String(err)}`);
      }
      try {
        store = openStateStore(settings.id, config, options.now);
        poller = createXrayPoller({
          id: settings.id,
          client,
          store,
          next,
          telemetry: settings.telemetry,
          logger: settings.logger,
          settings: pollerSettingsFromConfig(config),
          ...(options.now ? { now: options.now } : {}),
          ...(options.holderId ? { holderId: options.holderId } : {}),
        });
        if (config.admin) {
          admin = createHttpServer({ ...(config.admin.tls ? { tls: config.admin.tls } : {}), logger: settings.logger });
          const authenticator = resolveAuthenticator(host, config.admin.auth, `receivers.${settings.id}.admin.auth`);
          if (authenticator) requireAuthentication(admin, authenticator);
          registerAdminRoutes(admin, poller);
          await listenAt(admin, config.admin.endpoint);
        }
      } catch (err) {
        await close();
        throw err;
      }
      if (config.autostart) poller.start();
      settings.logger.info({ receiver: settings.id, holder: poller.holderId, admin: admin ? fastifyAddress(admin) : undefined, backend: config.checkpoint.backend }, 'X-Ray poller started');
    },
    async shutdown() {
      await close();
    },
    endpoints(): Record<string, string> {
      return admin ? { http: fastifyAddress(admin) } : {};
    },
  };
}
