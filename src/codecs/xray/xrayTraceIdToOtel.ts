import { PipelineError } from '../../errors.js';

/**
 * Version 1, then 8 and 24 hex digits, case-insensitive; anything else is refused, not read by position as contrib
 * does.
 */
const XRAY_TRACE_ID = /^1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}$/;

/** An X-Ray trace id `1-{8 hex}-{24 hex}` as 32 lower-case hex digits. Throws SB_MALFORMED for any other shape. */
export function xrayTraceIdToOtel(id: string): string {
  if (!XRAY_TRACE_ID.test(id)) throw new PipelineError('SB_MALFORMED', `X-Ray trace id ${JSON.stringify(id)}: expected 1-{8 hex}-{24 hex}`);
  return (id.slice(2, 10) + id.slice(11)).toLowerCase();
}
