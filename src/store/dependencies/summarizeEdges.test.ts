import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeHistogram, newHistogram, recordLatency } from './latencyHistogram.js';
import { summarizeEdges, type StoredEdgeRow } from './summarizeEdges.js';

function row(parent: string, child: string, virtual: boolean, latenciesMs: number[]): StoredEdgeRow {
  const h = newHistogram();
  for (const ms of latenciesMs) recordLatency(h, BigInt(ms) * 1_000_000n);
  const ns = latenciesMs.map((ms) => BigInt(ms) * 1_000_000n);
  return { parent, child, virtual, calls: latenciesMs.length, errors: 1, faults: 2, throttles: 3, minNanos: ns.reduce((a, b) => (b < a ? b : a)), maxNanos: ns.reduce((a, b) => (b > a ? b : a)), histogram: encodeHistogram(h) };
}

test('rows of one edge add up, percentiles come from the merged histograms, and edges sort by parent then child', () => {
  const edges = summarizeEdges([row('b', 'c', false, [10]), row('a', 'b', false, [1, 2, 3]), row('a', 'b', false, [100])], () => true);
  assert.deepEqual(edges.map((e) => [e.parent, e.child, e.callCount, e.errorCount, e.faultCount, e.throttleCount]), [['a', 'b', 4, 2, 4, 6], ['b', 'c', 1, 1, 2, 3]]);
  assert.equal(edges[0]?.p99Nanos, 100_000_000n);
  assert.equal(edges[1]?.p50Nanos, 10_000_000n);
});

test('an edge is virtual only when all its rows are and its child never sent spans', () => {
  const isService = (s: string) => s === 'known';
  const edges = summarizeEdges([row('a', 'db', true, [1]), row('a', 'known', true, [1]), row('a', 'mixed', true, [1]), row('a', 'mixed', false, [1])], isService);
  assert.deepEqual(edges.map((e) => [e.child, e.virtual]), [['db', true], ['known', false], ['mixed', false]]);
});
