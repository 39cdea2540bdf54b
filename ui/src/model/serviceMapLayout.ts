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
  /** Centre of the space kept free for the label; its lines' baselines are LABEL_BASELINES from here. */
  readonly labelX: number;
  readonly labelY: number;
}

/**
 * An edge label is up to two lines of 11px text in a box LABEL_HEIGHT tall centred on its point; the lines' baselines
 * are LABEL_BASELINES from the point: the first just above the route, the second just below.
 */
export const LABEL_BASELINES = [-7, 15] as const;
const LABEL_HEIGHT = 36;

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
  /** The mean width of a character of label text (an 11px sans-serif font). */
  readonly labelCharWidth: number;
}

const DEFAULTS: MapLayoutOptions = {
  nodeWidth: 180,
  nodeHeight: 58,
  rankGap: 120,
  nodeGap: 44,
  edgeGap: 24,
  margin: 40,
  labelCharWidth: 5.8,
};

/** How far a self-call's loop rises above its node, and the room kept above a node with one for loop and label. */
const LOOP_RISE = 36;
const LOOP_ROOM = 84;

/**
 * Lays the map out left to right with dagre: callers rank before callees, nodes in a rank are ordered to reduce
 * crossings, and dagre keeps a lane free for every edge, with room for its label, so an edge that skips ranks passes
 * beside the nodes in between rather than through them. Edges that close a cycle get a lane running back. The
 * routes drawn are built on dagre's bend points (serviceMapRoutes.ts) and drawn as smooth curves (smoothPath.ts).
 * dagre 3 gives a self-call a degenerate zig-zag in this direction, so one is drawn as a loop on its node's top, in
 * room kept for it (the native API sends none, a call inside one service being no edge, but the map draws one if it
 * comes).
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
  const looping = new Set(edges.filter((e) => e.parent === e.child).map((e) => e.parent));

  const g = new Graph<GraphLabel, NodeLabel, EdgeLabel>();
  g.setGraph({
    rankdir: 'LR',
    ranksep: o.rankGap,
    nodesep: o.nodeGap,
    edgesep: o.edgeGap,
    marginx: o.margin,
    marginy: o.margin,
  });
  // A node with a self-call is taller to dagre: its box sits at the bottom, its loop and label in the room above.
  const heightOf = (name: string): number => o.nodeHeight + (looping.has(name) ? LOOP_ROOM : 0);
  for (const name of names) g.setNode(name, { width: o.nodeWidth, height: heightOf(name) });
  for (const e of edges) {
    if (e.parent === e.child) continue;
    const lines = labelLines(e);
    const longest = Math.max(0, ...lines.map((l) => l.length));
    g.setEdge(e.parent, e.child, { width: Math.ceil(longest * o.labelCharWidth) + 8, height: LABEL_HEIGHT, labelpos: 'c' });
  }
  layout(g);

  const placed = new Map<string, PlacedNode>();
  for (const name of names) {
    const n = g.node(name);
    placed.set(name, { node: nodes.get(name) as ServiceNode, x: (n.x ?? 0) - o.nodeWidth / 2, y: (n.y ?? 0) + heightOf(name) / 2 - o.nodeHeight });
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

/** A loop on the middle of the node's top, its label (both lines) above it, all in the room dagre kept there. */
function selfLoop(edge: ServiceEdge, at: PlacedNode, o: MapLayoutOptions): PlacedEdge {
  const middle = at.x + o.nodeWidth / 2;
  const top = at.y;
  const points = [{ x: middle - 24, y: top }, { x: middle + 24, y: top }];
  const rise = { c1: { x: points[0].x, y: top - LOOP_RISE }, c2: { x: points[1].x, y: top - LOOP_RISE } };
  const curve = { start: points[0], pieces: [{ ...rise, to: points[1] }] };
  return { edge, points, curve, path: curvePathData(curve), labelX: middle, labelY: top - LOOP_RISE - LABEL_HEIGHT / 2 - 4 };
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
