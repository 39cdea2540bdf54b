import { PipelineError } from '../errors.js';

/** Where a page of search results ended: the last trace returned, in (start, trace id) order, newest first. */
export interface SearchPosition {
  startNanos: bigint;
  traceId: string;
}

/** The opaque `nextCursor` of TraceSearchResult: base64url of `<start nanos>:<trace id>`. */
export function encodeSearchCursor(p: SearchPosition): string {
  return Buffer.from(`${p.startNanos}:${p.traceId}`, 'utf8').toString('base64url');
}

export function decodeSearchCursor(cursor: string): SearchPosition {
  const m = /^(-?\d{1,20}):([0-9a-f]{32})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (m === null) throw new PipelineError('SB_MALFORMED', 'cursor: not a cursor this store returned');
  return { startNanos: BigInt(m[1] as string), traceId: m[2] as string };
}

/** True when a trace at (startNanos, traceId) comes after `p` in newest-first order. */
export function isAfter(p: SearchPosition, startNanos: bigint, traceId: string): boolean {
  return startNanos < p.startNanos || (startNanos === p.startNanos && traceId < p.traceId);
}
