import type { BookinfoService, Workload } from './workloads.js';

/** Where a workload's inbound sidecar really listens, i.e. what a Kubernetes endpoint resolves to here. */
export interface ServiceEndpoint {
  readonly workload: Workload;
  readonly port: number;
}

/** The service -> endpoints table the outbound proxies route with (Istio's EDS, in one process). */
export interface ServiceRegistry {
  add(endpoint: ServiceEndpoint): void;
  endpoints(service: string): readonly ServiceEndpoint[];
}

export function createServiceRegistry(): ServiceRegistry {
  const table = new Map<string, ServiceEndpoint[]>();
  return {
    add(endpoint) {
      const list = table.get(endpoint.workload.service) ?? [];
      list.push(endpoint);
      table.set(endpoint.workload.service, list);
    },
    endpoints: (service) => table.get(service) ?? [],
  };
}

/**
 * One proxy's round-robin load balancer (each Envoy balances on its own), so productpage's calls to reviews go to
 * v1, v2, v3, v1, ... in turn.
 */
export function createRoundRobin(registry: ServiceRegistry): (service: string) => ServiceEndpoint | undefined {
  const next = new Map<string, number>();
  return (service) => {
    const list = registry.endpoints(service);
    if (list.length === 0) return undefined;
    const i = next.get(service) ?? 0;
    next.set(service, (i + 1) % list.length);
    return list[i % list.length];
  };
}

/** The Bookinfo service a Host/:authority header names (`details:9080`, `details.default.svc.cluster.local`). */
export function serviceOfAuthority(authority: string, known: readonly BookinfoService[]): BookinfoService | undefined {
  const host = authority.replace(/:\d+$/, '').toLowerCase();
  const first = host.split('.')[0] ?? '';
  return known.find((s) => s === first && (host === s || host.startsWith(`${s}.`)));
}
