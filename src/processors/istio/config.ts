/**
 * Where `service.name` comes from (docs/zipkin-mesh.md, "Service names"): `canonical` = `istio.canonical_service`, then
 * the workload of `node_id`, then the host of an inbound `upstream_cluster`, then `localEndpoint.serviceName`;
 * `zipkin` = `localEndpoint.serviceName` first (what Zipkin UIs and the Collector show), then the same chain.
 */
export type ServiceNameSource = 'canonical' | 'zipkin';

/** The `istio` processor's configuration; factory.ts holds the schema and defaults. */
export interface IstioConfig {
  span_kind: boolean;
  service_name: boolean;
  service_name_source: ServiceNameSource;
  resource_attributes: boolean;
  peer_service: boolean;
  semantic_conventions: boolean;
  keep_original_attributes: boolean;
  trace_id_upgrade: boolean;
  trace_id_cache_size: number;
  shared_span_ids: boolean;
  shared_span_cache_size: number;
  mark_proxy_spans: boolean;
}
