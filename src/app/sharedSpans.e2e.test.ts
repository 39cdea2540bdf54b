// Through the real CLI (all-in-one: zipkin -> memory_limiter -> istio -> batch -> store, query APIs): Zipkin's
// `shared: true` from py_zipkin (a server span with its own id) and from Brave (a server span on its client's id,
// with the client in the same request or a later one) all read back as one tree whose every parent exists.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeOtlpJson } from '../codecs/otlp/decodeOtlpJson.js';
import { forEachSpan } from '../model/batch.js';
import { sharedServerSpanId } from '../model/sharedServerSpanId.js';
import { allInOneConfig, eventually } from '../../test/support/allInOneConfig.js';
import { startCli, type CliProcess } from '../../test/support/runCli.js';

interface ZipkinSpanJson {
  traceId: string;
  id: string;
  parentId?: string;
  kind?: string;
  name?: string;
  timestamp?: number;
  duration?: number;
  shared?: boolean;
  localEndpoint?: { serviceName: string };
  tags?: Record<string, string>;
}

const now = Date.now() * 1000;
const zspan = (traceId: string, id: string, parentId: string | undefined, kind: string | undefined, service: string, extra: Partial<ZipkinSpanJson> = {}): ZipkinSpanJson => ({
  traceId, id, ...(parentId ? { parentId } : {}), ...(kind ? { kind } : {}), name: `op ${id}`, timestamp: now, duration: 1000, localEndpoint: { serviceName: service }, ...extra,
});

/** [id, parentId] of each span, after checking that every parent is a span of the trace and no id repeats. */
function tree(spans: readonly { id: string; parentId?: string | undefined }[]): Record<string, string | undefined> {
  const ids = spans.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length, `duplicate span ids: ${ids.join(' ')}`);
  for (const s of spans) if (s.parentId !== undefined) assert.ok(ids.includes(s.parentId), `${s.id}'s parent ${s.parentId} is not in the trace`);
  return Object.fromEntries(spans.map((s) => [s.id, s.parentId]));
}

