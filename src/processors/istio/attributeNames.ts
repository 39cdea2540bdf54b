// Names the mesh normalizer reads and writes (docs/zipkin-mesh.md, "Tags" and "The istio processor"). Zipkin-level
// names shared with the codecs live in src/model/attributeNames.ts.

// Tags Envoy sets on Zipkin spans; FSM reuses the same set.
export const ENVOY_COMPONENT = 'component';
export const ENVOY_NODE_ID = 'node_id';
export const ENVOY_ZONE = 'zone';
export const ENVOY_REQUEST_ID = 'guid:x-request-id';
export const ENVOY_CLIENT_TRACE_ID = 'guid:x-client-trace-id';
export const ENVOY_HTTP_URL = 'http.url';
export const ENVOY_HTTP_METHOD = 'http.method';
export const ENVOY_HTTP_PROTOCOL = 'http.protocol';
export const ENVOY_HTTP_STATUS_CODE = 'http.status_code';
export const ENVOY_DOWNSTREAM_CLUSTER = 'downstream_cluster';
export const ENVOY_USER_AGENT = 'user_agent';
export const ENVOY_PEER_ADDRESS = 'peer.address';
export const ENVOY_REQUEST_SIZE = 'request_size';
export const ENVOY_RESPONSE_SIZE = 'response_size';
export const ENVOY_UPSTREAM_CLUSTER = 'upstream_cluster';
export const ENVOY_UPSTREAM_CLUSTER_NAME = 'upstream_cluster.name';
export const ENVOY_RESPONSE_FLAGS = 'response_flags';
export const ENVOY_ERROR = 'error';
export const ENVOY_ERROR_REASON = 'error.reason';
export const ENVOY_GRPC_PATH = 'grpc.path';
export const ENVOY_GRPC_STATUS_CODE = 'grpc.status_code';
export const OTEL_STATUS_CODE = 'otel.status_code';
export const OTEL_STATUS_DESCRIPTION = 'otel.status_description';

// Istio's custom tags, added to every span unless switched off in the mesh.
export const ISTIO_CANONICAL_SERVICE = 'istio.canonical_service';
export const ISTIO_CANONICAL_REVISION = 'istio.canonical_revision';
export const ISTIO_MESH_ID = 'istio.mesh_id';
export const ISTIO_NAMESPACE = 'istio.namespace';
export const ISTIO_CLUSTER_ID = 'istio.cluster_id';

// What the normalizer writes: OpenTelemetry semantic conventions (span attributes).
export const HTTP_REQUEST_METHOD = 'http.request.method';
export const HTTP_REQUEST_METHOD_ORIGINAL = 'http.request.method_original';
export const HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code';
export const HTTP_REQUEST_BODY_SIZE = 'http.request.body.size';
export const HTTP_RESPONSE_BODY_SIZE = 'http.response.body.size';
export const HTTP_REQUEST_HEADER_X_REQUEST_ID = 'http.request.header.x-request-id';
export const HTTP_REQUEST_HEADER_X_CLIENT_TRACE_ID = 'http.request.header.x-client-trace-id';
export const URL_FULL = 'url.full';
export const URL_SCHEME = 'url.scheme';
export const URL_PATH = 'url.path';
export const URL_QUERY = 'url.query';
export const SERVER_ADDRESS = 'server.address';
export const SERVER_PORT = 'server.port';
export const NETWORK_PROTOCOL_VERSION = 'network.protocol.version';
export const NETWORK_PEER_ADDRESS = 'network.peer.address';
export const NETWORK_PEER_PORT = 'network.peer.port';
export const USER_AGENT_ORIGINAL = 'user_agent.original';
export const PEER_SERVICE = 'peer.service';
export const RPC_SYSTEM = 'rpc.system';
export const RPC_SERVICE = 'rpc.service';
export const RPC_METHOD = 'rpc.method';
export const RPC_GRPC_STATUS_CODE = 'rpc.grpc.status_code';

// Parsed `upstream_cluster` (span attributes).
export const ISTIO_DIRECTION = 'istio.direction';
export const ISTIO_DESTINATION_PORT = 'istio.destination.port';
export const ISTIO_DESTINATION_PORT_NAME = 'istio.destination.port_name';
export const ISTIO_DESTINATION_SUBSET = 'istio.destination.subset';
export const ISTIO_DESTINATION_HOST = 'istio.destination.host';
export const ISTIO_DESTINATION_SERVICE = 'istio.destination.service';
export const ISTIO_DESTINATION_NAMESPACE = 'istio.destination.namespace';

// Resource attributes.
export const SERVICE_NAME = 'service.name';
export const SERVICE_NAMESPACE = 'service.namespace';
export const SERVICE_VERSION = 'service.version';
export const K8S_NAMESPACE_NAME = 'k8s.namespace.name';
export const K8S_CLUSTER_NAME = 'k8s.cluster.name';
export const K8S_POD_NAME = 'k8s.pod.name';
export const K8S_POD_IP = 'k8s.pod.ip';
export const K8S_POD_UID = 'k8s.pod.uid';
export const ISTIO_PROXY_TYPE = 'istio.proxy_type';
export const CLOUD_AVAILABILITY_ZONE = 'cloud.availability_zone';

/** OTel SDK convention for a resource without a known service (the last resort of rule `service_name`). */
export const UNKNOWN_SERVICE = 'unknown_service';
