// v1 core annotations inside v2 spans (specs/zipkin-mesh.md sections 7.3 and 7.4): Envoy adds `ss`/`cr`, and spans
// read back from v1 storage carry `cs`/`sr`/`cr`/`ss` with no `kind`.
import type { ZipkinAnnotation, ZipkinKind, ZipkinSpan } from './zipkinSpan.js';

const CORE: ReadonlySet<string> = new Set(['cs', 'cr', 'sr', 'ss', 'ms', 'mr', 'ws', 'wr']);

type Markers = Partial<Record<string, ZipkinAnnotation>>;

/**
 * Uses core annotations as timing markers, not events: a missing `kind` comes from them (`cs`/`cr` CLIENT, `sr`/`ss`
 * SERVER, `ms` PRODUCER, `mr` CONSUMER), a missing timestamp from the start marker and a missing duration from start
 * to end. A span holding both client and server markers is split like Zipkin's v1 converter does (section 1.3 rule
 * 4): the client keeps the span's timing, the server half is `shared` and timed `sr`..`ss`. Markers are dropped once
 * the span has a timestamp; a span still without one keeps them as annotations so their times are not lost.
 */
export function applyCoreAnnotations(span: ZipkinSpan): ZipkinSpan[] {
  if (span.annotations.length === 0) return [span];
  const markers: Markers = {};
  for (const a of span.annotations) if (CORE.has(a.value)) markers[a.value] ??= a;
  if (Object.keys(markers).length === 0) return [span];
  const { cs, cr, sr, ss } = markers;
  if (span.kind === undefined && (cs || cr) && (sr || ss)) {
    const server: ZipkinSpan = { ...span, kind: 'SERVER', shared: true, annotations: span.annotations.filter((a) => a === sr || a === ss), tags: new Map(span.tags) };
    delete server.timestamp;
    delete server.duration;
    delete server.remoteEndpoint;
    const serverMarkers = { sr, ss };
    const clientMarkers: Markers = { ...markers, sr: undefined, ss: undefined };
    return [timed({ ...span, kind: 'CLIENT' }, clientMarkers, 'CLIENT'), timed(server, serverMarkers, 'SERVER')];
  }
  const kind = span.kind ?? (cs || cr ? 'CLIENT' : sr || ss ? 'SERVER' : markers.ms ? 'PRODUCER' : markers.mr ? 'CONSUMER' : undefined);
  const out: ZipkinSpan = { ...span };
  if (kind !== undefined) out.kind = kind;
  return [timed(out, markers, kind)];
}

/**
 * Fills timestamp/duration from the markers of `kind` and drops core annotations from `span.annotations`, except the
 * ones in `markers` when no timestamp results.
 */
function timed(span: ZipkinSpan, markers: Markers, kind: ZipkinKind | undefined): ZipkinSpan {
  const [start, end] = kind === 'CLIENT' ? [markers.cs, markers.cr] : kind === 'SERVER' ? [markers.sr, markers.ss] : kind === 'PRODUCER' ? [markers.ms, markers.ws] : kind === 'CONSUMER' ? [markers.wr ?? markers.mr, markers.wr ? markers.mr : undefined] : [undefined, undefined];
  if (span.timestamp === undefined && start) span.timestamp = start.timestamp;
  if (span.timestamp === undefined && end && span.duration !== undefined && end.timestamp > span.duration) span.timestamp = end.timestamp - span.duration;
  if (span.duration === undefined && start && end && end.timestamp > start.timestamp) span.duration = end.timestamp - start.timestamp;
  const keep = span.timestamp === undefined ? new Set(Object.values(markers)) : new Set();
  span.annotations = span.annotations.filter((a) => !CORE.has(a.value) || keep.has(a));
  return span;
}
