// Each section run once on a small workload: it completes, prints its table with figures, and marks its targets.
// Timings are never asserted: they depend on the machine's load.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BenchOptions, BenchSection } from './benchSection.js';
import { skipWithoutClickHouse } from '../test/support/clickhouseServer.js';
import { clickhouseBench } from './clickhouseBench.js';
import { pipelineBench } from './pipelineBench.js';
import { storeBench } from './storeBench.js';
import { uiRenderBench } from './uiRenderBench.js';
import { xrayBench } from './xrayBench.js';

const QUICK: BenchOptions = { runs: 1, warmups: 0, storeSpans: 3000, clickhouseSpans: 3000, e2eSeconds: 1, e2eConnections: 1, e2eProtocols: [] };
const FIGURE = /\d(\.\d+)?(k|M)?/;
const MARK = /✓|✗ MISSED/;

async function output(section: BenchSection): Promise<string[]> {
  const lines: string[] = [];
  await section.run(QUICK, (text) => lines.push(...text.split('\n')));
  return lines;
}

function row(lines: string[], start: string): string {
  const found = lines.find((l) => l.startsWith(start));
  assert.ok(found !== undefined, `no row starting "${start}" in:\n${lines.join('\n')}`);
  return found;
}

describe('bench sections', { timeout: 300_000 }, () => {
  test('pipeline: Zipkin JSON, OTLP protobuf and HTTP rows with rates, ratios and target marks', async () => {
    const lines = await output(pipelineBench);
    assert.ok(lines.some((l) => /^path +spans\/s +MB\/s +parse spans\/s +parse MB\/s +ratio +p50 +p99 +target$/.test(l)));
    for (const name of ['Zipkin v2 JSON (Istio sidecars)', 'OTLP protobuf (SDK app spans)']) {
      const r = row(lines, name);
      assert.match(r, FIGURE);
      assert.match(r, MARK);
      assert.match(r, / 0\.\d\d | 1\.\d\d /, 'a ratio');
    }
    assert.match(row(lines, 'Zipkin v2 JSON over HTTP'), /requests in flight/);
    assert.match(row(lines, 'RSS'), /^RSS \d+ MiB$/);
  });

  test('store: ingest, trace by id, search and dependencies rows; every sampled trace is found', async () => {
    const lines = await output(storeBench);
    assert.match(row(lines, 'ingest through the store exporter'), /spans\/s .*(✓|✗ MISSED)/);
    assert.match(row(lines, 'trace by id'), /every id found/);
    assert.match(row(lines, 'search: service'), /traces found: \d+(\/\d+)+/);
    assert.match(row(lines, 'dependencies over 24 h'), /[1-9]\d* edges/);
    assert.ok(lines.some((l) => /stored 3\.00k of 3\.00k spans/.test(l)));
  });

  test('clickhouse: write, baselines, trace by id, search and dependencies rows; every sampled trace is found', skipWithoutClickHouse(), async () => {
    const lines = await output(clickhouseBench);
    assert.match(row(lines, 'write through the ClickHouse store'), /spans\/s .*(✓|✗ MISSED)/);
    assert.match(row(lines, 'baseline: write through SQLite'), /ClickHouse\/SQLite \d/);
    assert.match(row(lines, 'baseline: HTTP round trip'), FIGURE);
    assert.match(row(lines, 'trace by id'), /every id found/);
    assert.match(row(lines, 'search: service'), /traces found: \d+(\/\d+)+/);
    assert.match(row(lines, 'dependencies over 24 h'), /[1-9]\d* edges/);
  });

  test('xray: both directions with spans/s and docs/s', async () => {
    const lines = await output(xrayBench);
    assert.match(row(lines, 'OTel -> X-Ray'), />= 150k spans\/s (✓|✗ MISSED)/);
    assert.match(row(lines, 'X-Ray -> OTel'), FIGURE);
  });

  test('ui: the 10,000-span render is measured with its target', async () => {
    const lines = await output(uiRenderBench);
    assert.match(row(lines, '10,000-span trace in Chromium'), /interactive < 1\.5 s (✓|✗ MISSED)/);
  });
});
