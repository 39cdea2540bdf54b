import type { Attributes } from '../../model/span.js';
import { XRAY_HTTP_TRACED, XRAY_X_FORWARDED_FOR } from './xrayAttributeNames.js';
import { readObject, stringOf, xrayProblem } from './xrayFieldReaders.js';

/**
 * The `http` object as current semantic-convention attributes: `http.request.method`,
 * `url.full`, `user_agent.original`, `client.address`, `http.response.status_code` (int) and
 * `http.response.body.size` (int, or the string as sent: real data has numeric strings). Returns the status code
 * and whether a client IP was given (which makes a subsegment a SERVER span).
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
