import { padHex } from '../../model/ids.js';
import { badParameter } from '../http/queryError.js';

/**
 * A trace id from a URL as the store's 32 lower-case hex digits: 1 to 32 hex digits in either case, left-padded
 * with zeros (64-bit Zipkin/Jaeger ids are stored padded to 128 bits); all zeros is not an id.
 */
export function traceIdParam(name: string, text: string): string {
  const t = text.trim();
  if (!/^[0-9a-fA-F]{1,32}$/.test(t)) throw badParameter(name, `"${text.slice(0, 64)}" is not a trace id (1 to 32 hex digits)`);
  const id = padHex(t.toLowerCase(), 32);
  if (/^0+$/.test(id)) throw badParameter(name, 'the all-zero trace id is invalid');
  return id;
}
