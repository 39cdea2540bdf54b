import { parseDurationNanos } from '../../model/duration.js';
import { badParameter } from '../http/queryError.js';
import { oneParam, type QueryParams } from '../http/queryParams.js';
import { NANOS_PER_MICRO } from './timeUnits.js';

/**
 * A duration parameter as nanoseconds: a Go duration ("250ms", "1.5s", "100us"), or, where `integerMicros`, a bare
 * integer of microseconds (docs/api-native.md; Zipkin's minDuration/maxDuration are only that).
 */
export function durationParam(query: QueryParams, name: string, accepts: { goDuration: boolean; integerMicros: boolean }): bigint | undefined {
  const text = oneParam(query, name);
  if (text === undefined) return undefined;
  if (accepts.integerMicros && /^\d{1,15}$/.test(text)) return BigInt(text) * NANOS_PER_MICRO;
  const nanos = accepts.goDuration ? parseDurationNanos(text) : undefined;
  if (nanos === undefined) {
    const expected = [accepts.goDuration ? 'a duration like "250ms", "1.5s" or "100us"' : '', accepts.integerMicros ? 'an integer of microseconds' : ''].filter(Boolean).join(' or ');
    throw badParameter(name, `"${text}" is not ${expected}`);
  }
  return nanos;
}

/** Both bounds of a duration filter, refusing a maximum below the minimum. */
export function checkDurationRange(minName: string, min: bigint | undefined, maxName: string, max: bigint | undefined): void {
  if (min !== undefined && max !== undefined && max < min) throw badParameter(maxName, `must not be less than '${minName}'`);
}
