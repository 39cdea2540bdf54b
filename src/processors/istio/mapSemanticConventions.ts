import { getString } from '../../model/attributes.js';
import type { Attributes } from '../../model/span.js';
import {
  ENVOY_CLIENT_TRACE_ID,
  ENVOY_DOWNSTREAM_CLUSTER,
  ENVOY_GRPC_PATH,
  ENVOY_GRPC_STATUS_CODE,
  ENVOY_HTTP_METHOD,
  ENVOY_HTTP_PROTOCOL,
  ENVOY_HTTP_STATUS_CODE,
  ENVOY_HTTP_URL,
  ENVOY_PEER_ADDRESS,
  ENVOY_REQUEST_ID,
  ENVOY_REQUEST_SIZE,
  ENVOY_RESPONSE_FLAGS,
  ENVOY_RESPONSE_SIZE,
  ENVOY_UPSTREAM_CLUSTER,
  ENVOY_UPSTREAM_CLUSTER_NAME,
  ENVOY_USER_AGENT,
  HTTP_REQUEST_BODY_SIZE,
  HTTP_REQUEST_HEADER_X_CLIENT_TRACE_ID,
  HTTP_REQUEST_HEADER_X_REQUEST_ID,
  HTTP_REQUEST_METHOD,
  HTTP_REQUEST_METHOD_ORIGINAL,
  HTTP_RESPONSE_BODY_SIZE,
  HTTP_RESPONSE_STATUS_CODE,
  NETWORK_PEER_ADDRESS,
  NETWORK_PEER_PORT,
  NETWORK_PROTOCOL_VERSION,
  RPC_GRPC_STATUS_CODE,
  RPC_METHOD,
  RPC_SERVICE,
  RPC_SYSTEM,
  SERVER_ADDRESS,
  SERVER_PORT,
  URL_FULL,
  URL_PATH,
  URL_QUERY,
  URL_SCHEME,
  USER_AGENT_ORIGINAL,
} from './attributeNames.js';
import { readCount } from './parseNumbers.js';
import { dropTag } from './dropTag.js';
import type { UpstreamCluster } from './parseUpstreamCluster.js';
import { setClusterAttributes } from './setClusterAttributes.js';
import { sharedBigInt } from './sharedBigInt.js';
import { splitHostPort } from './splitHostPort.js';
import { splitUrl } from './splitUrl.js';

// OTel HTTP semantic conventions: methods outside this list become `_OTHER` with the original kept beside it.
const KNOWN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE']);

// `network.protocol.version` of Envoy's usual protocols, as constants so that spans do not each hold a copy.
const PROTOCOL_VERSIONS: ReadonlyMap<string, string> = new Map([
  ['HTTP/1.0', '1.0'],
  ['HTTP/1.1', '1.1'],
  ['HTTP/2', '2'],
  ['HTTP/3', '3'],
]);

function isPlaceholder(v: string): boolean {
  return v === '' || v === '-';
}

/**
 * Rule `semantic_conventions` (docs/zipkin-mesh.md, "Tags" and "Semantic conventions"): Envoy's tag names to
 * current OpenTelemetry names, with numbers as int64. A tag that was mapped, or is a placeholder (`-`, empty,
 * status `0`), is removed unless `keepOriginals`; a tag whose value cannot be mapped stays as it is.
 */
