import { Type, type Static } from '@sinclair/typebox';
import { configObject, stringEnum } from '../../config/configSchema.js';

const rule = (description: string, defaultValue = true) => Type.Boolean({ default: defaultValue, description });

/** The `istio` processor's configuration: one switch per normalization rule, and the sizes of its caches. */
export const istioConfigSchema = configObject({
  span_kind: rule('kind from upstream_cluster: inbound -> SERVER (Istio <= 1.7 reported CLIENT), outbound fills a missing kind'),
  service_name: rule('service.name from istio.canonical_service, node_id workload or inbound cluster host; original kept as zipkin.local_service_name'),
  service_name_source: stringEnum(['canonical', 'zipkin'], {
    default: 'canonical',
    description: 'canonical: istio.canonical_service first; zipkin: localEndpoint.serviceName first (as Zipkin UIs show it)',
  }),
  resource_attributes: rule('namespace, version, mesh, cluster, pod, proxy type and zone as resource attributes'),
  peer_service: rule('peer.service, server.address and server.port of outbound spans from their outbound|port|subset|host cluster'),
  semantic_conventions: rule('Envoy tags to current OpenTelemetry semantic conventions, placeholders dropped, error status'),
  keep_original_attributes: rule('keep the Envoy/Istio tags beside the attributes made from them', false),
  trace_id_upgrade: rule('widen 64-bit trace ids to a recently seen 128-bit id with the same low 64 bits'),
  trace_id_cache_size: Type.Integer({ minimum: 1, maximum: 10_000_000, default: 100_000, description: '128-bit trace ids remembered' }),
  shared_span_ids: rule('Zipkin shared SERVER spans on a CLIENT span\'s id (B3 join, sidecars) get their own span id, the client span as parent'),
  shared_span_cache_size: Type.Integer({ minimum: 1, maximum: 10_000_000, default: 100_000, description: 're-identified span ids remembered for late children, and recent CLIENT span ids' }),
  mark_proxy_spans: rule('spanbridge.span.origin = proxy and telemetry.source = envoy|fsm on sidecar spans'),
});

export type IstioConfig = Static<typeof istioConfigSchema>;

/**
 * Where `service.name` comes from: `canonical` = `istio.canonical_service`, then the workload of `node_id`, then the
 * host of an inbound `upstream_cluster`, then `localEndpoint.serviceName`; `zipkin` = `localEndpoint.serviceName`
 * first (what Zipkin UIs and the Collector show), then the same chain.
 */
export type ServiceNameSource = IstioConfig['service_name_source'];
