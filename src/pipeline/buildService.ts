import type { Logger } from 'pino';
import { componentType, type ServiceConfig } from '../config/loadConfig.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import type { Component, Consumer, ExporterFactory, Factory, Host, ProcessorFactory, Receiver, ReceiverFactory } from './component.js';
import { createFanout } from './fanout.js';
import { createTenantAdmission } from './tenantAdmission.js';

export interface Service {
  start(): Promise<void>;
  /** Stops receivers first, then flushes processors, then exporters (the Collector's order). */
  shutdown(): Promise<void>;
  readonly ready: boolean;
  /** A started receiver's listening addresses by transport. */
  endpoints(receiverId: string): Record<string, string>;
}

export interface ServiceDeps {
  factories: ReadonlyMap<string, Factory>;
  logger: Logger;
  telemetry: Telemetry;
  /** What the host offers components besides logger and telemetry (the store, extra routes). */
  host?: Omit<Partial<Host>, 'logger' | 'telemetry'>;
}

function factory<F extends Factory>(deps: ServiceDeps, kind: F['kind'], id: string): F {
  const f = deps.factories.get(`${kind}:${componentType(id)}`);
  if (!f) throw new Error(`no ${kind} factory for ${id}`);
  return f as F;
}

/**
 * Builds the component graph of a validated config: one instance per exporter and receiver id, one processor chain per
 * pipeline; a receiver in several pipelines fans out to each, and a pipeline with several exporters fans out to them.
 */
export function buildService(config: ServiceConfig, deps: ServiceDeps): Service {
  const settings = (id: string) => ({ id, logger: deps.logger.child({ component: id }), telemetry: deps.telemetry });
  const exporters = new Map<string, Component & Consumer>();
  // Per pipeline, first to last.
  const chains: Array<Array<Component & Consumer>> = [];
  const receivers = new Map<string, Receiver>();
  const receiverTargets = new Map<string, Consumer[]>();

  for (const pipeline of Object.values(config.service.pipelines)) {
    for (const id of pipeline.exporters) {
      if (!exporters.has(id)) exporters.set(id, factory<ExporterFactory>(deps, 'exporter', id).createExporter(settings(id), config.exporters[id] as never));
    }
  }
  for (const pipeline of Object.values(config.service.pipelines)) {
    let next: Consumer = createFanout(pipeline.exporters.map((id) => exporters.get(id) as Consumer));
    const chain: Array<Component & Consumer> = [];
    for (const id of [...pipeline.processors].reverse()) {
      const p = factory<ProcessorFactory>(deps, 'processor', id).createProcessor(settings(id), config.processors[id] as never, next);
      chain.unshift(p);
      next = p;
    }
    chains.push(chain);
    for (const id of pipeline.receivers) receiverTargets.set(id, [...(receiverTargets.get(id) ?? []), next]);
  }
  // With tenancy, every receiver's batches pass one admission (tenant present, per-tenant rate limit) shared by all.
  const admission = deps.host?.tenancy && createTenantAdmission(deps.host.tenancy);
  for (const [id, targets] of receiverTargets) {
    const fanout = createFanout(targets);
    receivers.set(id, factory<ReceiverFactory>(deps, 'receiver', id).createReceiver(settings(id), config.receivers[id] as never, admission ? admission(fanout, id) : fanout));
  }

  const host: Host = { ...deps.host, logger: deps.logger, telemetry: deps.telemetry };
  let ready = false;
  const started: Component[] = [];
  return {
    get ready() {
      return ready;
    },
    endpoints(receiverId) {
      return receivers.get(receiverId)?.endpoints?.() ?? {};
    },
    async start() {
      // Downstream first, so nothing is produced before its consumer runs.
      for (const c of [...exporters.values(), ...chains.flatMap((chain) => [...chain].reverse()), ...receivers.values()]) {
        await c.start(host);
        started.push(c);
      }
      ready = true;
    },
    async shutdown() {
      ready = false;
      const order = [...receivers.values(), ...chains.flat(), ...exporters.values()].filter((c) => started.includes(c));
      for (const c of order) {
        try {
          await c.shutdown();
        } catch (e) {
          deps.logger.error({ err: e }, 'component shutdown failed');
        }
      }
      started.length = 0;
    },
  };
}
