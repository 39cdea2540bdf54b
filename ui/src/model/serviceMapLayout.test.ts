import { describe, expect, test } from 'vitest';
import type { DependencyGraph, ServiceEdge } from './dependencies.js';
import { nanos } from './time.js';
import { layoutServiceMap } from './serviceMapLayout.js';

function edge(parent: string, child: string, virtual = false): ServiceEdge {
  return { parent, child, callCount: 10, errorCount: 0, faultCount: 0, throttleCount: 0, p50: nanos(1e6), p99: nanos(5e6), virtual };
}

function graph(edges: ServiceEdge[]): DependencyGraph {
  return { nodes: [], edges };
}

describe('layoutServiceMap', () => {
  const bookinfo = graph([edge('productpage', 'details'), edge('productpage', 'reviews'), edge('reviews', 'ratings'), edge('ratings', 'mysql', true)]);

  test('layers follow the longest call path from the entry services', () => {
    const l = layoutServiceMap(bookinfo);
    const layer = Object.fromEntries(l.nodes.map((n) => [n.node.name, n.layer]));
    expect(layer).toEqual({ productpage: 0, details: 1, reviews: 1, ratings: 2, mysql: 3 });
  });

  test('nodes only named by edges are created, a virtual callee stays virtual', () => {
    const l = layoutServiceMap(bookinfo);
    expect(l.nodes.find((n) => n.node.name === 'mysql')?.node.virtual).toBe(true);
    expect(l.nodes.find((n) => n.node.name === 'productpage')?.node.virtual).toBe(false);
  });

  test('no two nodes overlap and everything fits the canvas', () => {
    const l = layoutServiceMap(bookinfo);
    for (const a of l.nodes) {
      expect(a.x + l.nodeWidth).toBeLessThanOrEqual(l.width);
      expect(a.y + l.nodeHeight).toBeLessThanOrEqual(l.height);
      for (const b of l.nodes) {
        if (a === b) continue;
        const apart = a.x + l.nodeWidth <= b.x || b.x + l.nodeWidth <= a.x || a.y + l.nodeHeight <= b.y || b.y + l.nodeHeight <= a.y;
        expect(apart).toBe(true);
      }
    }
  });

  test('forward edges run from the parent right side to the child left side', () => {
    const l = layoutServiceMap(graph([edge('a', 'b')]));
    const [a, b] = l.nodes;
    const e = l.edges[0];
    expect(e.back).toBe(false);
    expect(e.path.startsWith(`M ${a.x + l.nodeWidth} ${a.y + l.nodeHeight / 2} `)).toBe(true);
    expect(e.path.endsWith(`${b.x} ${b.y + l.nodeHeight / 2}`)).toBe(true);
  });

  test('a cycle still gets layers; the edge closing it is drawn as a loop', () => {
    const l = layoutServiceMap(graph([edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('b', 'b')]));
    const layer = Object.fromEntries(l.nodes.map((n) => [n.node.name, n.layer]));
    expect(layer).toEqual({ a: 0, b: 1, c: 2 });
    expect(l.edges.filter((e) => e.back).map((e) => `${e.edge.parent}->${e.edge.child}`).sort()).toEqual(['b->b', 'c->a']);
  });

  test('barycentre ordering untangles crossing edges', () => {
    // a1 -> z, a2 -> y: alphabetical order in layer 1 (y, z) would cross; ordering by parent position does not.
    const l = layoutServiceMap(graph([edge('a1', 'z'), edge('a2', 'y')]));
    const y = (name: string) => l.nodes.find((n) => n.node.name === name)?.y ?? NaN;
    expect(y('z') < y('y')).toBe(y('a1') < y('a2'));
  });

  test('is deterministic and handles an empty graph', () => {
    expect(layoutServiceMap(bookinfo)).toEqual(layoutServiceMap(bookinfo));
    const empty = layoutServiceMap(graph([]));
    expect(empty.nodes).toEqual([]);
    expect(empty.edges).toEqual([]);
  });
});
