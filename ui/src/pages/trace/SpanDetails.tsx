import type { CriticalPath } from '../../model/criticalPath.js';
import { formatDuration, formatTimestamp } from '../../model/format.js';
import type { MeshTiming } from '../../model/meshTime.js';
import { nanos, nanosBetween } from '../../model/time.js';
import type { Trace, TraceSpan } from '../../model/trace.js';
import { Link } from '../../routing/Link.js';
import { traceHref } from '../../routing/route.js';
import { AttributeTable } from './AttributeTable.js';

interface Props {
  trace: Trace;
  span: TraceSpan;
  mesh: MeshTiming;
  critical: CriticalPath;
  onSelect: (index: number) => void;
  onClose: () => void;
}

/** Everything about one span: identity and timing, mesh split, attributes, events, links, resource and scope. */
export function SpanDetails({ trace, span: s, mesh, critical, onSelect, onClose }: Props) {
  const split = mesh.bySpan.get(s.index);
  const onPath = (critical.bySpan.get(s.index) ?? []).reduce((sum, seg) => sum + (seg.end - seg.start), 0);
  const parent = s.parentIndex === -1 ? undefined : trace.spans[s.parentIndex];
  return (
    <aside className="span-details" aria-label="Span details" data-span-id={s.spanId}>
      <header className="details-header">
        <h2>
          <span className="service-name">{s.service}</span>: {s.name}
        </h2>
        <button type="button" className="icon" aria-label="Close span details" onClick={onClose}>
          ×
        </button>
      </header>
      <dl className="details-facts">
        <dt>Span id</dt>
        <dd className="mono">{s.spanId}</dd>
        <dt>Parent</dt>
        <dd className="mono">
          {parent !== undefined ? (
            <button type="button" className="link-button" onClick={() => onSelect(parent.index)}>
              {parent.spanId} ({parent.name})
            </button>
          ) : s.parentSpanId !== '' ? (
            <span title="The parent span is not in this trace">{s.parentSpanId} (missing)</span>
          ) : (
            'root'
          )}
        </dd>
        <dt>Kind</dt>
        <dd>{s.kind}</dd>
        <dt>Status</dt>
        <dd className={s.isError ? 'error-text' : undefined}>
          {s.status.code}
          {s.status.message !== '' && ` — ${s.status.message}`}
        </dd>
        <dt>Start</dt>
        <dd>
          +{formatDuration(s.offset)} <span className="hint">({formatTimestamp(s.start)})</span>
        </dd>
        <dt>Duration</dt>
        <dd>{formatDuration(s.duration)}</dd>
        <dt>Critical path</dt>
        <dd>{onPath > 0 ? formatDuration(nanos(onPath)) : 'not on it'}</dd>
        {s.traceState !== '' && (
          <>
            <dt>Trace state</dt>
            <dd className="mono">{s.traceState}</dd>
          </>
        )}
      </dl>
      {split !== undefined && (
        <section className="details-section mesh-split" data-testid="mesh-split">
          <h3>Sidecar span</h3>
          <p>
            Application <strong>{formatDuration(split.app)}</strong> · mesh <strong className="mesh-value">{formatDuration(split.mesh)}</strong>
          </p>
          <p className="hint">Mesh time is this span's duration minus the time covered by the application spans under it.</p>
        </section>
      )}
      <section className="details-section">
        <h3>Attributes ({s.attributes.length})</h3>
        <AttributeTable attributes={s.attributes} label="Attributes" />
      </section>
      <section className="details-section">
        <h3>Events ({s.events.length})</h3>
        {s.events.length === 0 ? (
          <p className="hint">No events.</p>
        ) : (
          <ol className="event-list">
            {s.events.map((e, i) => (
              <li key={i}>
                <div>
                  <span className="event-time">+{formatDuration(nanosBetween(s.start, e.time))}</span> <strong>{e.name}</strong>
                </div>
                {e.attributes.length > 0 && <AttributeTable attributes={e.attributes} label="Event attributes" />}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="details-section">
        <h3>Links ({s.links.length})</h3>
        {s.links.length === 0 ? (
          <p className="hint">No links.</p>
        ) : (
          <ul className="link-list">
            {s.links.map((l, i) => (
              <li key={i}>
                <Link href={traceHref(l.traceId, l.spanId)} className="mono">
                  {l.traceId} / {l.spanId}
                </Link>
                {l.attributes.length > 0 && <AttributeTable attributes={l.attributes} label="Link attributes" />}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="details-section">
        <h3>Resource</h3>
        <AttributeTable attributes={s.resource.attributes} label="Resource attributes" />
        {s.resource.schemaUrl !== '' && <p className="hint">Schema {s.resource.schemaUrl}</p>}
      </section>
      <section className="details-section">
        <h3>Instrumentation scope</h3>
        <p>{s.scope.name === '' ? <span className="hint">none</span> : `${s.scope.name}${s.scope.version ? ` ${s.scope.version}` : ''}`}</p>
      </section>
    </aside>
  );
}
