// Attribute and tag names the Zipkin mapping reads or writes besides the `zipkin.*` ones in model/attributeNames.ts.
// Sources: OpenTelemetry semantic conventions (network.*, peer.service) and the OpenTelemetry Zipkin exporter
// specification / collector translator (specs/zipkin-mesh.md sections 2.2-2.6, 7.10).

export const SERVICE_NAME = 'service.name';
export const NETWORK_LOCAL_ADDRESS = 'network.local.address';
export const NETWORK_LOCAL_PORT = 'network.local.port';
export const NETWORK_PEER_ADDRESS = 'network.peer.address';
export const NETWORK_PEER_PORT = 'network.peer.port';
export const PEER_SERVICE = 'peer.service';
/** Read on export as fallbacks (newer and legacy semantic conventions). */
export const SERVICE_PEER_NAME = 'service.peer.name';
export const NET_HOST_IP = 'net.host.ip';
export const NET_HOST_PORT = 'net.host.port';
export const NET_PEER_IP = 'net.peer.ip';
export const NET_PEER_PORT = 'net.peer.port';

export const TAG_STATUS_CODE = 'otel.status_code';
export const TAG_STATUS_DESCRIPTION = 'otel.status_description';
export const TAG_ERROR = 'error';
export const TAG_TRACESTATE = 'w3c.tracestate';
export const TAG_SPAN_KIND = 'span.kind';
export const TAG_LINK_PREFIX = 'otlp.link.';
export const TAG_SCOPE_NAME = 'otel.scope.name';
export const TAG_SCOPE_VERSION = 'otel.scope.version';
export const TAG_LIBRARY_NAME = 'otel.library.name';
export const TAG_LIBRARY_VERSION = 'otel.library.version';
