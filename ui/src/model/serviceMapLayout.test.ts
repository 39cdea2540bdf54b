import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DependencyGraph, ServiceEdge } from './dependencies.js';
import type { MapLayout, PlacedEdge, PlacedNode } from './serviceMapLayout.js';
import { layoutServiceMap } from './serviceMapLayout.js';
import type { Point } from './smoothPath.js';
import { pointOnPiece } from './smoothPath.js';
import { nanos } from './time.js';

function edge(parent: string, child: string, virtual = false): ServiceEdge {
  return { parent, child, callCount: 10, errorCount: 0, faultCount: 0, throttleCount: 0, p50: nanos(1e6), p99: nanos(5e6), virtual };
}

function graph(edges: ServiceEdge[]): DependencyGraph {
  return { nodes: [], edges };
}

const LABEL = ['4/h · p50 35.7ms · p99 60.1ms', '2 fault'];
const CHAR_WIDTH = 6;
const lay = (g: DependencyGraph): MapLayout => layoutServiceMap(g, () => LABEL, { labelCharWidth: CHAR_WIDTH });

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** A node's box, shrunk by a hair so that touching its border does not count as entering it. */
function boxOf(n: PlacedNode, l: MapLayout): Box {
  const e = 0.5;
  return { left: n.x + e, top: n.y + e, right: n.x + l.nodeWidth - e, bottom: n.y + l.nodeHeight - e };
}

function inside(p: Point, b: Box): boolean {
  return p.x > b.left && p.x < b.right && p.y > b.top && p.y < b.bottom;
}

