import type { FastifyInstance } from 'fastify';
import { resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import { factories } from '../components.js';
import { loadServiceConfig, type SpanbridgeConfig } from './loadServiceConfig.js';
import { planQueryReads } from './queryReads.js';
import type { Host } from '../pipeline/component.js';
import { buildService, type Service } from '../pipeline/buildService.js';
import { resolveAuthenticator, startExtensions, type RunningExtensions } from '../pipeline/extensions.js';
import { createQueryServer } from '../query/createQueryServer.js';
import { startQueryThread } from '../query/queryThread.js';
import { registerZipkinQueryApi } from '../query/zipkin/registerZipkinQueryApi.js';
import { startStorage, startTenantStorage } from '../store/startStorage.js';
import { createTenancy } from '../http/tenancy.js';
import { siblingModule } from '../threads/startWorkerThread.js';
import type { TraceStore } from '../store/store.js';
import { createTelemetry, type Telemetry } from '../telemetry/telemetry.js';
import type { ThreadAuth } from '../telemetry/threadAuth.js';
import { startTelemetryServer, type TelemetryServer } from '../telemetry/telemetryServer.js';
import { hostCheck } from '../http/originGuard.js';

export interface RunningSpanbridge {
  readonly config: SpanbridgeConfig;
  readonly service: Service;
  readonly telemetry: Telemetry;
  readonly logger: Logger;
  /** The trace store, when the config has a `storage` section and tenancy is off (with tenancy, one per tenant). */
  readonly store: TraceStore | undefined;
  /** `host:port` of the /metrics, /healthz, /readyz server. */
  readonly telemetryAddress: string;
  /** `host:port` of the query APIs and web UI, when the config has a `query` section. */
  readonly queryAddress: string | undefined;
  shutdown(): Promise<void>;
}

export interface StartOptions {
  configText: string;
  source: string;
  logger?: Logger;
  env?: Record<string, string | undefined>;
}

/**
 * Validates a config, then starts the extensions (`service.extensions`), opens the store (`storage`), starts the
 * telemetry server, the pipeline graph (exporters first) and the query server (`query`). Used by the CLI and by tests.
 * Shutdown runs in the reverse order.
 */
export async function startSpanbridge(options: StartOptions): Promise<RunningSpanbridge> {
  const config = loadServiceConfig(options.configText, options.source, options.env);
  const logger = options.logger ?? pino({ level: config.service.telemetry.logs.level });
  const telemetry = createTelemetry({ defaultMetrics: true });
  const { storage, query } = config.sections;
  const tenancyConfig = config.sections.tenancy;
  const tenancy = tenancyConfig?.enabled ? createTenancy(tenancyConfig) : undefined;

  const extensions: RunningExtensions = await startExtensions(config, { factories, logger, telemetry });
  let storageHandle: { store?: TraceStore; tenantStores?: ReturnType<typeof startTenantStorage>['tenantStores']; close(): Promise<void> } | undefined;
  try {
    // `:memory:` is not a file name: resolving it would put a file of that name in the working folder.
    const storageConfig = storage && { ...storage, sqlite: { ...storage.sqlite, path: storage.sqlite.path === ':memory:' ? storage.sqlite.path : resolve(storage.sqlite.path) } };
    const storeLogger = logger.child({ component: 'store' });
    // With tenancy, one store per tenant (docs/security.md, "Tenants").
    storageHandle = storageConfig && (tenancy ? startTenantStorage(storageConfig, tenancy.tenants, storeLogger) : startStorage(storageConfig, storeLogger));
  } catch (e) {
    await extensions.shutdown();
    throw e;
  }
  const store = storageHandle?.store;
  const tenantStores = storageHandle?.tenantStores;
  // Which thread reads which store (queryReads.ts): the query thread, when there is one and the stores are files.
  const reads = planQueryReads(store, tenantStores, tenancy, query !== undefined);
  const readerSource = reads.source;
  const host: Partial<Host> = {
    ...(store ? { store } : {}),
    ...(reads.reader ? { reader: reads.reader } : {}),
    ...(tenancy ? { tenancy } : {}),
    ...(tenantStores ? { tenantStore: (tenant: string) => tenantStores.storeOf(tenant) } : {}),
    ...(reads.tenantReader ? { tenantReader: reads.tenantReader } : {}),
    extraRoutes: (receiverType) =>
      readerSource && receiverType === 'zipkin'
        ? (app: FastifyInstance) => registerZipkinQueryApi(app, readerSource, { telemetry, logger, hostCheck: hostCheck(app, query?.allowed_hosts) })
        : undefined,
    authenticator: (id) => extensions.authenticator(id),
    storage: (id) => extensions.storage(id),
  };
  let service: Service;
  try {
    service = buildService(config, { factories, logger, telemetry, host });
  } catch (e) {
    await storageHandle?.close();
    await extensions.shutdown();
    throw e;
  }
  // The authenticator extension `id`, for a worker thread to start its own copy of (src/app/threadAuthenticator.ts).
  const threadAuth = (id: string): ThreadAuth => ({ module: siblingModule(import.meta.url, 'threadAuthenticator'), id, config: config.extensions[id] });
  let server: TelemetryServer | undefined;
  let queryServer: { address: string; close(): Promise<void> } | undefined;
  const stopAll = async () => {
    await queryServer?.close();
    await service.shutdown();
    await storageHandle?.close();
    await server?.close();
    await extensions.shutdown();
  };
  try {
    const metrics = config.service.telemetry.metrics;
    // Checks that the authenticator is one the extensions offer; the telemetry thread starts its own copy.
    resolveAuthenticator(host, metrics.auth, 'service.telemetry.metrics.auth');
    // Served from a thread of its own, so probes are answered however busy this thread is (docs/threads.md).
    server = await startTelemetryServer(metrics.address, telemetry, () => service.ready, {
      ...(metrics.tls ? { tls: metrics.tls } : {}),
      ...(metrics.auth ? { auth: threadAuth(metrics.auth.authenticator) } : {}),
      logger: logger.child({ component: 'telemetry' }),
    });
    await service.start();
    // /readyz says ready from now on, not from the next beat.
    server.beat();
    if (query && readerSource) {
      const queryAuth = resolveAuthenticator(host, query.auth, 'query.auth');
      const queryOptions = {
        endpoint: query.endpoint,
        logger: logger.child({ component: 'query' }),
        telemetry,
        ...(query.ui_dir ? { uiDir: resolve(query.ui_dir) } : {}),
        ...(query.tls ? { tls: query.tls } : {}),
        cors: query.cors,
        ...(query.allowed_hosts ? { allowedHosts: query.allowed_hosts } : {}),
      };
      // The query thread starts its own copy of the authenticator and, with tenancy, checks tenants itself.
      const thread = reads.thread;
      queryServer = thread
        ? await startQueryThread({
            ...queryOptions,
            ...('tenants' in thread ? { tenants: thread.tenants } : { channel: thread.channel, reads: thread.reads }),
            ...(tenancy ? { tenancy: { header: tenancy.header, tenants: tenancy.tenants, headerless_tenant: tenancy.headerlessTenant } } : {}),
            ...(query.auth ? { auth: threadAuth(query.auth.authenticator) } : {}),
          })
        : await createQueryServer({ ...queryOptions, reader: readerSource, ...(queryAuth ? { authenticator: queryAuth } : {}), ...(tenancy ? { tenancy } : {}) });
    } else if (query) {
      logger.warn('the query section needs a storage section; the query server is not started');
    }
  } catch (e) {
    await stopAll();
    throw e;
  }
  return {
    config,
    service,
    telemetry,
    logger,
    store,
    telemetryAddress: server.address,
    queryAddress: queryServer?.address,
    shutdown: stopAll,
  };
}
