import { PipelineError, asPipelineError } from '../../errors.js';
import { countSpans, releaseSpans } from '../../model/batch.js';
import type { TraceBatch } from '../../model/span.js';
import type { ComponentSettings, Exporter } from '../../pipeline/component.js';
import type { TraceStore } from '../../store/store.js';

/**
 * Writes each batch to `host.store`. There is no queue: `consume` resolves once the store has committed the batch, so
 * receivers acknowledge only what is durable (docs/architecture.md, "The acknowledgement contract"), and a failed
 * write goes back to the sender with the store's error (SB_EXPORT_FAILED is retryable). The store reads the batch before
 * `write` returns; the exporter, which owns it, then empties it, so that its spans are garbage at once while the
 * commit is awaited by every stage before (each of which may still hold the batch object) - else every span in the
 * writer's queue stayed alive in this thread and the garbage collector moved them all to the old generation.
 */
export function createStoreExporter(settings: ComponentSettings): Exporter {
  // With tenancy on, each batch goes to its tenant's store (docs/security.md, "Tenants").
  let storeOf: ((batch: TraceBatch) => TraceStore) | undefined;
  let stopping = false;
  const inFlight = new Set<Promise<unknown>>();

  async function write(target: TraceStore, batch: TraceBatch, spans: number): Promise<void> {
    try {
      const committed = target.write(batch);
      releaseSpans(batch);
      await committed;
    } catch (e) {
      settings.telemetry.exporterFailed(settings.id, spans);
      throw asPipelineError(e);
    }
    settings.telemetry.exporterSent(settings.id, spans);
  }

  return {
    async start(host) {
      const { store, tenantStore } = host;
      if (tenantStore !== undefined) {
        storeOf = (batch) => {
          const target = batch.tenant === undefined ? undefined : tenantStore(batch.tenant);
          if (target === undefined) throw new PipelineError('SB_TENANT_MISSING', `exporter ${settings.id}: a batch reached the store without an allowed tenant while tenancy is on`);
          return target;
        };
      } else if (store !== undefined) {
        storeOf = () => store;
      } else {
        throw new PipelineError('SB_CONFIG', `exporters.${settings.id}: there is no trace store to write to; add a "storage" section to the configuration`);
      }
    },
    async consume(batch) {
      if (storeOf === undefined || stopping) throw new PipelineError('SB_SHUTTING_DOWN', `exporter ${settings.id} is not running`);
      const done = write(storeOf(batch), batch, countSpans(batch));
      inFlight.add(done);
      try {
        await done;
      } finally {
        inFlight.delete(done);
      }
    },
    async shutdown() {
      stopping = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}