export function mapSemanticConventions(attrs: Attributes, cluster: Readonly<UpstreamCluster> | undefined, keepOriginals: boolean): void {

  const method = getString(attrs, ENVOY_HTTP_METHOD);
  if (method !== undefined) {
    if (KNOWN_METHODS.has(method)) attrs.set(HTTP_REQUEST_METHOD, method);
    else if (method !== '') {
      attrs.set(HTTP_REQUEST_METHOD, '_OTHER');
      attrs.set(HTTP_REQUEST_METHOD_ORIGINAL, method);
    }
    dropTag(attrs, ENVOY_HTTP_METHOD, keepOriginals);
  }

  const status = attrs.get(ENVOY_HTTP_STATUS_CODE);
  if (status !== undefined) {
    const code = readCount(status);
    if (code !== undefined && code <= 999) {
      if (code !== 0) attrs.set(HTTP_RESPONSE_STATUS_CODE, sharedBigInt(code));
      dropTag(attrs, ENVOY_HTTP_STATUS_CODE, keepOriginals);
    } else if (status === '') dropTag(attrs, ENVOY_HTTP_STATUS_CODE, keepOriginals);
  }

  const url = getString(attrs, ENVOY_HTTP_URL);
  if (url !== undefined) {
    if (url !== '') {
      attrs.set(URL_FULL, url);
      const parts = splitUrl(url);
      if (parts !== undefined) {
        // FSM writes `undefined://` when the caller sent no x-forwarded-proto.
        if (parts.scheme !== 'undefined') attrs.set(URL_SCHEME, parts.scheme);
        if (parts.path !== '') attrs.set(URL_PATH, parts.path);
        if (parts.query !== '') attrs.set(URL_QUERY, parts.query);
        if (parts.host !== undefined && parts.host !== '' && !attrs.has(SERVER_ADDRESS)) {
          attrs.set(SERVER_ADDRESS, parts.host);
          if (parts.port !== undefined) attrs.set(SERVER_PORT, sharedBigInt(parts.port));
        }
      }
    }
    dropTag(attrs, ENVOY_HTTP_URL, keepOriginals);
  }

  const protocol = getString(attrs, ENVOY_HTTP_PROTOCOL);
  if (protocol !== undefined && protocol.startsWith('HTTP/') && protocol.length > 5) {
    attrs.set(NETWORK_PROTOCOL_VERSION, PROTOCOL_VERSIONS.get(protocol) ?? protocol.slice(5));
    dropTag(attrs, ENVOY_HTTP_PROTOCOL, keepOriginals);
  }

  const peer = getString(attrs, ENVOY_PEER_ADDRESS);
  if (peer !== undefined) {
    const hp = splitHostPort(peer);
    if (hp !== undefined) {
      if (!attrs.has(NETWORK_PEER_ADDRESS)) {
        attrs.set(NETWORK_PEER_ADDRESS, hp.host);
        if (hp.port !== undefined) attrs.set(NETWORK_PEER_PORT, sharedBigInt(hp.port));
      }
      dropTag(attrs, ENVOY_PEER_ADDRESS, keepOriginals);
    } else if (peer === '') dropTag(attrs, ENVOY_PEER_ADDRESS, keepOriginals);
  }

  const userAgent = getString(attrs, ENVOY_USER_AGENT);
  if (userAgent !== undefined) {
    if (!isPlaceholder(userAgent)) attrs.set(USER_AGENT_ORIGINAL, userAgent);
    dropTag(attrs, ENVOY_USER_AGENT, keepOriginals);
  }

  mapSize(attrs, ENVOY_REQUEST_SIZE, HTTP_REQUEST_BODY_SIZE, keepOriginals);
  mapSize(attrs, ENVOY_RESPONSE_SIZE, HTTP_RESPONSE_BODY_SIZE, keepOriginals);

  // `response_flags` keeps its name (it has no semantic-convention equivalent); only the placeholder goes.
  const flags = getString(attrs, ENVOY_RESPONSE_FLAGS);
  if (flags !== undefined && isPlaceholder(flags)) dropTag(attrs, ENVOY_RESPONSE_FLAGS, keepOriginals);
  const downstream = getString(attrs, ENVOY_DOWNSTREAM_CLUSTER);
  if (downstream !== undefined && isPlaceholder(downstream)) dropTag(attrs, ENVOY_DOWNSTREAM_CLUSTER, keepOriginals);

  mapHeader(attrs, ENVOY_REQUEST_ID, HTTP_REQUEST_HEADER_X_REQUEST_ID, keepOriginals);
  mapHeader(attrs, ENVOY_CLIENT_TRACE_ID, HTTP_REQUEST_HEADER_X_CLIENT_TRACE_ID, keepOriginals);

  if (cluster !== undefined) {
    setClusterAttributes(attrs, cluster);
    const name = attrs.get(ENVOY_UPSTREAM_CLUSTER_NAME);
    if (name !== undefined && name === attrs.get(ENVOY_UPSTREAM_CLUSTER)) dropTag(attrs, ENVOY_UPSTREAM_CLUSTER_NAME, keepOriginals);
    dropTag(attrs, ENVOY_UPSTREAM_CLUSTER, keepOriginals);
  }

  mapGrpc(attrs, keepOriginals);
}

function mapSize(attrs: Attributes, from: string, to: string, keepOriginals: boolean): void {
  const v = attrs.get(from);
  if (v === undefined) return;
  const n = readCount(v);
  if (n !== undefined) {
    attrs.set(to, sharedBigInt(n));
    dropTag(attrs, from, keepOriginals);
  } else if (typeof v === 'string' && isPlaceholder(v)) dropTag(attrs, from, keepOriginals);
}

/** Semantic conventions record request headers as string arrays (one item per header value). */
function mapHeader(attrs: Attributes, from: string, to: string, keepOriginals: boolean): void {
  const v = getString(attrs, from);
  if (v === undefined) return;
  if (v !== '') attrs.set(to, [v]);
  dropTag(attrs, from, keepOriginals);
}

/** `grpc.path` is `/<package.Service>/<Method>` (gRPC over HTTP/2 spec, "Path"); the status is the numeric code. */
function mapGrpc(attrs: Attributes, keepOriginals: boolean): void {
  const path = getString(attrs, ENVOY_GRPC_PATH);
  if (path !== undefined) {
    const slash = path.indexOf('/', 1);
    if (path.charCodeAt(0) === 47 && slash > 1 && slash < path.length - 1) {
      attrs.set(RPC_SYSTEM, 'grpc');
      attrs.set(RPC_SERVICE, path.slice(1, slash));
      attrs.set(RPC_METHOD, path.slice(slash + 1));
      dropTag(attrs, ENVOY_GRPC_PATH, keepOriginals);
    }
  }
  const status = attrs.get(ENVOY_GRPC_STATUS_CODE);
  if (status !== undefined) {
    const code = readCount(status);
    if (code !== undefined) {
      attrs.set(RPC_GRPC_STATUS_CODE, sharedBigInt(code));
      dropTag(attrs, ENVOY_GRPC_STATUS_CODE, keepOriginals);
    }
  }
}
