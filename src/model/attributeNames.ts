// Attribute names under which protocol-only facts travel through the OpenTelemetry-shaped model (docs/architecture.md,
// "The internal model"). A Zipkin -> OTLP -> Zipkin round trip reads them back; see docs/zipkin-mesh.md, "Zipkin-only
// facts as attributes".

/** Zipkin `shared: true` (B3 "same span id on both sides"). */
export const ZIPKIN_SHARED = 'zipkin.shared';
/** Zipkin `debug: true` (B3 `X-B3-Flags: 1`). */
export const ZIPKIN_DEBUG = 'zipkin.debug';
/** The trace id arrived with 64 bits and was left-padded to 128 (so a Zipkin re-export can use 16 hex digits). */
export const ZIPKIN_TRACE_ID_64BIT = 'zipkin.trace_id_64bit';
/** The span id as it arrived when it had to be changed (over 16 hex digits, or re-identified shared span). */
export const ZIPKIN_ORIGINAL_SPAN_ID = 'zipkin.original_span_id';
/** `localEndpoint.serviceName` as it arrived, when the normalizer chose another `service.name`. */
export const ZIPKIN_LOCAL_SERVICE_NAME = 'zipkin.local_service_name';
/** The span had no timestamp; its start time is Unix epoch 0 (so re-export omits it again). */
export const ZIPKIN_TIMESTAMP_ABSENT = 'zipkin.timestamp_absent';
/** Which normalizer rule changed the span kind. */
export const ZIPKIN_KIND_REPAIRED = 'zipkin.kind_repaired';

/** `proxy` for sidecar spans (Envoy/Istio, FSM); the UI separates mesh time from application time by it. */
export const SPAN_ORIGIN = 'spanbridge.span.origin';
/** `envoy` or `fsm`: which kind of sidecar reported the span (docs/zipkin-mesh.md, "Proxy marking"). */
export const TELEMETRY_SOURCE = 'telemetry.source';

/**
 * Zipkin endpoint address fields that `network.local.address` / `network.peer.address` do not carry: the IPv4 text
 * when an endpoint had both families (the IPv6 one is the network address), or a field whose text is not an IP.
 */
export const ZIPKIN_LOCAL_ENDPOINT_IPV4 = 'zipkin.local_endpoint.ipv4';
export const ZIPKIN_LOCAL_ENDPOINT_IPV6 = 'zipkin.local_endpoint.ipv6';
export const ZIPKIN_REMOTE_ENDPOINT_IPV4 = 'zipkin.remote_endpoint.ipv4';
export const ZIPKIN_REMOTE_ENDPOINT_IPV6 = 'zipkin.remote_endpoint.ipv6';
