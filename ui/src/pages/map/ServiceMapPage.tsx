import { useState } from 'react';
import { getDependencies } from '../../api/client.js';
import { Empty, Failure, Loading } from '../../components/StateViews.js';
import { useAsync } from '../../components/useAsync.js';
import type { ServiceEdge, ServiceNode } from '../../model/dependencies.js';
import { EMPTY_QUERY } from '../../model/searchQuery.js';
import { unixMillis } from '../../model/time.js';
import { navigate } from '../../routing/navigation.js';
import type { MapWindow } from '../../routing/route.js';
import { MAP_WINDOWS, mapHref, searchHref } from '../../routing/route.js';
import { ServiceMapSvg } from './ServiceMapSvg.js';

const WINDOW_MILLIS: Record<MapWindow, number> = { '15m': 15 * 60_000, '1h': 3_600_000, '6h': 6 * 3_600_000, '24h': 24 * 3_600_000, '7d': 7 * 24 * 3_600_000 };

/** Search for the traces behind a node: its own spans, or for a virtual node (no spans of its own) its callers' calls. */
function nodeSearch(node: ServiceNode, edges: readonly ServiceEdge[], window: MapWindow): string {
  if (!node.virtual) return searchHref({ ...EMPTY_QUERY, service: node.name, lookback: window });
  const caller = edges.find((e) => e.child === node.name)?.parent;
  return searchHref({ ...EMPTY_QUERY, service: caller, spanKind: caller ? 'CLIENT' : undefined, lookback: window });
}

/** Search for the traces behind an edge: the callee's spans in traces that pass through the caller. */
function edgeSearch(edge: ServiceEdge, window: MapWindow): string {
  if (edge.virtual) return searchHref({ ...EMPTY_QUERY, service: edge.parent, spanKind: 'CLIENT', lookback: window });
  return searchHref({ ...EMPTY_QUERY, service: edge.child, lookback: window, via: edge.parent === edge.child ? undefined : edge.parent });
}

export function ServiceMapPage({ window }: { window: MapWindow }) {
  const [run, setRun] = useState(0);
  const windowMillis = WINDOW_MILLIS[window];
  const graph = useAsync(
    (signal) => {
      const now = Date.now();
      return getDependencies(unixMillis(now - windowMillis), unixMillis(now), signal);
    },
    [windowMillis, run],
  );
  return (
    <div className="map-page">
      <div className="map-toolbar">
        <h1>Service map</h1>
        <label>
          Window
          <select name="window" value={window} onChange={(e) => navigate(mapHref(e.target.value as MapWindow))}>
            {MAP_WINDOWS.map((w) => (
              <option key={w} value={w}>Last {w}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setRun((r) => r + 1)}>Refresh</button>
        <span className="legend">
          <span className="legend-swatch health-ok" /> healthy
          <span className="legend-swatch health-error" /> errors (4xx)
          <span className="legend-swatch health-throttle" /> throttled (429)
          <span className="legend-swatch health-fault" /> faults (5xx)
          <span className="legend-swatch health-virtual" /> no spans of its own
        </span>
      </div>
      {graph.status === 'loading' && <Loading what="the service map" />}
      {graph.status === 'error' && <Failure title="The service map could not be loaded" error={graph.error} />}
      {graph.status === 'ok' && graph.value.edges.length === 0 && graph.value.nodes.length === 0 && (
        <Empty title={`No calls between services in the last ${window}`}>Edges appear as soon as traces with client and server spans arrive.</Empty>
      )}
      {graph.status === 'ok' && (graph.value.edges.length > 0 || graph.value.nodes.length > 0) && (
        <ServiceMapSvg
          graph={graph.value}
          windowSeconds={windowMillis / 1000}
          onNode={(n) => navigate(nodeSearch(n, graph.value.edges, window))}
          onEdge={(e) => navigate(edgeSearch(e, window))}
        />
      )}
    </div>
  );
}
