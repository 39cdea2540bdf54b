// The all-in-one with --demo shows joined app+sidecar traces and a service map with health.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeOtlpJson } from '../codecs/otlp/decodeOtlpJson.js';
import { forEachSpan } from '../model/batch.js';
import { SpanKind, type Span } from '../model/span.js';
import { startCli, type CliProcess } from '../../test/support/runCli.js';

interface Edge {
  parent: string;
  child: string;
  callCount: number;
  errorCount: number;
  faultCount: number;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  assert.equal(res.status, 200, url);
  return (await res.json()) as T;
}

async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMillis = 20_000): Promise<T> {
  const until = Date.now() + timeoutMillis;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('spanbridge --demo (all-in-one on ephemeral ports)', () => {
  let cli: CliProcess;
  let api: string;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spanbridge-demo-'));
    const config = join(dir, 'config.yaml');
    writeFileSync(
      config,
      `
receivers:
  zipkin: {endpoint: 127.0.0.1:0}
  otlp: {protocols: {http: {endpoint: 127.0.0.1:0}}}
processors:
  istio: {}
  batch: {timeout: 50ms}
exporters:
  store: {}
storage:
  sqlite: {path: ${join(dir, 'spanbridge.db')}}
  dependency_grace_period: 1s
query: {endpoint: 127.0.0.1:0}
service:
  pipelines:
    traces: {receivers: [zipkin, otlp], processors: [istio, batch], exporters: [store]}
  telemetry: {metrics: {address: 127.0.0.1:0}}
`,
    );
    cli = await startCli(['--config', config, '--demo']);
    api = `http://${cli.queryAddress}`;
  });
  after(async () => {
    await cli?.stop();
  });

  test('proxy and application spans share one trace with correct parent links', async () => {
    const spans = await eventually('a joined productpage -> reviews -> ratings trace', async () => {
      const search = await getJson<{ traces: Array<{ traceId: string; services: Array<{ service: string }> }> }>(`${api}/api/v1/traces?service=ratings&limit=20`);
      for (const t of search.traces) {
        const body = await (await fetch(`${api}/api/v1/traces/${t.traceId}`)).text();
        const found: Span[] = [];
        forEachSpan(decodeOtlpJson(body), (s) => found.push(s));
        const proxy = found.filter((s) => s.attributes.get('spanbridge.span.origin') === 'proxy');
        const app = found.filter((s) => s.attributes.get('spanbridge.span.origin') !== 'proxy');
        // Complete once every parent has arrived (app spans are exported when they end, so a trace fills in).
        const ids = new Set(found.map((s) => s.spanId));
        const complete = found.every((s) => s.parentSpanId === '' || ids.has(s.parentSpanId));
        if (complete && proxy.length >= 6 && app.length >= 6) return found;
      }
      return undefined;
    });
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const traceIds = new Set(spans.map((s) => s.traceId));
    assert.equal(traceIds.size, 1);
    // Every app SERVER span below the root is the child of an inbound sidecar SERVER span, whose parent is the caller
    // sidecar's outbound CLIENT span, whose parent is the caller app's CLIENT span.
    const appServers = spans.filter((s) => s.kind === SpanKind.SERVER && s.attributes.get('spanbridge.span.origin') !== 'proxy');
    let callees = 0;
    for (const server of appServers) {
      const inbound = byId.get(server.parentSpanId);
      assert.ok(inbound, `parent of ${server.name}`);
      assert.equal(inbound.attributes.get('spanbridge.span.origin'), 'proxy');
      assert.equal(inbound.kind, SpanKind.SERVER);
      if (inbound.parentSpanId === '') continue; // productpage: the load generator calls its sidecar directly
      callees++;
      const outbound = byId.get(inbound.parentSpanId);
      assert.ok(outbound, 'outbound sidecar span');
      assert.equal(outbound.kind, SpanKind.CLIENT);
      assert.equal(outbound.attributes.get('spanbridge.span.origin'), 'proxy');
      const callerApp = byId.get(outbound.parentSpanId);
      assert.ok(callerApp, 'caller app span');
      assert.equal(callerApp.kind, SpanKind.CLIENT);
      assert.notEqual(callerApp.attributes.get('spanbridge.span.origin'), 'proxy');
    }
    assert.ok(callees >= 3, 'details, reviews and ratings each joined under their caller');
  });

  test('the dependency graph has productpage -> reviews -> ratings, with faults where they were injected', async () => {
    const edges = await eventually('edges with faults', async () => {
      const deps = await getJson<{ edges: Edge[] }>(`${api}/api/v1/dependencies`);
      const ratings = deps.edges.find((e) => e.parent === 'reviews' && e.child === 'ratings');
      return ratings && ratings.faultCount > 0 && deps.edges.some((e) => e.parent === 'productpage' && e.child === 'reviews') ? deps.edges : undefined;
    });
    const pr = edges.find((e) => e.parent === 'productpage' && e.child === 'reviews');
    const pd = edges.find((e) => e.parent === 'productpage' && e.child === 'details');
    const rr = edges.find((e) => e.parent === 'reviews' && e.child === 'ratings');
    assert.ok(pr && pd && rr);
    assert.ok(rr.faultCount <= rr.callCount);
    assert.equal(pd.faultCount, 0);
    assert.ok(!edges.some((e) => e.parent === 'details'), 'details calls nothing');
  });

  test('the UI is served with deep links', async () => {
    const res = await fetch(`${api}/map`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<div id="root">|<script/);
  });
});
