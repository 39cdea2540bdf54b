import { formatDuration, formatTimestamp } from '../../model/format.js';
import type { MeshTiming } from '../../model/meshTime.js';
import type { Trace } from '../../model/trace.js';
import { Link } from '../../routing/Link.js';
import { compareHref } from '../../routing/route.js';

export function TraceHeader({ trace, mesh }: { trace: Trace; mesh: MeshTiming }) {
  const root = trace.spans[trace.rootIndexes[0] ?? 0];
  return (
    <header className="trace-header">
      <h1>
        <span className="service-name">{root.service}</span>: {root.name}
      </h1>
      <dl className="trace-facts">
        <div>
          <dt>Trace</dt>
          <dd className="mono" data-testid="trace-id">{trace.traceId}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatTimestamp(trace.start)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(trace.duration)}</dd>
        </div>
        <div>
          <dt>Spans</dt>
          <dd data-testid="span-count">{trace.spans.length}</dd>
        </div>
        <div>
          <dt>Services</dt>
          <dd>{trace.services.length}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd className={trace.errorCount > 0 ? 'error-text' : undefined}>{trace.errorCount}</dd>
        </div>
        {mesh.hops.length > 0 && (
          <div>
            <dt>Mesh time</dt>
            <dd title="Sidecar time not covered by application spans, summed over hops (concurrent hops overlap)">
              {formatDuration(mesh.totalMesh)} over {mesh.hops.length} hop{mesh.hops.length === 1 ? '' : 's'}
            </dd>
          </div>
        )}
        {trace.rootIndexes.length > 1 && (
          <div>
            <dt>Roots</dt>
            <dd title="Spans whose parent is not in the trace">{trace.rootIndexes.length}</dd>
          </div>
        )}
      </dl>
      <div className="trace-actions">
        <Link href={compareHref(trace.traceId)}>Compare with another trace…</Link>
      </div>
    </header>
  );
}
