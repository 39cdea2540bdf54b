import { XRAY_TRACE_ID } from '../../codecs/xray/xrayAttributeNames.js';
import type { TraceBatch } from '../../model/span.js';
import type { StoreReader } from '../../store/store.js';

const XRAY_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;

/**
 * The stored trace an X-Ray trace id names, or undefined (also for an id of another shape). Traces are stored under
 * their OpenTelemetry id: the plain conversion, or, for a trace whose epoch the exporter rewrote, the original id,
 * with the X-Ray id kept in the span attribute `aws.xray.trace_id` (src/codecs/xray README) and found through it.
 */
export async function findStoredTrace(reader: StoreReader, xrayTraceId: string): Promise<TraceBatch | undefined> {
  const id = xrayTraceId.toLowerCase();
  if (!XRAY_ID.test(id)) return undefined;
  const direct = await reader.getTrace(id.slice(2, 10) + id.slice(11));
  if (direct !== undefined) return direct;
  const found = await reader.findTraces({ attributes: [{ key: XRAY_TRACE_ID, op: 'equals', value: id }], limit: 1 });
  const traceId = found.traces[0]?.traceId;
  return traceId === undefined ? undefined : reader.getTrace(traceId);
}
