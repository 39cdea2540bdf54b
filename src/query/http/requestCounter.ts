import { Counter, type Registry } from 'prom-client';

export const QUERY_REQUESTS_METRIC = 'spanbridge_query_requests_total';

export type RequestCounter = Counter<'api' | 'route' | 'status'>;

/**
 * The query APIs' request counter in a registry, created once per registry (the query port and the Zipkin port may
 * share one Telemetry, and prom-client refuses a second metric of the same name).
 */
export function requestCounter(registry: Registry): RequestCounter {
  const existing = registry.getSingleMetric(QUERY_REQUESTS_METRIC);
  if (existing instanceof Counter) return existing as RequestCounter;
  return new Counter({
    name: QUERY_REQUESTS_METRIC,
    help: 'Query API requests answered, by API, route pattern and HTTP status.',
    labelNames: ['api', 'route', 'status'],
    registers: [registry],
  });
}
