import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * The balancer's own series, beside the per-backend exporter series (`spanbridge_exporter_*{exporter="ID[host:port]"}`).
 * They live in the process registry; several balancers in one process share them, told apart by `exporter`.
 */
export interface LoadBalancerMetrics {
  /** Spans handed to a backend's queue. */
  routed(exporter: string, backend: string, spans: number): void;
  /** Spans taken back from a backend that left and routed again. */
  rerouted(exporter: string, backend: string, spans: number): void;
  backends(exporter: string, n: number): void;
  resolution(exporter: string, outcome: 'success' | 'failure'): void;
}

function counter(registry: Registry, name: string, help: string, labelNames: string[]): Counter {
  return (registry.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
}

export function loadBalancerMetrics(registry: Registry): LoadBalancerMetrics {
  const routed = counter(registry, 'spanbridge_loadbalancer_backend_spans_total', 'Spans the load balancer handed to each backend.', ['exporter', 'backend']);
  const rerouted = counter(registry, 'spanbridge_loadbalancer_rerouted_spans_total', 'Spans taken back from a backend that left the resolver and routed again.', ['exporter', 'backend']);
  const resolutions = counter(registry, 'spanbridge_loadbalancer_resolutions_total', 'Resolutions of the backends, by outcome.', ['exporter', 'outcome']);
  const backends =
    (registry.getSingleMetric('spanbridge_loadbalancer_backends') as Gauge | undefined) ??
    new Gauge({ name: 'spanbridge_loadbalancer_backends', help: 'Backends on the hash ring.', labelNames: ['exporter'], registers: [registry] });
  return {
    routed: (exporter, backend, n) => routed.inc({ exporter, backend }, n),
    rerouted: (exporter, backend, n) => rerouted.inc({ exporter, backend }, n),
    backends: (exporter, n) => backends.set({ exporter }, n),
    resolution: (exporter, outcome) => resolutions.inc({ exporter, outcome }),
  };
}
