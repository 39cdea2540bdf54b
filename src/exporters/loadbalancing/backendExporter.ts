import { setTimeout as sleep } from 'node:timers/promises';
import { parseDurationMillis } from '../../model/duration.js';
import type { TraceBatch } from '../../model/span.js';
import type { ComponentSettings, Exporter } from '../../pipeline/component.js';
import { createMemoryQueue } from '../../pipeline/queue.js';
import { createQueuedExporter, type Sender } from '../../pipeline/queuedExporter.js';
import { createOtlpGrpcSender } from '../otlp/otlpGrpcSender.js';
import { createOtlpHttpSender } from '../otlphttp/otlpHttpSender.js';
import type { ProtocolConfig } from './config.js';

/** One backend: an `otlp` or `otlphttp` exporter of its own (queue, consumers, retries) aimed at one endpoint. */
export interface Backend {
  readonly endpoint: string;
  readonly exporter: Exporter;
  /**
   * The backend left the resolver's list: from now on each batch its queue hands out (those waiting, and those
   * between retries at their next attempt) goes to `reroute` instead of the old endpoint, and the queue closes.
   * Resolves once the exporter has shut down: after the longest wait between two attempts (`max_interval` plus
   * `timeout`), so every batch waiting for a retry has had its next attempt, and been rerouted, by then.
   */
  retire(): Promise<void>;
}

/**
 * Creates the exporter for one backend. Its series carry the exporter label `ID[host:port]`. Once retired, a batch
 * that `reroute` accepted counts as sent in the retired backend's series too (and in the balancer's rerouted count).
 */
export function createBackend(settings: ComponentSettings, protocol: ProtocolConfig, endpoint: string, reroute: (batch: TraceBatch, from: string) => Promise<void>): Backend {
  const backendSettings: ComponentSettings = { ...settings, id: `${settings.id}[${endpoint}]`, logger: settings.logger.child({ backend: endpoint }) };
  let inner: Sender;
  let helper: Parameters<typeof createQueuedExporter>[1];
  if (protocol.otlphttp) {
    const { scheme, ...http } = protocol.otlphttp;
    const config = { ...http, endpoint: `${scheme}://${endpoint}` };
    inner = createOtlpHttpSender(backendSettings, config);
    helper = config;
  } else {
    const config = { ...(protocol.otlp as NonNullable<ProtocolConfig['otlp']>), endpoint };
    inner = createOtlpGrpcSender(backendSettings, config);
    helper = config;
  }
  const queue = createMemoryQueue<TraceBatch>(helper.sending_queue.queue_size);
  let retired = false;
  const inFlight = new Set<Promise<void>>();
  const sender: Sender = {
    start: () => inner.start?.() ?? Promise.resolve(),
    async send(batch, signal) {
      if (retired) {
        await reroute(batch, endpoint);
        return;
      }
      const attempt = inner.send(batch, signal);
      inFlight.add(attempt);
      try {
        await attempt;
      } finally {
        inFlight.delete(attempt);
      }
    },
    async shutdown() {
      await Promise.allSettled(inFlight);
      await inner.shutdown?.();
    },
  };
  const exporter = createQueuedExporter(backendSettings, helper, sender, queue);
  return {
    endpoint,
    exporter,
    async retire() {
      retired = true;
      // The consumers drain what waits through `reroute`, then stop; the connection closes once no attempt uses it.
      queue.close();
      void Promise.allSettled(inFlight).then(() => inner.shutdown?.());
      await sleep(parseDurationMillis(helper.retry_on_failure.max_interval) + parseDurationMillis(helper.timeout), undefined, { ref: false });
      await exporter.shutdown();
    },
  };
}
