import type { EdgeLabel, GraphLabel, NodeLabel } from '@dagrejs/dagre';
import { Graph, layout } from '@dagrejs/dagre';
import type { DependencyGraph, ServiceEdge, ServiceNode } from './dependencies.js';
import type { Point, SmoothCurve } from './smoothPath.js';
import { routeEdges } from './serviceMapRoutes.js';
import { curvePathData, smoothCurve } from './smoothPath.js';

export interface PlacedNode {
  readonly node: ServiceNode;
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
}

export interface PlacedEdge {
  readonly edge: ServiceEdge;
  /** The route from the parent's border to the child's border. */
  readonly points: readonly Point[];
  /** The smooth curve through `points` that is drawn, and its SVG path data. */
  readonly curve: SmoothCurve;
  readonly path: string;
  /** Centre of the space kept free for the label: its first line goes above this point, the second below. */
  readonly labelX: number;
  readonly labelY: number;
}

export interface MapLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly width: number;
  readonly height: number;
  readonly nodeWidth: number;
  readonly nodeHeight: number;
}

export interface MapLayoutOptions {
  readonly nodeWidth: number;
  readonly nodeHeight: number;
  /** Twice the horizontal space between a column of nodes and the column of edge labels beside it (dagre halves it). */
  readonly rankGap: number;
  /** Vertical space between two nodes, and between an edge and anything else. */
  readonly nodeGap: number;
  readonly edgeGap: number;
  readonly margin: number;
  /** Label text metrics (an 11px sans-serif font). */
  readonly labelCharWidth: number;
  readonly labelLineHeight: number;
}

const DEFAULTS: MapLayoutOptions = {
  nodeWidth: 180,
  nodeHeight: 58,
  rankGap: 120,
  nodeGap: 44,
  edgeGap: 24,
  margin: 40,
  labelCharWidth: 5.8,
  labelLineHeight: 14,
};

/** How far a self-call's loop rises above its node, and the room its label needs above that. */
const LOOP_RISE = 36;
const LOOP_LABEL_ROOM = 30;

/**
 * Lays the map out left to right with dagre: callers rank before callees, nodes in a rank are ordered to reduce
 * crossings, and dagre keeps a lane free for every edge, with room for its label, so an edge that skips ranks passes
 * beside the nodes in between rather than through them. Edges that close a cycle get a lane running back. The
 * routes drawn are built on dagre's bend points (serviceMapRoutes.ts) and drawn as smooth curves (smoothPath.ts).
 * dagre 3 gives a self-call a degenerate zig-zag in this direction, so one is drawn as a loop over its node's top
 * right corner (the native API sends none, a call inside one service being no edge, but the map draws one if it comes).
 *
 * `labelLines` gives the text drawn on each edge (at most two lines), so each label gets the room it needs.
 * Deterministic: nodes and edges go to dagre sorted by name, so the API's order does not matter.
 */
export function layoutServiceMap(
  graph: DependencyGraph,
  labelLines: (edge: ServiceEdge) => readonly string[],
  options: Partial<MapLayoutOptions> = {},
): MapLayout {
  const o = { ...DEFAULTS, ...options };
  const nodes = collectNodes(graph);
  const names = [...nodes.keys()].sort();
  const edges = [...graph.edges].sort((a, b) => compare(a.parent, b.parent) || compare(a.child, b.child));
  const selfCalls = edges.some((e) => e.parent === e.child);

  const g = new Graph<GraphLabel, NodeLabel, EdgeLabel>();
  g.setGraph({
    rankdir: 'LR',
    ranksep: o.rankGap,
    nodesep: o.nodeGap,
    edgesep: o.edgeGap,
    marginx: o.margin,
    marginy: o.margin + (selfCalls ? LOOP_RISE + LOOP_LABEL_ROOM : 0),
  });
  for (const name of names) g.setNode(name, { width: o.nodeWidth, height: o.nodeHeight });
  for (const e of edges) {
    if (e.parent === e.child) continue;
    const lines = labelLines(e);
    const longest = Math.max(0, ...lines.map((l) => l.length));
    g.setEdge(e.parent, e.child, { width: Math.ceil(longest * o.labelCharWidth) + 8, height: 2 * o.labelLineHeight + 8, labelpos: 'c' });
  }
  layout(g);

  const placed = new Map<string, PlacedNode>();
  for (const name of names) {
    const n = g.node(name);
    placed.set(name, { node: nodes.get(name) as ServiceNode, x: (n.x ?? 0) - o.nodeWidth / 2, y: (n.y ?? 0) - o.nodeHeight / 2 });
  }
  const routes = routeEdges(
    edges
      .filter((e) => e.parent !== e.child)
      .map((e) => {
        const label = g.edge(e.parent, e.child);
        return { edge: e, via: label.points ?? [], label: { x: label.x ?? 0, y: label.y ?? 0 }, labelWidth: label.width ?? 0 };
      }),
    placed,
    o,
  );
  const placedEdges = edges.map((e): PlacedEdge => {
    if (e.parent === e.child) return selfLoop(e, placed.get(e.parent) as PlacedNode, o);
    const label = g.edge(e.parent, e.child);
    const points = routes.get(e) as Point[];
    const curve = smoothCurve(points);
    return { edge: e, points, curve, path: curvePathData(curve), labelX: label.x ?? 0, labelY: label.y ?? 0 };
  });
  const size = g.graph();
  return {
    nodes: names.map((n) => placed.get(n) as PlacedNode),
    edges: placedEdges,
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    nodeWidth: o.nodeWidth,
    nodeHeight: o.nodeHeight,
  };
}

function selfLoop(edge: ServiceEdge, at: PlacedNode, o: MapLayoutOptions): PlacedEdge {
  const left = at.x + o.nodeWidth - 64;
  const right = at.x + o.nodeWidth - 16;
  const top = at.y;
  const points = [{ x: left, y: top }, { x: right, y: top }];
  const curve = { start: points[0], pieces: [{ c1: { x: left, y: top - LOOP_RISE }, c2: { x: right, y: top - LOOP_RISE }, to: points[1] }] };
  return { edge, points, curve, path: curvePathData(curve), labelX: (left + right) / 2, labelY: top - LOOP_RISE - o.labelLineHeight };
}

function collectNodes(graph: DependencyGraph): Map<string, ServiceNode> {
  const out = new Map<string, ServiceNode>();
  for (const n of graph.nodes) out.set(n.name, n);
  const blank = (name: string, virtual: boolean): ServiceNode => ({ name, virtual, callsIn: 0, errorsIn: 0, faultsIn: 0, throttlesIn: 0 });
  for (const e of graph.edges) {
    if (!out.has(e.parent)) out.set(e.parent, blank(e.parent, false));
    if (!out.has(e.child)) out.set(e.child, blank(e.child, e.virtual));
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
