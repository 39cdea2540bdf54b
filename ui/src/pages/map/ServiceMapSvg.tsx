import type { KeyboardEvent } from 'react';
import { useMemo } from 'react';
import type { DependencyGraph, Health, ServiceEdge, ServiceNode } from '../../model/dependencies.js';
import { edgeHealth, edgeProblems, edgeTraffic, nodeHealth } from '../../model/dependencies.js';
import { formatRate } from '../../model/format.js';
import { LABEL_BASELINES, layoutServiceMap } from '../../model/serviceMapLayout.js';

const HEALTH_COLOURS: Record<Health, string> = { ok: '#2e9d57', error: '#e08a00', throttle: '#8e44ad', fault: '#d0312d', idle: '#8a94a6' };
const HEALTHS: readonly Health[] = ['ok', 'error', 'throttle', 'fault', 'idle'];

interface Props {
  graph: DependencyGraph;
  windowSeconds: number;
  onNode: (node: ServiceNode) => void;
  onEdge: (edge: ServiceEdge) => void;
}

function onActivate(action: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      action();
    }
  };
}

/** The map as SVG: nodes and edges as dagre lays them out, coloured by the worst outcome, labelled with rate and p50/p99. */
export function ServiceMapSvg({ graph, windowSeconds, onNode, onEdge }: Props) {
  const layout = useMemo(
    () => layoutServiceMap(graph, (e) => [edgeTraffic(e, windowSeconds), edgeProblems(e)].filter((line) => line !== '')),
    [graph, windowSeconds],
  );
  const maxCalls = Math.max(1, ...graph.edges.map((e) => e.callCount));
  return (
    <div className="map-canvas">
      <svg
        className="service-map"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
        role="img"
        aria-label={`Service map with ${layout.nodes.length} services and ${layout.edges.length} edges`}
      >
        <defs>
          {HEALTHS.map((h) => (
            <marker key={h} id={`arrow-${h}`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill={HEALTH_COLOURS[h]} />
            </marker>
          ))}
        </defs>
        {layout.edges.map((pe) => {
          const e = pe.edge;
          const health = edgeHealth(e);
          const problems = edgeProblems(e);
          const label = edgeTraffic(e, windowSeconds);
          return (
            <g
              key={`${e.parent}->${e.child}`}
              className={`map-edge health-${health}`}
              data-edge={`${e.parent}->${e.child}`}
              role="link"
              tabIndex={0}
              aria-label={`${e.parent} calls ${e.child}: ${e.callCount} calls, ${label}${problems ? `, ${problems}` : ''}`}
              onClick={() => onEdge(e)}
              onKeyDown={onActivate(() => onEdge(e))}
            >
              <title>{`${e.parent} → ${e.child}\n${e.callCount} calls, ${e.errorCount} errors, ${e.faultCount} faults, ${e.throttleCount} throttled`}</title>
              <path className="edge-hit" d={pe.path} />
              <path
                className="edge-line"
                d={pe.path}
                stroke={HEALTH_COLOURS[health]}
                strokeWidth={1.5 + 3 * Math.log10(1 + (9 * e.callCount) / maxCalls)}
                strokeDasharray={e.virtual ? '6 4' : undefined}
                markerEnd={`url(#arrow-${health})`}
              />
              <text className="edge-label" x={pe.labelX} y={pe.labelY + LABEL_BASELINES[0]} textAnchor="middle">
                {label}
              </text>
              {problems !== '' && (
                <text className="edge-label edge-problems" x={pe.labelX} y={pe.labelY + LABEL_BASELINES[1]} textAnchor="middle" fill={HEALTH_COLOURS[health]}>
                  {problems}
                </text>
              )}
            </g>
          );
        })}
        {layout.nodes.map((pn) => {
          const n = pn.node;
          const health = nodeHealth(n);
          return (
            <g
              key={n.name}
              className={`map-node health-${health}${n.virtual ? ' virtual' : ''}`}
              data-node={n.name}
              transform={`translate(${pn.x} ${pn.y})`}
              role="link"
              tabIndex={0}
              aria-label={`${n.name}: ${n.callsIn} calls in`}
              onClick={() => onNode(n)}
              onKeyDown={onActivate(() => onNode(n))}
            >
              <title>{`${n.name}${n.virtual ? ' (no spans of its own)' : ''}\n${n.callsIn} calls in, ${n.errorsIn} errors, ${n.faultsIn} faults, ${n.throttlesIn} throttled`}</title>
              <rect width={layout.nodeWidth} height={layout.nodeHeight} rx="8" stroke={HEALTH_COLOURS[health]} strokeDasharray={n.virtual ? '5 4' : undefined} />
              <text className="node-name" x={layout.nodeWidth / 2} y={24} textAnchor="middle">
                {n.name.length > 22 ? `${n.name.slice(0, 21)}…` : n.name}
              </text>
              <text className="node-stats" x={layout.nodeWidth / 2} y={43} textAnchor="middle">
                {n.callsIn > 0 ? `${formatRate(n.callsIn / windowSeconds)} in · ${n.callsIn} calls` : 'entry point'}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
