import { useState } from 'react';
import { formatDuration, formatPercent } from '../../model/format.js';
import type { MeshTiming } from '../../model/meshTime.js';
import type { Trace } from '../../model/trace.js';

const FIRST_HOPS = 8;

interface Props {
  trace: Trace;
  mesh: MeshTiming;
  onSelect: (index: number) => void;
}

/** Per hop through the mesh: application time against mesh time (model/meshTime.ts). Longest mesh time first. */
export function MeshHops({ trace, mesh, onSelect }: Props) {
  const [all, setAll] = useState(false);
  const hops = [...mesh.hops].sort((a, b) => b.mesh - a.mesh);
  const shown = all ? hops : hops.slice(0, FIRST_HOPS);
  return (
    <details className="mesh-hops" open>
      <summary>
        Mesh hops <span className="hint">application time vs mesh time per sidecar hop</span>
      </summary>
      <table className="data-table" data-testid="mesh-hops">
        <thead>
          <tr>
            <th>Hop</th>
            <th>Sidecar span</th>
            <th className="num">Total</th>
            <th className="num">Application</th>
            <th className="num">Mesh</th>
            <th>Split</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((h) => (
            <tr key={h.spanIndex}>
              <td>
                {h.from ?? <span className="hint">incoming</span>} → {h.to}
              </td>
              <td>
                <button type="button" className="link-button" onClick={() => onSelect(h.spanIndex)}>
                  {trace.spans[h.spanIndex].name}
                </button>
              </td>
              <td className="num">{formatDuration(h.total)}</td>
              <td className="num">{formatDuration(h.app)}</td>
              <td className="num mesh-value">{formatDuration(h.mesh)}</td>
              <td>
                <span className="split-bar" title={`mesh ${formatPercent(h.mesh, h.total)}`}>
                  <span className="split-app" style={{ width: h.total > 0 ? `${(h.app / h.total) * 100}%` : '0%' }} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {hops.length > FIRST_HOPS && (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${hops.length} hops`}
        </button>
      )}
    </details>
  );
}
