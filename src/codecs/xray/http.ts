// The `http` object both ways: request method, URL, user agent, client IP and response status and length, as the
// current semantic-convention attributes (and from both generations on the way out).
import { isIP } from 'node:net';
import { SpanKind } from '../../model/span.js';
import type { Attributes } from '../../model/span.js';
import type { AttributeReader } from './attributeReader.js';
import { readObject, stringOf, xrayProblem } from './fieldReaders.js';
import { XRAY_HTTP_TRACED, XRAY_X_FORWARDED_FOR } from './xrayAttributeNames.js';
import type { XrayHttp, XrayHttpRequest, XrayHttpResponse } from './xraySegmentDocument.js';

/**
 * The `http` object as current semantic-convention attributes: `http.request.method`, `url.full`,
 * `user_agent.original`, `client.address`, `http.response.status_code` (int) and `http.response.body.size` (int, or the
 * string as sent: real data has numeric strings). Returns the status code and whether a client IP was given (which
 * makes a subsegment a SERVER span: it recorded an incoming request).
 */
export function readHttpFields(node: Record<string, unknown>, where: string, attrs: Attributes): { status?: number; hasClientIp: boolean } {
  const http = readObject(node, 'http', where);
  if (http === undefined) return { hasClientIp: false };
  const request = readObject(http, 'request', `${where}http.`);
  const response = readObject(http, 'response', `${where}http.`);
  const set = (key: string, v: string | undefined) => {
    if (v !== undefined) attrs.set(key, v);
  };
  set('http.request.method', stringOf(request, 'method'));
  set('url.full', stringOf(request, 'url'));
  set('user_agent.original', stringOf(request, 'user_agent'));
  const clientIp = stringOf(request, 'client_ip');
  set('client.address', clientIp);
  if (typeof request?.x_forwarded_for === 'boolean') attrs.set(XRAY_X_FORWARDED_FOR, request.x_forwarded_for);
  if (typeof request?.traced === 'boolean') attrs.set(XRAY_HTTP_TRACED, request.traced);
  const status = response?.status;
  if (status !== undefined && status !== null && !(typeof status === 'number' && Number.isSafeInteger(status))) throw xrayProblem(`${where}http.response.status`, 'expected an integer');
  if (typeof status === 'number') attrs.set('http.response.status_code', BigInt(status));
  const length = response?.content_length;
  if (typeof length === 'number' && Number.isSafeInteger(length)) attrs.set('http.response.body.size', BigInt(length));
  else if (typeof length === 'string') attrs.set('http.response.body.size', length);
  const out: { status?: number; hasClientIp: boolean } = { hasClientIp: clientIp !== undefined };
  if (typeof status === 'number') out.status = status;
  return out;
}

/** Attributes whose presence makes an `http` object (contrib's list). */
const PRESENCE = [
  'http.request.method', 'http.method', 'url.full', 'http.url', 'user_agent.original', 'http.user_agent', 'http.client_ip',
  'http.response.status_code', 'http.status_code', 'http.scheme', 'url.scheme', 'http.host', 'http.target', 'http.server_name',
  'net.host.port', 'url.path', 'url.query', 'client.address',
];

/** Attributes whose presence makes the `http` object: PRESENCE, and those only this block reads. */
const HTTP_BLOCK_KEYS = new Set([...PRESENCE, XRAY_X_FORWARDED_FOR, XRAY_HTTP_TRACED, 'http.response.body.size']);
/** Attributes that can give `request.url` a host. */
const URLABLE = new Set(['http.host', 'http.server_name', 'net.host.name', 'host.name', 'net.peer.name', 'net.peer.ip', 'server.address']);

/**
 * The `http` object, reading both semantic-convention generations, or undefined when no HTTP attribute is there. For
 * spans decoded from X-Ray (`fromXray`) nothing is inferred: `x_forwarded_for` and `traced` come only from their
 * attributes. Unlike contrib, `content_length` comes from `http.response.body.size` (or the older
 * `http.response_content_length`) and is left out when unknown.
 */
