import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AnyValue } from '../../../src/model/span.js';
import { SpanKind, StatusCode } from '../../../src/model/span.js';
import type { DependencyEdge, TraceStore } from '../../../src/store/store.js';
import { testBatch, type TestSpanSpec } from '../testSpans.js';
import { HOUR, MINUTE, MS, T0, eventually, spanIdOf, traceIdOf, withStore, type OpenStore } from './conformanceKit.js';

const WINDOW: [bigint, bigint] = [T0 - HOUR, T0 + 24n * HOUR];

function call(n: number, caller: string, callee: string, opts: { start?: bigint; durationNanos?: bigint; clientAttrs?: Record<string, AnyValue>; serverAttrs?: Record<string, AnyValue>; serverStatus?: StatusCode; clientStatus?: StatusCode } = {}): [TestSpanSpec, TestSpanSpec] {
  const traceId = traceIdOf(500 + n);
  const start = opts.start ?? T0;
  const client: TestSpanSpec = { service: caller, traceId, spanId: spanIdOf(1), name: 'call', kind: SpanKind.CLIENT, startNanos: start, durationNanos: opts.durationNanos ?? 10n * MS, attributes: opts.clientAttrs ?? {}, status: opts.clientStatus ?? StatusCode.UNSET };
  const server: TestSpanSpec = { service: callee, traceId, spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: 'serve', kind: SpanKind.SERVER, startNanos: start + MS, durationNanos: 5n * MS, attributes: opts.serverAttrs ?? {}, status: opts.serverStatus ?? StatusCode.UNSET };
  return [client, server];
}

function edge(edges: DependencyEdge[], parent: string, child: string): DependencyEdge | undefined {
  return edges.find((e) => e.parent === parent && e.child === child);
}

function pairs(edges: DependencyEdge[]): string[] {
  return edges.map((e) => `${e.parent}->${e.child}${e.virtual ? ' (virtual)' : ''}`);
}

/** Waits until the edge parent -> child exists (virtual edges appear once the grace period has passed). */
function edgeEventually(store: TraceStore, parent: string, child: string): Promise<DependencyEdge> {
  return eventually(`edge ${parent} -> ${child}`, async () => edge(await store.getDependencies(...WINDOW), parent, child));
}

