import type { ServiceEdge } from './dependencies.js';
import type { Point } from './smoothPath.js';

/** How far a route runs level out of a node's side (and into one) before it may slant; less than the gap between columns. */
const LEAD = 12;
/** Ports on one side of a node: at most this far apart, and this far from its corners. */
const PORT_STEP = 12;
const PORT_INSET = 10;

export interface RouteInput {
  readonly edge: ServiceEdge;
  /** dagre's points for the edge, from where it leaves the parent to where it reaches the child. */
  readonly via: readonly Point[];
  /** Where dagre put the label (one of `via`) and the width kept free for it. */
  readonly label: Point;
  readonly labelWidth: number;
}

interface Corner {
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
}

interface Draft {
  readonly edge: ServiceEdge;
  /** 1 when the child stands right of the parent, -1 for an edge routed back against the ranking. */
  readonly dir: 1 | -1;
  readonly from: Corner;
  readonly to: Corner;
  readonly middle: readonly Point[];
}

/**
 * Routes for the map's edges built on dagre's bend points. dagre ends an edge where the line to the node's centre
 * meets its border, and that line can cut through a neighbour in the same column; here an edge leaves its parent's
 * side level from a port and enters its child's side level (the ports on one side spread in the order of where their
 * edges head, so they do not cross there). A bend point dagre placed in a column of nodes, where an edge passes
 * nodes it skips, becomes a level run across the whole column, and the label's point a level run under the label.
 * So a route only slants in the space between columns, where no node stands, and crosses a column of nodes level,
 * where dagre kept it apart from them.
 */
export function routeEdges(
  inputs: readonly RouteInput[],
  placed: ReadonlyMap<string, Corner>,
  size: { readonly nodeWidth: number; readonly nodeHeight: number },
): Map<ServiceEdge, Point[]> {
  const { nodeWidth: w, nodeHeight: h } = size;
  const columns = new Set([...placed.values()].map((n) => Math.round(n.x + w / 2)));
  const across = w / 2 + LEAD;
  const drafts = inputs.map(({ edge, via, label, labelWidth }): Draft => {
    const from = placed.get(edge.parent) as Corner;
    const to = placed.get(edge.child) as Corner;
    const dir = to.x > from.x ? 1 : -1;
    const level = (p: Point, half: number): Point[] => [{ x: p.x - dir * half, y: p.y }, { x: p.x + dir * half, y: p.y }];
    const middle = via.slice(1, -1).flatMap((p) => {
      if (columns.has(Math.round(p.x))) return level(p, across);
      if (Math.abs(p.x - label.x) < 0.5 && Math.abs(p.y - label.y) < 0.5) return level(p, labelWidth / 2);
      return [{ x: p.x, y: p.y }];
    });
    return { edge, dir, from, to, middle };
  });

  const ports = assignPorts(drafts, h);
  const routes = new Map<ServiceEdge, Point[]>();
  for (const d of drafts) {
    const [startY, endY] = ports.get(d) as [number, number];
    const startX = d.dir > 0 ? d.from.x + w : d.from.x;
    const endX = d.dir > 0 ? d.to.x : d.to.x + w;
    routes.set(d.edge, [
      { x: startX, y: startY },
      { x: startX + d.dir * LEAD, y: startY },
      ...d.middle,
      { x: endX - d.dir * LEAD, y: endY },
      { x: endX, y: endY },
    ]);
  }
  return routes;
}

/** The y of each edge's start and end port. */
function assignPorts(drafts: readonly Draft[], h: number): Map<Draft, [number, number]> {
  interface End {
    readonly draft: Draft;
    readonly which: 0 | 1;
    readonly node: Corner;
    /** Where the edge heads from this end: orders the ports on a side. */
    readonly towardY: number;
  }
  const sides = new Map<string, End[]>();
  const add = (key: string, end: End): void => {
    const list = sides.get(key);
    if (list) list.push(end);
    else sides.set(key, [end]);
  };
  for (const d of drafts) {
    const first = d.middle[0]?.y ?? d.to.y + h / 2;
    const last = d.middle[d.middle.length - 1]?.y ?? d.from.y + h / 2;
    add(`${d.edge.parent}\u0000${d.dir > 0 ? 'right' : 'left'}`, { draft: d, which: 0, node: d.from, towardY: first });
    add(`${d.edge.child}\u0000${d.dir > 0 ? 'left' : 'right'}`, { draft: d, which: 1, node: d.to, towardY: last });
  }
  const out = new Map<Draft, [number, number]>(drafts.map((d) => [d, [0, 0]]));
  for (const ends of sides.values()) {
    ends.sort((a, b) => a.towardY - b.towardY || byText(edgeKey(a.draft.edge), edgeKey(b.draft.edge)) || a.which - b.which);
    const step = ends.length > 1 ? Math.min(PORT_STEP, (h - 2 * PORT_INSET) / (ends.length - 1)) : 0;
    ends.forEach((end, i) => {
      (out.get(end.draft) as [number, number])[end.which] = end.node.y + h / 2 + (i - (ends.length - 1) / 2) * step;
    });
  }
  return out;
}

function edgeKey(e: ServiceEdge): string {
  return `${e.parent}\u0000${e.child}`;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