export function writeHttpBlock(r: AttributeReader, kind: SpanKind, fromXray: boolean): XrayHttp | undefined {
  const a = r.attributes;
  if (!hasAnyOf(a, HTTP_BLOCK_KEYS)) return undefined;
  const request: XrayHttpRequest = {};
  const response: XrayHttpResponse = {};
  const method = r.string('http.request.method') ?? r.string('http.method');
  if (method !== undefined) request.method = method;
  let clientIp = r.string('http.client_ip');
  let peerIpSeen = false;
  if (!fromXray) {
    const netPeerIp = r.string('net.peer.ip');
    if (netPeerIp !== undefined) {
      peerIpSeen = true;
      clientIp ??= netPeerIp;
    }
    const peerAddress = a.get('network.peer.address');
    if (typeof peerAddress === 'string' && isIP(peerAddress) !== 0) {
      r.take('network.peer.address');
      peerIpSeen = true;
      clientIp ??= peerAddress;
    }
  }
  const clientAddress = a.get('client.address');
  if (typeof clientAddress === 'string' && (fromXray || isIP(clientAddress) !== 0)) {
    r.take('client.address');
    clientIp = clientAddress;
  }
  const url = r.string('url.full') ?? r.string('http.url') ?? (fromXray ? undefined : buildUrl(r, kind));
  if (url !== undefined) request.url = url;
  const userAgent = r.string('user_agent.original') ?? r.string('http.user_agent');
  if (userAgent !== undefined) request.user_agent = userAgent;
  if (clientIp !== undefined) request.client_ip = clientIp;
  const xff = r.boolean(XRAY_X_FORWARDED_FOR) ?? (fromXray || clientIp === undefined ? undefined : !peerIpSeen);
  if (xff !== undefined) request.x_forwarded_for = xff;
  const traced = r.boolean(XRAY_HTTP_TRACED);
  if (traced !== undefined) request.traced = traced;

  const status = r.integer('http.response.status_code') ?? r.integer('http.status_code');
  if (status !== undefined) response.status = status;
  const size = a.get('http.response.body.size') ?? a.get('http.response_content_length');
  if (typeof size === 'bigint' || typeof size === 'number' || typeof size === 'string') {
    r.take(a.has('http.response.body.size') ? 'http.response.body.size' : 'http.response_content_length');
    response.content_length = typeof size === 'bigint' ? Number(size) : size;
  }
  const http: XrayHttp = {};
  if (Object.keys(request).length > 0) http.request = request;
  if (Object.keys(response).length > 0) http.response = response;
  return http.request || http.response ? http : undefined;
}

/** Whether an attribute key is in `keys` (a pass over the span's few keys rather than a lookup per listed key). */
function hasAnyOf(a: Attributes, keys: ReadonlySet<string>): boolean {
  for (const k of a.keys()) if (keys.has(k)) return true;
  return false;
}

/**
 * `request.url` from its parts when there is no full URL (contrib's rules): host by kind, port only when the host did
 * not come from `http.host` and is not the scheme's default, path from `http.target` or `url.path`+`url.query`.
 */
function buildUrl(r: AttributeReader, kind: SpanKind): string | undefined {
  const a = r.attributes;
  if (!hasAnyOf(a, URLABLE)) return undefined;
  const scheme = r.string('url.scheme') ?? r.string('http.scheme') ?? 'http';
  const httpHost = r.string('http.host');
  let host = httpHost;
  let port: number | string | undefined;
  if (kind === SpanKind.SERVER) {
    host ??= r.string('http.server_name') ?? r.string('net.host.name') ?? r.string('host.name') ?? r.string('server.address');
    if (httpHost === undefined) port = r.integer('net.host.port') ?? r.integer('server.port');
  } else {
    host ??= r.string('net.peer.name') ?? (a.get('net.peer.ip') as string | undefined) ?? r.string('server.address');
    if (httpHost === undefined) port = r.integer('net.peer.port') ?? r.integer('network.peer.port');
  }
  if (host === undefined) return undefined;
  const defaultPort = (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443);
  const hostPort = port === undefined || defaultPort ? host : `${host}:${port}`;
  const target = r.string('http.target');
  let path = target;
  if (path === undefined) {
    path = r.string('url.path') ?? '/';
    const query = r.string('url.query');
    if (query !== undefined && query !== '') path += query.startsWith('?') ? query : `?${query}`;
  }
  return `${scheme}://${hostPort}${path}`;
}
