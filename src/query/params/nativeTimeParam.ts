import { badParameter } from '../http/queryError.js';
import { oneParam, type QueryParams } from '../http/queryParams.js';
import { parseRfc3339Nanos } from './parseRfc3339Nanos.js';
import { NANOS_PER_MILLI } from './timeUnits.js';

/** A native-API time (docs/api-native.md): Unix milliseconds or RFC 3339 text, as Unix nanoseconds. */
export function nativeTimeParam(query: QueryParams, name: string): bigint | undefined {
  const text = oneParam(query, name);
  if (text === undefined) return undefined;
  if (/^\d{1,15}$/.test(text)) return BigInt(text) * NANOS_PER_MILLI;
  const nanos = parseRfc3339Nanos(text);
  if (nanos === undefined) throw badParameter(name, `"${text}" is neither Unix milliseconds nor an RFC 3339 time`);
  return nanos;
}
