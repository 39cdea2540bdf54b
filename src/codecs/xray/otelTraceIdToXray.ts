import { PipelineError } from '../../errors.js';

const OTEL_TRACE_ID = /^[0-9a-fA-F]{32}$/;

/**
 * A 32-hex OpenTelemetry trace id as an X-Ray one, `1-{8 hex}-{24 hex}`, lower-case. The epoch is
 * not checked here; see createTraceIdFixer. Throws SB_MALFORMED for anything but 32 hex digits.
 */
export function otelTraceIdToXray(hex32: string): string {
  if (!OTEL_TRACE_ID.test(hex32)) throw new PipelineError('SB_MALFORMED', `trace id ${JSON.stringify(hex32)}: expected 32 hex digits`);
  const hex = hex32.toLowerCase();
  return `1-${hex.slice(0, 8)}-${hex.slice(8)}`;
}