export function registerDependencyCases(open: OpenStore): void {
  describe('getDependencies', () => {
    test('pairs CLIENT with SERVER whichever arrives first, in separate writes or one', () =>
      withStore(open, async (store) => {
        const [c1, s1] = call(1, 'a', 'b');
        await store.write(testBatch([c1]));
        await store.write(testBatch([s1]));
        const [c2, s2] = call(2, 'c', 'd');
        await store.write(testBatch([s2]));
        await store.write(testBatch([c2]));
        const [c3, s3] = call(3, 'e', 'f');
        await store.write(testBatch([s3, c3]));
        const edges = await store.getDependencies(...WINDOW);
        assert.deepEqual(pairs(edges), ['a->b', 'c->d', 'e->f']);
        for (const e of edges) assert.deepEqual([e.callCount, e.errorCount, e.faultCount, e.throttleCount, e.virtual], [1, 0, 0, 0, false]);
      }));

    test('an Istio chain (app CLIENT, sidecar CLIENT, sidecar SERVER, app SERVER) is one edge between the services', () =>
      withStore(open, async (store) => {
        const traceId = traceIdOf(600);
        const hop = (n: number, service: string, kind: SpanKind, parent: number | undefined, attrs: Record<string, AnyValue> = {}): TestSpanSpec => ({
          service, traceId, spanId: spanIdOf(n), ...(parent === undefined ? {} : { parentSpanId: spanIdOf(parent) }), name: `hop${n}`, kind, startNanos: T0 + BigInt(n) * MS, durationNanos: 10n * MS, attributes: attrs,
        });
        const peer = { 'peer.service': 'reviews', 'server.address': 'reviews.default.svc' };
        await store.write(testBatch([hop(4, 'reviews', SpanKind.SERVER, 3), hop(3, 'reviews', SpanKind.SERVER, 2, { 'spanbridge.span.origin': 'proxy' })]));
        await store.write(testBatch([hop(1, 'productpage', SpanKind.CLIENT, 0, peer), hop(2, 'productpage', SpanKind.CLIENT, 1, { ...peer, 'spanbridge.span.origin': 'proxy' }), hop(0, 'productpage', SpanKind.SERVER, undefined)]));
        // A later unpaired call: once its virtual edge shows, the chain's grace periods are over too.
        const [lone] = call(601, 'productpage', 'x', { clientAttrs: { 'peer.service': 'ledger' } });
        await store.write(testBatch([lone]));
        await edgeEventually(store, 'productpage', 'ledger');
        const edges = await store.getDependencies(...WINDOW);
        assert.deepEqual(pairs(edges), ['productpage->ledger (virtual)', 'productpage->reviews']);
        assert.equal(edge(edges, 'productpage', 'reviews')?.callCount, 1);
      }));

    test('unnormalized sidecars (CLIENT under CLIENT across services) make the edge, and no virtual one', () =>
      withStore(open, async (store) => {
        const traceId = traceIdOf(610);
        const out: TestSpanSpec = { service: 'a', traceId, spanId: spanIdOf(1), name: 'outbound', kind: SpanKind.CLIENT, startNanos: T0, durationNanos: 9n * MS, attributes: { 'peer.service': 'b' } };
        const inbound: TestSpanSpec = { service: 'b', traceId, spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: 'inbound', kind: SpanKind.CLIENT, startNanos: T0 + MS, durationNanos: 7n * MS, attributes: { 'server.address': '10.0.0.7' } };
        await store.write(testBatch([inbound]));
        await store.write(testBatch([out]));
        const [lone] = call(611, 'a', 'x', { clientAttrs: { 'peer.service': 'ledger' } });
        await store.write(testBatch([lone]));
        await edgeEventually(store, 'a', 'ledger');
        assert.deepEqual(pairs(await store.getDependencies(...WINDOW)), ['a->b', 'a->ledger (virtual)']);
      }));

    test('pairs PRODUCER with CONSUMER by parent and by link (another trace)', () =>
      withStore(open, async (store) => {
        const producer: TestSpanSpec = { service: 'orders', traceId: traceIdOf(620), spanId: spanIdOf(1), name: 'send', kind: SpanKind.PRODUCER, startNanos: T0, durationNanos: MS, attributes: { 'messaging.destination.name': 'orders-topic' } };
        const byParent: TestSpanSpec = { service: 'billing', traceId: traceIdOf(620), spanId: spanIdOf(2), parentSpanId: spanIdOf(1), name: 'process', kind: SpanKind.CONSUMER, startNanos: T0 + MS, durationNanos: MS };
        const byLink: TestSpanSpec = { service: 'shipping', traceId: traceIdOf(621), spanId: spanIdOf(3), name: 'process', kind: SpanKind.CONSUMER, startNanos: T0 + MS, durationNanos: MS, links: [{ traceId: traceIdOf(620), spanId: spanIdOf(1) }] };
        await store.write(testBatch([byLink]));
        await store.write(testBatch([producer, byParent]));
        assert.deepEqual(pairs(await store.getDependencies(...WINDOW)), ['orders->billing', 'orders->shipping']);
      }));

    test('a caller with no partner makes a virtual node from peer.service, server.address, db.system or messaging.destination.name', () =>
      withStore(open, async (store) => {
        const lone = (n: number, kind: SpanKind, attrs: Record<string, AnyValue>): TestSpanSpec => ({ service: 'app', traceId: traceIdOf(700 + n), spanId: spanIdOf(1), name: 'out', kind, startNanos: T0, durationNanos: MS, attributes: attrs });
        await store.write(testBatch([
          lone(1, SpanKind.CLIENT, { 'peer.service': 'billing-api', 'server.address': 'billing.internal', 'db.system': 'x' }),
          lone(2, SpanKind.CLIENT, { 'server.address': 'api.example.com', 'db.system': 'x' }),
          lone(3, SpanKind.CLIENT, { 'db.system': 'redis' }),
          lone(4, SpanKind.PRODUCER, { 'messaging.destination.name': 'audit-queue' }),
          lone(5, SpanKind.CLIENT, {}),
          lone(6, SpanKind.INTERNAL, { 'peer.service': 'not-a-call' }),
        ]));
        await edgeEventually(store, 'app', 'audit-queue');
        const edges = await store.getDependencies(...WINDOW);
        assert.deepEqual(pairs(edges), ['app->api.example.com (virtual)', 'app->audit-queue (virtual)', 'app->billing-api (virtual)', 'app->redis (virtual)']);
        assert.ok(edges.every((e) => e.callCount === 1));
      }));

    test('counts errors (4xx, or ERROR without a code), faults (5xx) and throttles (429)', () =>
      withStore(open, async (store) => {
        const specs = [
          call(1, 'a', 'b', { clientAttrs: { 'http.response.status_code': 200n } }),
          call(2, 'a', 'b', { clientAttrs: { 'http.response.status_code': 404n } }),
          call(3, 'a', 'b', { clientAttrs: { 'http.response.status_code': 429n } }),
          call(4, 'a', 'b', { clientAttrs: { 'http.response.status_code': 503n }, clientStatus: StatusCode.ERROR }),
          call(5, 'a', 'b', { serverAttrs: { 'http.status_code': 500n } }),
          call(6, 'a', 'b', { clientAttrs: { 'http.status_code': '400' } }),
          call(7, 'a', 'b', { serverStatus: StatusCode.ERROR }),
          call(8, 'a', 'b', { clientAttrs: { 'http.response.status_code': 200n }, serverStatus: StatusCode.ERROR }),
        ].flat();
        await store.write(testBatch(specs));
        const e = edge(await store.getDependencies(...WINDOW), 'a', 'b');
        assert.deepEqual([e?.callCount, e?.errorCount, e?.faultCount, e?.throttleCount], [8, 3, 2, 1]);
      }));

    test('p50 and p99 come from the latency histograms, merged across minutes and hours', () =>
      withStore(open, async (store) => {
        const specs: TestSpanSpec[] = [];
        for (let i = 1; i <= 100; i++) specs.push(...call(i, 'a', 'b', { start: T0 + BigInt(i % 7) * 50n * MINUTE, durationNanos: BigInt(i) * MS }));
        await store.write(testBatch(specs));
        const e = edge(await store.getDependencies(...WINDOW), 'a', 'b');
        assert.equal(e?.callCount, 100);
        const p50 = Number(e?.p50Nanos) / 1e6;
        const p99 = Number(e?.p99Nanos) / 1e6;
        assert.ok(p50 >= 45 && p50 <= 55, `p50 ${p50} ms, expected about 50`);
        assert.ok(p99 >= 90 && p99 <= 100, `p99 ${p99} ms, expected about 99`);
      }));

    test('a single latency comes back exactly as p50 and p99', () =>
      withStore(open, async (store) => {
        await store.write(testBatch(call(1, 'a', 'b', { durationNanos: 7n * MS })));
        const e = edge(await store.getDependencies(...WINDOW), 'a', 'b');
        assert.deepEqual([e?.p50Nanos, e?.p99Nanos], [7n * MS, 7n * MS]);
      }));

    test('only calls that started in the window count', () =>
      withStore(open, async (store) => {
        const specs = [call(1, 'a', 'b', { start: T0 }), call(2, 'a', 'b', { start: T0 + 3n * HOUR }), call(3, 'a', 'b', { start: T0 + 3n * HOUR + 10n * MINUTE })].flat();
        await store.write(testBatch(specs));
        const count = async (from: bigint, to: bigint) => edge(await store.getDependencies(from, to), 'a', 'b')?.callCount ?? 0;
        assert.equal(await count(T0 - HOUR, T0 + HOUR), 1);
        assert.equal(await count(T0 + 2n * HOUR, T0 + 5n * HOUR), 2);
        assert.equal(await count(T0 + 3n * HOUR + 5n * MINUTE, T0 + 4n * HOUR), 1);
        assert.equal(await count(T0 - 48n * HOUR, T0 + 48n * HOUR), 3);
        assert.equal(await count(T0 + 5n * HOUR, T0 + 6n * HOUR), 0);
        assert.deepEqual(await store.getDependencies(T0 + HOUR, T0 + HOUR), []);
      }));
  });
}
