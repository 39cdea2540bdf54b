import type { ConfigSchema, ProcessorFactory } from '../../pipeline/component.js';
import type { IstioConfig } from './config.js';
import { createIstioProcessor } from './istioProcessor.js';

const rule = (description: string, defaultValue = true) => ({ type: 'boolean', default: defaultValue, description });

export const istioConfigSchema: ConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    span_kind: rule('kind from upstream_cluster: inbound -> SERVER (Istio <= 1.7 reported CLIENT), outbound fills a missing kind'),
    service_name: rule('service.name from istio.canonical_service, node_id workload or inbound cluster host; original kept as zipkin.local_service_name'),
    service_name_source: {
      enum: ['canonical', 'zipkin'],
      default: 'canonical',
      description: 'canonical: istio.canonical_service first; zipkin: localEndpoint.serviceName first (as Zipkin UIs show it)',
    },
    resource_attributes: rule('namespace, version, mesh, cluster, pod, proxy type and zone as resource attributes'),
    peer_service: rule('peer.service, server.address and server.port of outbound spans from their outbound|port|subset|host cluster'),
    semantic_conventions: rule('Envoy tags to current OpenTelemetry semantic conventions, placeholders dropped, error status'),
    keep_original_attributes: rule('keep the Envoy/Istio tags beside the attributes made from them', false),
    trace_id_upgrade: rule('widen 64-bit trace ids to a recently seen 128-bit id with the same low 64 bits'),
    trace_id_cache_size: { type: 'integer', minimum: 1, maximum: 10_000_000, default: 100_000, description: '128-bit trace ids remembered' },
    shared_span_ids: rule('Zipkin shared SERVER spans on a CLIENT span\'s id (B3 join, sidecars) get their own span id, the client span as parent'),
    shared_span_cache_size: { type: 'integer', minimum: 1, maximum: 10_000_000, default: 100_000, description: 're-identified span ids remembered for late children, and recent CLIENT span ids' },
    mark_proxy_spans: rule('spanbridge.span.origin = proxy and telemetry.source = envoy|fsm on sidecar spans'),
  },
};

export const istioFactory: ProcessorFactory<IstioConfig> = {
  kind: 'processor',
  type: 'istio',
  description: 'Normalizes Envoy/Istio/FSM sidecar spans into OpenTelemetry shape (mesh normalizer).',
  configSchema: istioConfigSchema,
  createProcessor: createIstioProcessor,
};
