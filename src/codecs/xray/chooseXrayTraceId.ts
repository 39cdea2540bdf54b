import type { AnyValue } from '../../model/span.js';
import type { XrayEncodeOptions } from './xrayEncodeOptions.js';

/**
 * The X-Ray trace id for a (valid, lower-case) OpenTelemetry trace id: the epoch fix's choice from the options, else
 * the X-Ray id the span arrived with (`aws.xray.trace_id`, when it has the same random part), else the plain
 * conversion (docs/xray-mapping.md, "Trace ids"). `rewritten` tells that it differs from the plain conversion.
 */
export function chooseXrayTraceId(traceId: string, arrivedWith: AnyValue | undefined, options: XrayEncodeOptions): { xrayTraceId: string; rewritten: boolean } {
  const plain = `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
  let chosen = options.xrayTraceIds?.get(traceId);
  if (chosen === undefined && typeof arrivedWith === 'string' && arrivedWith.length === 35 && arrivedWith.slice(11).toLowerCase() === traceId.slice(8)) chosen = arrivedWith.toLowerCase();
  return chosen === undefined || chosen === plain ? { xrayTraceId: plain, rewritten: false } : { xrayTraceId: chosen, rewritten: true };
}
