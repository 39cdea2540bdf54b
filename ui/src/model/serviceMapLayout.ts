import type { DependencyGraph, ServiceEdge, ServiceNode } from './dependencies.js';

export interface PlacedNode {
  readonly node: ServiceNode;
  readonly layer: number;
  readonly order: number;
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
}

export interface PlacedEdge {
  readonly edge: ServiceEdge;
  /** SVG path data from the parent to the child. */
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
  /** Goes against the layering (part of a cycle, or a self call): drawn as a loop. */
  readonly back: boolean;
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
  readonly layerGap: number;
  readonly rowGap: number;
  readonly margin: number;
}

const DEFAULTS: MapLayoutOptions = { nodeWidth: 180, nodeHeight: 58, layerGap: 240, rowGap: 64, margin: 40 };
const SWEEPS = 4;

/**
 * A layered (Sugiyama-style) left-to-right layout: edges that close a cycle are set aside, each node's layer is the
 * longest path to it from a source, and nodes inside a layer are ordered by the barycentre of their neighbours in the
 * layer before (then after) to reduce crossings. Deterministic for the same graph.
 */
export function layoutServiceMap(graph: DependencyGraph, options: Partial<MapLayoutOptions> = {}): MapLayout {
  const o = { ...DEFAULTS, ...options };
  const nodes = collectNodes(graph);
  const names = [...nodes.keys()].sort();
  const back = findBackEdges(names, graph.edges);
  const forward = graph.edges.filter((e) => !back.has(e));

  const layerOf = longestPathLayers(names, forward);
  const layers: string[][] = [];
  for (const name of names) (layers[layerOf.get(name) as number] ??= []).push(name);
  orderLayers(layers, forward);

  const tallest = Math.max(1, ...layers.map((l) => l.length));
  const fullHeight = tallest * o.nodeHeight + (tallest - 1) * o.rowGap;
  const placed = new Map<string, PlacedNode>();
  layers.forEach((layer, li) => {
    const height = layer.length * o.nodeHeight + (layer.length - 1) * o.rowGap;
    const top = o.margin + (fullHeight - height) / 2;
    layer.forEach((name, order) => {
      placed.set(name, {
        node: nodes.get(name) as ServiceNode,
        layer: li,
        order,
        x: o.margin + li * (o.nodeWidth + o.layerGap),
        y: top + order * (o.nodeHeight + o.rowGap),
      });
    });
  });

  const edges = graph.edges.map((edge) => placeEdge(edge, placed, back.has(edge), o));
  const width = o.margin * 2 + layers.length * o.nodeWidth + Math.max(0, layers.length - 1) * o.layerGap;
  const hasLoops = edges.some((e) => e.back);
  const height = o.margin * 2 + fullHeight + (hasLoops ? o.rowGap : 0);
  return { nodes: names.map((n) => placed.get(n) as PlacedNode), edges, width, height, nodeWidth: o.nodeWidth, nodeHeight: o.nodeHeight };
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

/** Edges that point back to a node on the current depth-first path (sources first, then by name). */
function findBackEdges(names: readonly string[], edges: readonly ServiceEdge[]): Set<ServiceEdge> {
  const out = new Map<string, ServiceEdge[]>();
  const indegree = new Map<string, number>(names.map((n) => [n, 0]));
  for (const e of edges) {
    pushTo(out, e.parent, e);
    if (e.parent !== e.child) indegree.set(e.child, (indegree.get(e.child) ?? 0) + 1);
  }
  for (const list of out.values()) list.sort((a, b) => (a.child < b.child ? -1 : a.child > b.child ? 1 : 0));
  const starts = [...names.filter((n) => indegree.get(n) === 0), ...names.filter((n) => indegree.get(n) !== 0)];
  const state = new Map<string, 'open' | 'done'>();
  const back = new Set<ServiceEdge>();
  for (const start of starts) {
    if (state.has(start)) continue;
    const stack: [string, number][] = [[start, 0]];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [name, next] = top;
      const list = out.get(name) ?? [];
      if (next >= list.length) {
        state.set(name, 'done');
        stack.pop();
        continue;
      }
      top[1] = next + 1;
      const e = list[next];
      const s = state.get(e.child);
      if (s === 'open') back.add(e);
      else if (s === undefined) {
        state.set(e.child, 'open');
        stack.push([e.child, 0]);
      }
    }
  }
  return back;
}

