import { isValidTraceId } from '../../model/ids.js';
import type { TraceBatch } from '../../model/span.js';
import type { TraceIdFixer } from './createTraceIdFixer.js';

/**
 * The X-Ray ids the fixer rewrote for a batch, by original trace id: the `xrayTraceIds` option of the codec. Each
 * trace proposes the earliest start among its spans in the batch; trace ids of links are fixed too (with the linking
 * span's start), so a link and its trace agree while the choice is cached. Invalid ids are left to the codec.
 */
export async function fixBatchTraceIds(batch: TraceBatch, fixer: TraceIdFixer): Promise<Map<string, string>> {
  const earliest = new Map<string, bigint>();
  const note = (traceId: string, start: bigint) => {
    if (!isValidTraceId(traceId)) return;
    const seen = earliest.get(traceId);
    if (seen === undefined || (start > 0n && (seen === 0n || start < seen))) earliest.set(traceId, start);
  };
  for (const rs of batch.resourceSpans) {
    for (const ss of rs.scopeSpans) {
      for (const s of ss.spans) {
        note(s.traceId, s.startTimeUnixNano);
        for (const l of s.links) note(l.traceId, s.startTimeUnixNano);
      }
    }
  }
  const fixed = await Promise.all([...earliest].map(async ([traceId, start]) => [traceId, await fixer.fix(traceId, start)] as const));
  const out = new Map<string, string>();
  for (const [traceId, f] of fixed) if (f.originalTraceId !== undefined) out.set(traceId, f.xrayTraceId);
  return out;
}
