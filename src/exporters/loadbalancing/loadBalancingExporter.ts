// The loadbalancing exporter: routes every span, by trace id (or service), to one backend of a consistent-hash ring,
// through an exporter of the backend's own. docs: this folder's README.md.
import { PipelineError } from '../../errors.js';
import { countSpans } from '../../model/batch.js';
import type { TraceBatch } from '../../model/span.js';
import type { ComponentSettings, Exporter, Host } from '../../pipeline/component.js';
import { createRateLimitedLog } from '../../telemetry/rateLimitedLog.js';
import { createBackend, type Backend } from './backendExporter.js';
import { defaultPort, type LoadBalancingExporterConfig } from './config.js';
import { createHashRing, type HashRing } from './hashRing.js';
import { loadBalancerMetrics } from './loadBalancerMetrics.js';
import { createResolver, type ResolverOptions } from './resolver.js';
import { splitBatch } from './splitBatch.js';

export interface LoadBalancingOptions {
  /** Passed to the DNS resolver (tests point it at a DNS server of their own). */
  dnsServers?: ResolverOptions['dnsServers'];
}

export function createLoadBalancingExporter(settings: ComponentSettings, config: LoadBalancingExporterConfig, options: LoadBalancingOptions = {}): Exporter {
  const { id, logger } = settings;
  const metrics = loadBalancerMetrics(settings.telemetry.registry);
  const backends = new Map<string, Backend>();
  /** Backends that left the list and still hand back what they held. */
  const retiring = new Set<Backend>();
  let ring: HashRing = createHashRing([]);
  let host: Host | undefined;
  let stopping = false;
  const startLog = createRateLimitedLog(logger);
  const resolver = createResolver(config.resolver, defaultPort(config.protocol), {
    logger,
    onResolution: (outcome) => metrics.resolution(id, outcome),
    ...(options.dnsServers ? { dnsServers: options.dnsServers } : {}),
  });

  /** Splits a batch over the ring and queues each part at its backend; rejects with the first refusal. */
  async function route(batch: TraceBatch): Promise<void> {
    if (ring.endpoints.length === 0) {
      throw new PipelineError('SB_EXPORT_FAILED', `exporter ${id}: no backends resolved`, { retryAfterMillis: 1000 });
    }
    const current = ring;
    const parts = splitBatch(batch, config.routing_key, (value) => current.owner(value) as string);
    const results = await Promise.allSettled(
      [...parts].map(async ([endpoint, part]) => {
        const backend = backends.get(endpoint);
        if (!backend) throw new PipelineError('SB_EXPORT_FAILED', `exporter ${id}: backend ${endpoint} left while routing`, { retryAfterMillis: 1000 });
        const spans = countSpans(part);
        await backend.exporter.consume(part);
        metrics.routed(id, endpoint, spans);
      }),
    );
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (refused) throw refused.reason;
  }

  async function reroute(batch: TraceBatch, from: string): Promise<void> {
    const spans = countSpans(batch);
    await route(batch);
    metrics.rerouted(id, from, spans);
  }

  function update(endpoints: string[]): void {
    if (stopping) return;
    const wanted = new Set(endpoints);
    const removed = [...backends.values()].filter((b) => !wanted.has(b.endpoint));
    const added: Backend[] = [];
    for (const endpoint of endpoints) {
      if (backends.has(endpoint)) continue;
      const backend = createBackend(settings, config.protocol, endpoint, reroute);
      backends.set(endpoint, backend);
      added.push(backend);
    }
    for (const b of removed) backends.delete(b.endpoint);
    // The ring changes before the removed backends give their data back, so it goes to the new owners.
    ring = createHashRing(backends.keys());
    metrics.backends(id, backends.size);
    for (const b of added) {
      b.exporter.start(host as Host).catch((e: unknown) => startLog.warn({ exporter: id, backend: b.endpoint, err: (e as Error).message }, 'starting a backend exporter failed'));
    }
    for (const b of removed) {
      retiring.add(b);
      void b.retire().finally(() => retiring.delete(b));
    }
    if (added.length > 0 || removed.length > 0) {
      logger.info({ exporter: id, backends: ring.endpoints, added: added.map((b) => b.endpoint), removed: removed.map((b) => b.endpoint) }, 'load-balancing ring changed');
    }
  }

  return {
    async start(h) {
      host = h;
      await resolver.start(update);
    },
    consume: route,
    async shutdown() {
      stopping = true;
      await resolver.shutdown();
      // Each backend drains its queue within its own drain time (createQueuedExporter).
      await Promise.all([...backends.values(), ...retiring].map((b) => b.exporter.shutdown()));
      backends.clear();
      retiring.clear();
    },
  };
}