function longestPathLayers(names: readonly string[], edges: readonly ServiceEdge[]): Map<string, number> {
  const layer = new Map<string, number>(names.map((n) => [n, 0]));
  const indegree = new Map<string, number>(names.map((n) => [n, 0]));
  const out = new Map<string, string[]>();
  for (const e of edges) {
    indegree.set(e.child, (indegree.get(e.child) ?? 0) + 1);
    pushTo(out, e.parent, e.child);
  }
  const queue = names.filter((n) => indegree.get(n) === 0);
  for (let q = 0; q < queue.length; q++) {
    const n = queue[q];
    for (const c of out.get(n) ?? []) {
      layer.set(c, Math.max(layer.get(c) as number, (layer.get(n) as number) + 1));
      const d = (indegree.get(c) as number) - 1;
      indegree.set(c, d);
      if (d === 0) queue.push(c);
    }
  }
  return layer;
}

function orderLayers(layers: string[][], edges: readonly ServiceEdge[]): void {
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const e of edges) {
    pushTo(parents, e.child, e.parent);
    pushTo(children, e.parent, e.child);
  }
  const position = new Map<string, number>();
  const record = (layer: readonly string[]): void => layer.forEach((n, i) => position.set(n, i));
  layers.forEach(record);
  const reorder = (layer: string[], neighbours: Map<string, string[]>): void => {
    const key = new Map<string, number>();
    layer.forEach((n, i) => {
      const ps = (neighbours.get(n) ?? []).map((p) => position.get(p) as number);
      key.set(n, ps.length === 0 ? i : ps.reduce((a, b) => a + b, 0) / ps.length);
    });
    layer.sort((a, b) => (key.get(a) as number) - (key.get(b) as number) || (a < b ? -1 : a > b ? 1 : 0));
    record(layer);
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    for (let l = 1; l < layers.length; l++) reorder(layers[l], parents);
    for (let l = layers.length - 2; l >= 0; l--) reorder(layers[l], children);
  }
}

function placeEdge(edge: ServiceEdge, placed: ReadonlyMap<string, PlacedNode>, back: boolean, o: MapLayoutOptions): PlacedEdge {
  const from = placed.get(edge.parent) as PlacedNode;
  const to = placed.get(edge.child) as PlacedNode;
  const r = (v: number): number => Math.round(v * 10) / 10;
  if (edge.parent === edge.child) {
    const x = from.x + o.nodeWidth / 2;
    const y = from.y + o.nodeHeight;
    return { edge, back: true, labelX: r(x), labelY: r(y + o.rowGap * 0.8), path: `M ${r(x - 20)} ${r(y)} C ${r(x - 40)} ${r(y + o.rowGap)}, ${r(x + 40)} ${r(y + o.rowGap)}, ${r(x + 20)} ${r(y)}` };
  }
  if (back) {
    const x1 = from.x + o.nodeWidth / 2;
    const x2 = to.x + o.nodeWidth / 2;
    const y1 = from.y + o.nodeHeight;
    const y2 = to.y + o.nodeHeight;
    const dip = Math.max(y1, y2) + o.rowGap;
    return { edge, back: true, labelX: r((x1 + x2) / 2), labelY: r(dip - 4), path: `M ${r(x1)} ${r(y1)} C ${r(x1)} ${r(dip)}, ${r(x2)} ${r(dip)}, ${r(x2)} ${r(y2)}` };
  }
  const x1 = from.x + o.nodeWidth;
  const y1 = from.y + o.nodeHeight / 2;
  const x2 = to.x;
  const y2 = to.y + o.nodeHeight / 2;
  const bend = (x2 - x1) / 2;
  return {
    edge,
    back: false,
    labelX: r((x1 + x2) / 2),
    labelY: r((y1 + y2) / 2 - 6),
    path: `M ${r(x1)} ${r(y1)} C ${r(x1 + bend)} ${r(y1)}, ${r(x2 - bend)} ${r(y2)}, ${r(x2)} ${r(y2)}`,
  };
}

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
