import type { Interval } from './intervals.js';
import { clipIntervals, totalLength, unionIntervals } from './intervals.js';
import type { Nanos } from './time.js';
import { nanos } from './time.js';
import type { Trace, TraceSpan } from './trace.js';

/** How a sidecar span's time splits between the application it fronts and the mesh itself. */
export interface MeshSplit {
  /** Time covered by application spans under the sidecar span. */
  readonly app: Nanos;
  /** The sidecar span's duration minus `app`. */
  readonly mesh: Nanos;
  /** The covered stretches (offsets from the trace start), sorted and disjoint. */
  readonly appIntervals: readonly Interval[];
}

/** One hop through the mesh: an outermost sidecar span (its parent is not a sidecar span) and what it fronts. */
export interface MeshHop {
  readonly spanIndex: number;
  /** The calling service; undefined when the hop starts the trace (a request from outside the mesh). */
  readonly from: string | undefined;
  readonly to: string;
  readonly total: Nanos;
  readonly app: Nanos;
  readonly mesh: Nanos;
}

export interface MeshTiming {
  /** For every sidecar span (`isProxy`). */
  readonly bySpan: ReadonlyMap<number, MeshSplit>;
  readonly hops: readonly MeshHop[];
  /** Sum of the hops' mesh time. */
  readonly totalMesh: Nanos;
}

/**
 * Mesh time of a sidecar span = its duration minus the time covered by its application child spans
 * (docs/zipkin-mesh.md, "Proxy marking"). A sidecar's sidecar children belong to the same hop (an outbound Envoy span's
 * child is the callee's inbound Envoy span, whose child is the callee's application span), so the application spans are
 * found by looking through sidecar children down to the nearest non-sidecar spans. Computed bottom-up once: O(n log n).
 */
export function computeMeshTiming(trace: Trace): MeshTiming {
  const { spans } = trace;
  const covered = new Map<number, Interval[]>();
  // Children follow their parent in Trace.spans, so walking backwards sees every child before its parent.
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i];
    if (!s.isProxy) continue;
    const parts: Interval[] = [];
    for (const c of s.childIndexes) {
      const child = spans[c];
      if (child.isProxy) parts.push(...(covered.get(c) ?? []));
      else parts.push([child.offset, child.offset + child.duration]);
    }
    covered.set(i, unionIntervals(clipIntervals(parts, s.offset, s.offset + s.duration)));
  }

  const bySpan = new Map<number, MeshSplit>();
  for (const [i, appIntervals] of covered) {
    const app = totalLength(appIntervals);
    bySpan.set(i, { app: nanos(app), mesh: nanos(Math.max(0, spans[i].duration - app)), appIntervals });
  }

  const hops: MeshHop[] = [];
  let totalMesh = 0;
  for (const s of spans) {
    if (!s.isProxy || (s.parentIndex !== -1 && spans[s.parentIndex].isProxy)) continue;
    const split = bySpan.get(s.index) as MeshSplit;
    hops.push({
      spanIndex: s.index,
      from: s.parentIndex === -1 ? undefined : spans[s.parentIndex].service,
      to: hopTarget(spans, s),
      total: s.duration,
      app: split.app,
      mesh: split.mesh,
    });
    totalMesh += split.mesh;
  }
  return { bySpan, hops, totalMesh: nanos(totalMesh) };
}

const PEER_KEYS = ['peer.service', 'server.address'];

/**
 * Where a hop goes: the service of the innermost sidecar span in the chain when the chain crosses into another
 * sidecar (outbound -> inbound), else the span's peer (`peer.service`, `server.address`) or its own service.
 */
function hopTarget(spans: readonly TraceSpan[], outer: TraceSpan): string {
  let inner = outer;
  for (;;) {
    const next = inner.childIndexes.map((c) => spans[c]).find((c) => c.isProxy);
    if (next === undefined) break;
    inner = next;
  }
  if (inner !== outer) return inner.service;
  for (const key of PEER_KEYS) {
    const peer = outer.attributes.find((a) => a.key === key);
    if (peer !== undefined && peer.text !== '') return peer.text;
  }
  return outer.service;
}
