import type { XRayClient } from '@aws-sdk/client-xray';
import type { FastifyInstance } from 'fastify';
import { PipelineError } from '../../errors.js';
import { stampTenant } from '../../http/tenancy.js';
import { requireAuthentication } from '../../http/authentication.js';
import { answerUnknownRoute, createHttpServer, fastifyAddress, listenAt } from '../../http/httpServer.js';
import { parseDurationMillis } from '../../model/duration.js';
import type { ComponentSettings, Consumer, Receiver } from '../../pipeline/component.js';
import { resolveAuthenticator } from '../../pipeline/extensions.js';
import { pollerStateKey } from '../../xray/poller/checkpointKey.js';
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

function openStateStore(key: string, config: AwsXrayPollerConfig, now: (() => number) | undefined): PollerStateStore {
  if (config.checkpoint.backend === 'redis') return createRedisPollerStateStore({ url: config.checkpoint.redis.url ?? '', key });
  return createSqlitePollerStateStore({ path: config.checkpoint.sqlite.path, key, ...(now ? { now } : {}) });
}

/** What to set when the SDK finds no credentials (its default chain, or the keys `role_arn` is assumed with). */
const CREDENTIALS_FIX =
  'set aws_access_key_id and aws_secret_access_key in the receiver config (role_arn is assumed with them, or with ' +
  'the environment\'s), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, AWS_WEB_IDENTITY_TOKEN_FILE ' +
  "with AWS_ROLE_ARN, or a container or instance role) in the environment; an X-Ray API without authentication, such " +
  "as a Spanbridge awsxray receiver's without `auth`, takes any keys";

/**
 * Resolves the client's credentials once, so that having none is a clear error at start rather than a poller that
 * retries for ever. Only "none found" fails the start; another failure (STS unreachable for `role_arn`) is logged,
 * and the poller retries it like any failed call.
 */
async function checkCredentials(id: string, client: XRayClient, logger: ComponentSettings['logger']): Promise<void> {
  try {
    await client.config.credentials();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // The SDK's reason is in the message, not given as the cause: pino's error serializer would repeat it.
    if (err instanceof Error && err.name === 'CredentialsProviderError') throw new PipelineError('SB_CONFIG', `receiver ${id}: no AWS credentials (${message}): ${CREDENTIALS_FIX}`);
    logger.warn({ receiver: id, error: message }, 'X-Ray poller could not resolve its AWS credentials at start; it keeps trying');
  }
}

/**
 * The `awsxray_poller` receiver: X-Ray's API read in time windows by the engine in src/xray/poller, translated with
 * the X-Ray codec and handed on (the batch is the next consumer's), plus the optional admin server (with its own `tls`
 * and `auth`). Accepted spans are counted with transport `poll`.
 */
export function createAwsXrayPollerReceiver(settings: ComponentSettings, config: AwsXrayPollerConfig, next: Consumer, options: AwsXrayPollerReceiverOptions = {}): AwsXrayPollerReceiver {
  let poller: XrayPoller | undefined;
  let store: PollerStateStore | undefined;
  let legacyStore: PollerStateStore | undefined;
  let admin: FastifyInstance | undefined;
  let client: ReturnType<typeof createXrayClient> | undefined;

  const close = async () => {
    await poller?.stop();
    await admin?.close();
    await store?.close();
    await legacyStore?.close();
    client?.destroy();
    poller = undefined;
    admin = undefined;
    store = undefined;
    legacyStore = undefined;
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
      let region: string;
      try {
        region = await client.config.region();
      } catch (err) {
        client.destroy();
        client = undefined;
        throw new PipelineError('SB_CONFIG', `receiver ${settings.id}: no AWS region (set region or endpoint, or AWS_REGION): ${err instanceof Error ? err.message : String(err)}`);
      }
      const headerlessTenant = host.tenancy?.headerlessTenant;
      const group = config.checkpoint.key || settings.id;
      const key = pollerStateKey(group, { region, endpoint: config.endpoint, filterExpression: config.filter_expression });
      try {
        await checkCredentials(settings.id, client, settings.logger);
        store = openStateStore(key, config, options.now);
        legacyStore = openStateStore(group, config, options.now);
        poller = createXrayPoller({
          id: settings.id,
          client,
          store,
          // What it polls carries no tenant header: with tenancy, it belongs to the headerless tenant.
          next: headerlessTenant === undefined ? next : { consume: (batch) => next.consume(stampTenant(batch, headerlessTenant)) },
          telemetry: settings.telemetry,
          logger: settings.logger,
          settings: pollerSettingsFromConfig(config),
          legacyStore,
          ...(options.now ? { now: options.now } : {}),
          ...(options.holderId ? { holderId: options.holderId } : {}),
        });
        if (config.admin) {
          admin = createHttpServer({ ...(config.admin.tls ? { tls: config.admin.tls } : {}), logger: settings.logger });
          const authenticator = resolveAuthenticator(host, config.admin.auth, `receivers.${settings.id}.admin.auth`);
          if (authenticator) requireAuthentication(admin, authenticator);
          admin.setNotFoundHandler(answerUnknownRoute);
          registerAdminRoutes(admin, poller);
          await listenAt(admin, config.admin.endpoint);
        }
      } catch (err) {
        await close();
        throw err;
      }
      if (config.autostart) poller.start();
      settings.logger.info({ receiver: settings.id, holder: poller.holderId, admin: admin ? fastifyAddress(admin) : undefined, backend: config.checkpoint.backend, checkpointKey: key }, 'X-Ray poller started');
    },
    async shutdown() {
      await close();
    },
    endpoints(): Record<string, string> {
      return admin ? { http: fastifyAddress(admin) } : {};
    },
  };
}
