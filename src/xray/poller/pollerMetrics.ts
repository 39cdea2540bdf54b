import { Counter, Gauge, type Registry } from 'prom-client';

/** The poller's own series, beside the receiver counters every component reports (telemetry.receiverAccepted/Refused). */
export interface PollerMetrics {
  apiCall(api: string, outcome: 'ok' | 'throttled' | 'error'): void;
  traces(outcome: 'delivered' | 'duplicate' | 'missing' | 'refused', n: number): void;
  window(): void;
  lagSeconds(seconds: number): void;
  leader(isLeader: boolean): void;
}

function counter(registry: Registry, name: string, help: string, labelNames: string[]): Counter {
  return (registry.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
}

function gauge(registry: Registry, name: string, help: string, labelNames: string[]): Gauge {
  return (registry.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help, labelNames, registers: [registry] });
}

/** Series shared by every poller of a registry, labelled by receiver id (several pollers may run in one service). */
export function createPollerMetrics(registry: Registry, receiver: string): PollerMetrics {
  const calls = counter(registry, 'spanbridge_xray_poller_api_calls_total', 'X-Ray API calls by the awsxray_poller, by API and outcome.', ['receiver', 'api', 'outcome']);
  const traces = counter(registry, 'spanbridge_xray_poller_traces_total', 'Trace ids the awsxray_poller handled, by outcome.', ['receiver', 'outcome']);
  const windows = counter(registry, 'spanbridge_xray_poller_windows_total', 'Time windows the awsxray_poller finished.', ['receiver']);
  const lag = gauge(registry, 'spanbridge_xray_poller_lag_seconds', 'How far the awsxray_poller checkpoint is behind now minus the settle delay.', ['receiver']);
  const leader = gauge(registry, 'spanbridge_xray_poller_leader', '1 while this awsxray_poller holds the lease.', ['receiver']);
  return {
    apiCall: (api, outcome) => calls.inc({ receiver, api, outcome }),
    traces: (outcome, n) => traces.inc({ receiver, outcome }, n),
    window: () => windows.inc({ receiver }),
    lagSeconds: (s) => lag.set({ receiver }, s),
    leader: (l) => leader.set({ receiver }, l ? 1 : 0),
  };
}