/** Whether the segment a-b passes through the box (Liang-Barsky clipping). */
function segmentCrosses(a: Point, b: Point, box: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const edges: [number, number][] = [
    [-dx, a.x - box.left],
    [dx, box.right - a.x],
    [-dy, a.y - box.top],
    [dy, box.bottom - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/** Points along the drawn curve, 40 to a piece. */
function sampleCurve(pe: PlacedEdge): Point[] {
  const out: Point[] = [pe.curve.start];
  let from = pe.curve.start;
  for (const piece of pe.curve.pieces) {
    for (let i = 1; i <= 40; i++) out.push(pointOnPiece(from, piece, i / 40));
    from = piece.to;
  }
  return out;
}

/** The box an edge's label is drawn in: two lines of 11px text around its point. */
function labelBox(pe: PlacedEdge): Box {
  const half = (Math.max(...LABEL.map((l) => l.length)) * CHAR_WIDTH) / 2;
  return { left: pe.labelX - half, right: pe.labelX + half, top: pe.labelY - 18, bottom: pe.labelY + 18 };
}

function overlap(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function onBorder(p: Point, n: PlacedNode, l: MapLayout): boolean {
  const near = (a: number, b: number) => Math.abs(a - b) < 0.5;
  const withinX = p.x >= n.x - 0.5 && p.x <= n.x + l.nodeWidth + 0.5;
  const withinY = p.y >= n.y - 0.5 && p.y <= n.y + l.nodeHeight + 0.5;
  return ((near(p.x, n.x) || near(p.x, n.x + l.nodeWidth)) && withinY) || ((near(p.y, n.y) || near(p.y, n.y + l.nodeHeight)) && withinX);
}

/** Every way a layout can be wrong that the map would show: overlaps, edges through other nodes, loose ends, labels over things. */
function layoutProblems(l: MapLayout): string[] {
  const problems: string[] = [];
  const byName = new Map(l.nodes.map((n) => [n.node.name, n]));
  for (const a of l.nodes) {
    if (a.x < 0 || a.y < 0 || a.x + l.nodeWidth > l.width || a.y + l.nodeHeight > l.height) problems.push(`${a.node.name} is off the canvas`);
    for (const b of l.nodes) {
      if (a === b) continue;
      const apart = a.x + l.nodeWidth <= b.x || b.x + l.nodeWidth <= a.x || a.y + l.nodeHeight <= b.y || b.y + l.nodeHeight <= a.y;
      if (!apart) problems.push(`${a.node.name} overlaps ${b.node.name}`);
    }
  }
  for (const pe of l.edges) {
    const name = `${pe.edge.parent}->${pe.edge.child}`;
    const parent = byName.get(pe.edge.parent) as PlacedNode;
    const child = byName.get(pe.edge.child) as PlacedNode;
    if (!onBorder(pe.points[0], parent, l)) problems.push(`${name} does not start on ${parent.node.name}'s border`);
    if (!onBorder(pe.points[pe.points.length - 1], child, l)) problems.push(`${name} does not end on ${child.node.name}'s border`);
    const curve = sampleCurve(pe);
    for (const n of l.nodes) {
      if (n === parent || n === child) continue;
      const box = boxOf(n, l);
      if (pe.points.some((p, i) => i > 0 && segmentCrosses(pe.points[i - 1], p, box))) problems.push(`${name}'s route crosses ${n.node.name}`);
      if (curve.some((p) => inside(p, box))) problems.push(`${name}'s curve enters ${n.node.name}`);
    }
    const label = labelBox(pe);
    if (label.left < 0 || label.top < 0 || label.right > l.width || label.bottom > l.height) problems.push(`${name}'s label is off the canvas`);
    for (const n of l.nodes) if (overlap(label, boxOf(n, l))) problems.push(`${name}'s label covers ${n.node.name}`);
    for (const other of l.edges) if (other !== pe && overlap(label, labelBox(other))) problems.push(`${name}'s label covers another label`);
  }
  return problems;
}

const x = (l: MapLayout, name: string): number => l.nodes.find((n) => n.node.name === name)?.x ?? NaN;
const y = (l: MapLayout, name: string): number => l.nodes.find((n) => n.node.name === name)?.y ?? NaN;

describe('layoutServiceMap', () => {
  const bookinfo = graph([edge('productpage', 'details'), edge('productpage', 'reviews'), edge('reviews', 'ratings'), edge('ratings', 'mysql', true)]);

  test('callers stand left of their callees, siblings share a column', () => {
    const l = lay(bookinfo);
    expect(x(l, 'productpage')).toBeLessThan(x(l, 'reviews'));
    expect(x(l, 'details')).toBe(x(l, 'reviews'));
    expect(x(l, 'reviews')).toBeLessThan(x(l, 'ratings'));
    expect(x(l, 'ratings')).toBeLessThan(x(l, 'mysql'));
  });

  test('nodes only named by edges are created, a virtual callee stays virtual', () => {
    const l = lay(bookinfo);
    expect(l.nodes.map((n) => n.node.name)).toEqual(['details', 'mysql', 'productpage', 'ratings', 'reviews']);
    expect(l.nodes.find((n) => n.node.name === 'mysql')?.node.virtual).toBe(true);
    expect(l.nodes.find((n) => n.node.name === 'productpage')?.node.virtual).toBe(false);
  });

  test('an edge that skips a column goes around the node in between', () => {
    // a, b and c would sit on one row; the straight line from a to c would run through b.
    const l = lay(graph([edge('a', 'b'), edge('b', 'c'), edge('a', 'c')]));
    expect(layoutProblems(l)).toEqual([]);
    const skip = l.edges.find((e) => e.edge.parent === 'a' && e.edge.child === 'c') as PlacedEdge;
    expect(skip.points.length).toBeGreaterThan(3);
  });

  test('no overlaps and no edge through another node, in Bookinfo with a skipping edge and a cycle', () => {
    const l = lay(graph([...bookinfo.edges, edge('productpage', 'ratings'), edge('details', 'mysql', true), edge('ratings', 'productpage')]));
    expect(layoutProblems(l)).toEqual([]);
  });

  test('no overlaps and no edge through another node, in any small call graph (cycles and self-calls included)', () => {
    const names = ['api', 'auth', 'cart', 'db', 'email', 'pay', 'queue', 'search'];
    const edges = fc.uniqueArray(
      fc.tuple(fc.constantFrom(...names), fc.constantFrom(...names)),
      { minLength: 1, maxLength: 16, selector: ([p, c]) => `${p}->${c}` },
    );
    fc.assert(
      fc.property(edges, (list) => {
        expect(layoutProblems(lay(graph(list.map(([p, c]) => edge(p, c)))))).toEqual([]);
      }),
      { seed: 20240501, numRuns: 60 },
    );
  }, 60_000);

  test('edges leave and enter the sides of their nodes level, from ports spread in the order they head', () => {
    const l = lay(bookinfo);
    for (const pe of l.edges) {
      const [a, b] = pe.points;
      const [z, y2] = [pe.points[pe.points.length - 1], pe.points[pe.points.length - 2]];
      expect([a.y, z.y]).toEqual([b.y, y2.y]);
    }
    const start = (child: string) => l.edges.find((e) => e.edge.parent === 'productpage' && e.edge.child === child)?.points[0].y ?? NaN;
    expect(start('details')).not.toBe(start('reviews'));
    expect(start('details') < start('reviews')).toBe(y(l, 'details') < y(l, 'reviews'));
  });

  test('ordering inside a column avoids crossings', () => {
    // a1 -> z, a2 -> y: y above z would cross the edges if a1 is above a2.
    const l = lay(graph([edge('a1', 'z'), edge('a2', 'y')]));
    expect(y(l, 'z') < y(l, 'y')).toBe(y(l, 'a1') < y(l, 'a2'));
  });

  test('a self-call is a loop over its own node, in room kept clear for it and its label', () => {
    // b sits under a in the same column, then under c: its loop and label must stay clear of both.
    const l = lay(graph([edge('root', 'a'), edge('root', 'b'), edge('root', 'c'), edge('b', 'b')]));
    expect(layoutProblems(l)).toEqual([]);
    const b = l.nodes.find((n) => n.node.name === 'b') as PlacedNode;
    const loop = l.edges.find((e) => e.edge.child === e.edge.parent) as PlacedEdge;
    expect(onBorder(loop.points[0], b, l) && onBorder(loop.points[loop.points.length - 1], b, l)).toBe(true);
    expect(Math.min(...sampleCurve(loop).map((p) => p.y))).toBeLessThan(b.y);
    expect(labelBox(loop).bottom).toBeLessThan(Math.min(...sampleCurve(loop).map((p) => p.y)));
  });

  test('is deterministic whatever order the API lists edges and nodes in', () => {
    const edges = [...bookinfo.edges, edge('productpage', 'ratings')];
    const nodes = ['details', 'mysql', 'productpage', 'ratings', 'reviews'].map((name) => ({ name, virtual: name === 'mysql', callsIn: 1, errorsIn: 0, faultsIn: 0, throttlesIn: 0 }));
    const first = lay({ nodes, edges });
    expect(lay({ nodes, edges })).toEqual(first);
    expect(lay({ nodes: [...nodes].reverse(), edges: [...edges].reverse() })).toEqual(first);
  });

  test('an empty graph lays out to nothing', () => {
    const empty = lay(graph([]));
    expect(empty.nodes).toEqual([]);
    expect(empty.edges).toEqual([]);
  });
});
