import { useCallback, useMemo, useState } from 'react';
import { computeCriticalPath } from '../../model/criticalPath.js';
import { computeMeshTiming } from '../../model/meshTime.js';
import type { Trace } from '../../model/trace.js';
import { allParents, revealSpan, visibleRows } from '../../model/visibleRows.js';
import { computeWaterfallLayout } from '../../model/waterfallLayout.js';
import { navigate } from '../../routing/navigation.js';
import { traceHref } from '../../routing/route.js';
import { MeshHops } from './MeshHops.js';
import { serviceColors } from './serviceColors.js';
import { SpanDetails } from './SpanDetails.js';
import { TraceHeader } from './TraceHeader.js';
import { Waterfall } from './Waterfall.js';

interface Props {
  trace: Trace;
  /** The span to select and scroll to (deep link `?span=`). */
  spanId: string | undefined;
}

/** One trace: header, mesh hops, the waterfall and the selected span's details. Layout is computed once per trace. */
export function TraceView({ trace, spanId }: Props) {
  const critical = useMemo(() => computeCriticalPath(trace), [trace]);
  const mesh = useMemo(() => computeMeshTiming(trace), [trace]);
  const layout = useMemo(() => computeWaterfallLayout(trace, critical, mesh), [trace, critical, mesh]);
  const colors = useMemo(() => serviceColors(trace.services), [trace]);
  const selected = spanId === undefined ? -1 : (trace.spanIndexById.get(spanId) ?? -1);

  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const [showCritical, setShowCritical] = useState(true);
  // A newly selected span (deep link, back/forward, a hop or parent link) is revealed once; the user may then
  // collapse its ancestors again.
  const [revealed, setRevealed] = useState(-1);
  if (revealed !== selected) {
    setRevealed(selected);
    if (selected !== -1) setCollapsed((c) => revealSpan(trace, c, selected));
  }
  const rows = useMemo(() => visibleRows(trace, collapsed), [trace, collapsed]);

  const toggle = useCallback(
    (index: number) =>
      setCollapsed((c) => {
        const next = new Set(c);
        if (next.has(index)) next.delete(index);
        else next.add(index);
        return next;
      }),
    [],
  );
  const select = useCallback(
    (index: number) => navigate(traceHref(trace.traceId, index === -1 ? undefined : trace.spans[index].spanId), { replace: true }),
    [trace],
  );

  return (
    <div className="trace-page">
      <TraceHeader trace={trace} mesh={mesh} />
      {mesh.hops.length > 0 && <MeshHops trace={trace} mesh={mesh} onSelect={select} />}
      <div className="trace-toolbar">
        <button type="button" onClick={() => setCollapsed(new Set())}>Expand all</button>
        <button type="button" onClick={() => setCollapsed(allParents(trace))}>Collapse all</button>
        <label className="toggle">
          <input type="checkbox" checked={showCritical} onChange={(e) => setShowCritical(e.target.checked)} />
          Highlight critical path
        </label>
        <span className="legend">
          <span className="legend-swatch swatch-critical" /> critical path
          <span className="legend-swatch swatch-mesh" /> mesh time (sidecar)
          <span className="legend-swatch swatch-error" /> error
        </span>
        <span className="row-count" data-testid="row-count">{rows.length} of {trace.spans.length} spans shown</span>
      </div>
      <div className={selected === -1 ? 'trace-body' : 'trace-body with-details'}>
        <Waterfall
          trace={trace}
          rows={rows}
          layout={layout}
          colors={colors}
          collapsed={collapsed}
          showCritical={showCritical}
          selected={selected}
          onToggle={toggle}
          onSelect={select}
        />
        {selected !== -1 && (
          <SpanDetails key={selected} trace={trace} span={trace.spans[selected]} mesh={mesh} critical={critical} onSelect={select} onClose={() => select(-1)} />
        )}
      </div>
    </div>
  );
}
