import type { AnyValue } from '../../model/span.js';
import { ORIGINAL_TRACE_ID_ANNOTATION } from './xrayAttributeNames.js';

const HEX32 = /^[0-9a-f]{32}$/;

/**
 * The OpenTelemetry trace id for an X-Ray one (lower-case, valid): the original id the epoch fix kept in
 * ORIGINAL_TRACE_ID_ANNOTATION (docs/xray-mapping.md, "The epoch fix") when it is 32 hex digits with the same random
 * part (the fix changes only the first 8 digits), else the plain conversion.
 */
export function restoreOriginalTraceId(xrayTraceId: string, annotations: ReadonlyMap<string, AnyValue> | Record<string, unknown> | undefined): string {
  const plain = xrayTraceId.slice(2, 10) + xrayTraceId.slice(11);
  const original = annotations instanceof Map ? annotations.get(ORIGINAL_TRACE_ID_ANNOTATION) : (annotations as Record<string, unknown> | undefined)?.[ORIGINAL_TRACE_ID_ANNOTATION];
  return typeof original === 'string' && HEX32.test(original) && original.slice(8) === plain.slice(8) ? original : plain;
}