describe('shared spans from py_zipkin and Brave through the all-in-one', () => {
  let cli: CliProcess;
  let zipkin: string;
  let query: string;
  const post = async (spans: ZipkinSpanJson[]) => {
    const res = await fetch(`${zipkin}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spans) });
    assert.equal(res.status, 202);
  };
  const trace = (id: string, spans: number) =>
    eventually(`${spans} spans of ${id}`, async () => {
      const res = await fetch(`${zipkin}/api/v2/trace/${id}`);
      const list = res.status === 200 ? ((await res.json()) as ZipkinSpanJson[]) : [];
      return list.length >= spans ? list : undefined;
    });

  before(async () => {
    cli = await startCli(['--config', allInOneConfig()]);
    zipkin = `http://${cli.receivers.zipkin?.http}`;
    query = `http://${cli.queryAddress}`;
  });
  after(async () => {
    await cli?.stop();
  });

  test('py_zipkin style (the server span has its own id under its caller\'s CLIENT span) is kept as it came', async () => {
    const T = '00000000000000a1';
    await post([
      zspan(T, '00000000000000a1', undefined, 'SERVER', 'front'),
      zspan(T, '00000000000000b2', '00000000000000a1', 'CLIENT', 'front'),
      zspan(T, '00000000000000c3', '00000000000000b2', 'SERVER', 'inventory', { shared: true }),
    ]);
    const spans = await trace(T, 3);
    assert.deepEqual(tree(spans), { '00000000000000a1': undefined, '00000000000000b2': '00000000000000a1', '00000000000000c3': '00000000000000b2' });
    assert.equal(spans.find((s) => s.id === '00000000000000c3')?.shared, true);
  });

  test('Brave style in one request, the server listed before its client: split at ingest under the client', async () => {
    const T = '00000000000000d1';
    await post([
      zspan(T, '00000000000000e2', '00000000000000d1', 'SERVER', 'stock', { shared: true }),
      zspan(T, '00000000000000d1', undefined, 'SERVER', 'shop'),
      zspan(T, '00000000000000e2', '00000000000000d1', 'CLIENT', 'shop'),
    ]);
    const split = sharedServerSpanId(`0000000000000000${T}`, '00000000000000e2', 'stock');
    assert.deepEqual(tree(await trace(T, 3)), { '00000000000000d1': undefined, '00000000000000e2': '00000000000000d1', [split]: '00000000000000e2' });
  });

  test('Brave style with the client in a later request: split when read, in the Zipkin, Jaeger and native APIs alike', async () => {
    const T = '00000000000000f1';
    // The server side reports first, as it finishes first: the shared span and a child of it.
    await post([
      zspan(T, '00000000000000f2', '00000000000000f1', 'SERVER', 'pricing', { shared: true, tags: { error: 'no price' } }),
      zspan(T, '00000000000000f3', '00000000000000f2', undefined, 'pricing'),
    ]);
    await trace(T, 2);
    await post([zspan(T, '00000000000000f1', undefined, 'SERVER', 'cart'), zspan(T, '00000000000000f2', '00000000000000f1', 'CLIENT', 'cart')]);
    const split = sharedServerSpanId(`0000000000000000${T}`, '00000000000000f2', 'pricing');
    const expected = { '00000000000000f1': undefined, '00000000000000f2': '00000000000000f1', [split]: '00000000000000f2', '00000000000000f3': split };
    assert.deepEqual(tree(await trace(T, 4)), expected);

    const raw = await (await fetch(`${query}/api/v3/traces/${T}?rawTraces=true`)).text();
    assert.equal(raw.split('"spanId":"00000000000000f2"').length - 1, 2, 'the store keeps both spans as they came');

    const jaeger = (await (await fetch(`${query}/api/traces/${T}`)).json()) as { data: Array<{ spans: Array<{ spanID: string; references: Array<{ spanID: string }> }> }> };
    assert.deepEqual(tree((jaeger.data[0]?.spans ?? []).map((s) => ({ id: s.spanID, parentId: s.references[0]?.spanID }))), expected);

    const native: { id: string; parentId?: string }[] = [];
    forEachSpan(decodeOtlpJson(await (await fetch(`${query}/api/v1/traces/0000000000000000${T}`)).text()), (s) => native.push({ id: s.spanId, ...(s.parentSpanId ? { parentId: s.parentSpanId } : {}) }));
    assert.deepEqual(tree(native), expected);

    const summary = (await (await fetch(`${query}/api/v3/trace-summaries?${new URLSearchParams({ 'query.serviceName': 'cart', 'query.startTimeMin': new Date(Date.now() - 3_600_000).toISOString(), 'query.startTimeMax': new Date(Date.now() + 60_000).toISOString() })}`)).json()) as { summaries: Array<{ traceId: string; spanCount: number; orphanSpanCount: number }> };
    assert.deepEqual(summary.summaries.map((s) => [s.traceId, s.spanCount, s.orphanSpanCount]), [[`0000000000000000${T}`, 4, 0]]);
  });

  test('the dependency links of both Brave cases carry the calls, the late one with the server\'s error', async () => {
    const links = await eventually('the cart -> pricing link', async () => {
      const res = (await (await fetch(`${zipkin}/api/v2/dependencies?endTs=${Date.now() + 60_000}`)).json()) as Array<{ parent: string; child: string; callCount: number; errorCount?: number }>;
      return res.some((l) => l.parent === 'cart') ? res : undefined;
    });
    const byPair = Object.fromEntries(links.map((l) => [`${l.parent}->${l.child}`, [l.callCount, l.errorCount ?? 0]]));
    assert.deepEqual(byPair['cart->pricing'], [1, 1]);
    assert.deepEqual(byPair['shop->stock'], [1, 0]);
    assert.deepEqual(byPair['front->inventory'], [1, 0]);
  });
});
