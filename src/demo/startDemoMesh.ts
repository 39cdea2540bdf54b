import { createAppTracing, type AppTracing, type ExportCounts } from './app/appTracing.js';
import { startAppServer } from './app/startAppServer.js';
import { bookinfoHandler } from './bookinfo/bookinfoHandlers.js';
import { createFaultInjector } from './bookinfo/faultInjector.js';
import { createRoundRobin, createServiceRegistry } from './bookinfo/serviceRegistry.js';
import { bookinfoWorkloads, type Workload } from './bookinfo/workloads.js';
import { resolveDemoOptions, type DemoMesh, type DemoMeshOptions, type DemoStats, type ResolvedDemoOptions } from './demoMeshOptions.js';
import { formatProgress } from './load/formatProgress.js';
import { startLoadGenerator } from './load/startLoadGenerator.js';
import { createEnvoyTracing } from './sidecar/envoyTracing.js';
import { createFsmTracing } from './sidecar/fsmTracing.js';
import type { SidecarTracing } from './sidecar/sidecarTracing.js';
import { startSidecar } from './sidecar/startSidecar.js';
import { createZipkinReporter, emptyReporterCounts, type ZipkinReporter } from './sidecar/zipkinReporter.js';

// Envoy's defaults: route timeout 15 s; tracing.zipkin.min_flush_spans 5, request_timeout 5 s.
const ROUTE_TIMEOUT_MILLIS = 15_000;
const MIN_FLUSH_SPANS = 5;
const REPORT_TIMEOUT_MILLIS = 5_000;
const MAX_BUFFERED_SPANS = 10_000;
const MAX_IN_FLIGHT = 256;

function sidecarTracing(workload: Workload, options: ResolvedDemoOptions): SidecarTracing {
  return options.mesh === 'fsm' ? createFsmTracing(workload, { samplingPercent: options.sampling }) : createEnvoyTracing(workload, { samplingPercent: options.sampling });
}

/**
 * Starts Bookinfo on loopback (README.md): per workload an OpenTelemetry-instrumented app and a
 * sidecar emulation whose spans go to `zipkinUrl` while the apps' go to `otlpUrl`; then a load generator against
 * productpage. Throws SB_CONFIG for bad options; cleans up after itself when a server cannot start.
 */
export async function startDemoMesh(input: DemoMeshOptions): Promise<DemoMesh> {
  const options = resolveDemoOptions(input);
  const { logger } = options;
  const workloads = bookinfoWorkloads();
  const registry = createServiceRegistry();
  const faults = createFaultInjector(options);
  const zipkinCounts = emptyReporterCounts();
  const otlpCounts: ExportCounts = { sent: 0, failed: 0 };
  const servers: Array<{ close(): Promise<void> }> = [];
  const reporters: ZipkinReporter[] = [];
  const appTracings: AppTracing[] = [];
  let productpagePort = 0;

  const closeAll = async () => {
    await Promise.all(servers.map((s) => s.close()));
    // After the servers: every span of every answered request has been recorded by now.
    await Promise.all([...reporters.map((r) => r.close()), ...appTracings.map((t) => t.shutdown())]);
  };

  try {
    for (const workload of workloads) {
      const reporter = createZipkinReporter({
        url: options.zipkinUrl,
        minFlushSpans: MIN_FLUSH_SPANS,
        flushIntervalMillis: options.flushIntervalMillis,
        requestTimeoutMillis: REPORT_TIMEOUT_MILLIS,
        maxBufferedSpans: MAX_BUFFERED_SPANS,
        counts: zipkinCounts,
        logger,
      });
      reporters.push(reporter);
      const appTracing = createAppTracing(workload, { otlpUrl: options.otlpUrl, samplingPercent: options.sampling, scheduledDelayMillis: options.flushIntervalMillis, counts: otlpCounts });
      appTracings.push(appTracing);
      const sidecar = await startSidecar({
        workload,
        workloads,
        tracing: sidecarTracing(workload, options),
        route: createRoundRobin(registry),
        report: (span) => reporter.report(span),
        timeoutMillis: ROUTE_TIMEOUT_MILLIS,
        logger,
      });
      servers.push(sidecar);
      const app = await startAppServer({ workload, tracing: appTracing, handler: bookinfoHandler(workload, faults), outboundPort: sidecar.outboundPort, logger });
      servers.push(app);
      const inboundPort = await sidecar.startInbound(app.port);
      registry.add({ workload, port: inboundPort });
      if (workload.service === 'productpage') productpagePort = inboundPort;
    }
  } catch (e) {
    await closeAll();
    throw e;
  }

  const baseUrl = `http://127.0.0.1:${productpagePort}`;
  const load = startLoadGenerator({ baseUrl, rate: options.rate, durationMillis: options.durationMillis, maxInFlight: MAX_IN_FLIGHT });
  const stats = (): DemoStats => ({ ...load.stats(), faults: faults.counts(), zipkin: { ...zipkinCounts }, otlp: { ...otlpCounts } });
  const progress = options.onProgress;
  const progressTimer = progress ? setInterval(() => progress(formatProgress(stats())), options.progressIntervalMillis) : undefined;
  progressTimer?.unref();
  logger.info({ mesh: options.mesh, productpage: `${baseUrl}/productpage`, zipkinUrl: options.zipkinUrl, otlpUrl: options.otlpUrl, rate: options.rate }, 'demo mesh started');

  let stopping: Promise<void> | undefined;
  return {
    productpageUrl: `${baseUrl}/productpage`,
    finished: load.finished,
    stats,
    stop() {
      stopping ??= (async () => {
        await load.stop();
        await closeAll();
        clearInterval(progressTimer);
        progress?.(formatProgress(stats()));
        logger.info({ stats: stats() }, 'demo mesh stopped');
      })();
      return stopping;
    },
  };
}
