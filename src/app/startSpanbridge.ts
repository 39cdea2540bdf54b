import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { loadConfig, type ServiceConfig } from '../config/loadConfig.js';
import { configSections, factories } from '../components.js';
import { buildService, type Service } from '../pipeline/buildService.js';
import { createTelemetry, type Telemetry } from '../telemetry/telemetry.js';
import { startTelemetryServer } from '../telemetry/telemetryServer.js';

export interface RunningSpanbridge {
  readonly config: ServiceConfig;
  readonly service: Service;
  readonly telemetry: Telemetry;
  /** `host:port` of the /metrics, /healthz, /readyz server. */
  readonly telemetryAddress: string;
  shutdown(): Promise<void>;
}

export interface StartOptions {
  configText: string;
  source: string;
  logger?: Logger;
  env?: Record<string, string | undefined>;
}

/** Validates a config, then starts the telemetry server and the pipeline graph. Used by the CLI and by tests. */
export async function startSpanbridge(options: StartOptions): Promise<RunningSpanbridge> {
  const config = loadConfig(options.configText, options.source, { factories, sections: configSections, env: options.env });
  const logger = options.logger ?? pino({ level: config.service.telemetry.logs.level });
  const telemetry = createTelemetry({ defaultMetrics: true });
  const service = buildService(config, { factories, logger, telemetry });
  let server: FastifyInstance | undefined;
  try {
    server = await startTelemetryServer(config.service.telemetry.metrics.address, telemetry, () => service.ready);
    await service.start();
  } catch (e) {
    await service.shutdown();
    await server?.close();
    throw e;
  }
  const addr = server.server.address();
  const telemetryAddress = typeof addr === 'object' && addr ? `${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}` : String(addr);
  return {
    config,
    service,
    telemetry,
    telemetryAddress,
    async shutdown() {
      await service.shutdown();
      await server?.close();
    },
  };
}
