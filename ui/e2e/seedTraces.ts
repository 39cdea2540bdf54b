// Traces the UI end-to-end tests send through the receivers: a Bookinfo-like mesh trace whose application spans
// arrive over OTLP and whose sidecar spans arrive as Envoy's Zipkin spans (docs/zipkin-mesh.md), the same call failing
// with a 503, and a 10,000-span trace for the render benchmark. Times are relative to `nowNanos` so every default
// window (search lookback, service map window) holds them.
import type { AnyValue } from '../../src/model/span.js';
import { SpanKind } from '../../src/model/span.js';
import { seededRandom } from '../../test/support/seededRandom.js';
import { seedTrace, type SeedTrace } from './seedTrace.js';
import { SEED_NAMESPACE, seedPodIp, type EnvoyHop, type SpanSpec } from './seedSpanSpec.js';

export const MESH_TRACE_ID = '5b8efff798038103d269b633813fc60c';
export const ERROR_TRACE_ID = 'e1e1e1e1e1e1e1e1a2a2a2a2a2a2a2a2';
export const BIG_TRACE_ID = 'b16b16b16b16b16b16b16b16b16b16b1';
export const BIG_TRACE_SPANS = 10_000;

/** Span ids in the mesh trace the tests click on. */
export const MESH_SPANS = {
  ingressSidecar: 'a000000000000001',
  productpage: 'a000000000000002',
  reviewsClient: 'a000000000000005',
  reviewsOutbound: 'a000000000000006',
  reviewsInbound: 'a000000000000007',
  reviewsApp: 'a000000000000008',
} as const;

const US = 1_000n;
const MS = 1_000_000n;
const PORT = 9080;

const fqdn = (service: string) => `${service}.${SEED_NAMESPACE}.svc.cluster.local`;

/** The sidecar of `service` receiving a request from `from` (`inbound|port||host`, Istio's cluster name). */
function inbound(service: string, from: string, status: number, path: string): EnvoyHop {
  return { upstreamCluster: `inbound|${PORT}||${fqdn(service)}`, status, url: `http://${service}:${PORT}${path}`, peerAddress: seedPodIp(from) };
}

/** The sidecar of `caller` sending its application's request on to `callee` (`outbound|port|subset|host`). */
function outbound(caller: string, callee: string, status: number, path: string): EnvoyHop {
  return { upstreamCluster: `outbound|${PORT}||${fqdn(callee)}`, status, url: `http://${callee}:${PORT}${path}`, peerAddress: seedPodIp(caller) };
}

/** The service-map edges of a Bookinfo request (mysql is a virtual node: named by the ratings CLIENT span). */
const BOOKINFO_EDGES = ['productpage->details', 'productpage->reviews', 'reviews->ratings', 'ratings->mysql'];

/**
 * A Bookinfo request as a mesh reports it: every hop is app CLIENT -> outbound sidecar -> inbound sidecar -> app
 * SERVER once the istio processor has normalized the sidecar spans (docs/zipkin-mesh.md; each `kind` below is the
 * normalized one, Envoy reports CLIENT). With `reviewsStatus` 503 the reviews application fails and the error travels
 * back up as it would through Envoy.
 */
function bookinfoSpans(prefix: string, reviewsStatus: number, slowRatingsMs: bigint): SpanSpec[] {
  const id = (n: number) => `${prefix}${n.toString(16).padStart(15, '0')}`;
  const fail = reviewsStatus >= 500 ? `HTTP ${reviewsStatus}` : undefined;
  const ratings = 4n * MS + slowRatingsMs;
  return [
    { service: 'productpage', id: id(1), name: 'productpage.bookinfo.svc.cluster.local:9080/productpage', kind: SpanKind.SERVER, start: 0n, duration: 48n * MS + slowRatingsMs, envoy: inbound('productpage', 'istio-ingressgateway', reviewsStatus >= 500 ? 500 : 200, '/productpage') },
    { service: 'productpage', id: id(2), parent: id(1), name: 'GET /productpage', kind: SpanKind.SERVER, start: 600n * US, duration: 46n * MS + slowRatingsMs, error: fail,
      attributes: { 'http.request.method': 'GET', 'http.route': '/productpage', 'http.response.status_code': BigInt(reviewsStatus >= 500 ? 500 : 200), 'url.path': '/productpage' },
      events: [{ timeUnixNano: 41n * MS, name: 'template rendered', attributes: new Map<string, AnyValue>([['template', 'productpage.html'], ['cache.hit', false]]), droppedAttributesCount: 0 }] },
    { service: 'productpage', id: id(3), parent: id(2), name: 'GET details', kind: SpanKind.CLIENT, start: 1n * MS, duration: 6n * MS, attributes: { 'peer.service': 'details', 'url.full': 'http://details:9080/details/0', 'http.response.status_code': 200n } },
    { service: 'productpage', id: id(9), parent: id(3), name: 'details.bookinfo.svc.cluster.local:9080/*', kind: SpanKind.CLIENT, start: 1200n * US, duration: 5600n * US, envoy: outbound('productpage', 'details', 200, '/details/0') },
    { service: 'details', id: id(10), parent: id(9), name: 'details.bookinfo.svc.cluster.local:9080/*', kind: SpanKind.SERVER, start: 1700n * US, duration: 4600n * US, envoy: inbound('details', 'productpage', 200, '/details/0') },
    { service: 'details', id: id(11), parent: id(10), name: 'GET /details/0', kind: SpanKind.SERVER, start: 2200n * US, duration: 3500n * US, attributes: { 'http.route': '/details/{id}', 'http.response.status_code': 200n } },
    { service: 'productpage', id: id(5), parent: id(2), name: 'GET reviews', kind: SpanKind.CLIENT, start: 8n * MS, duration: 36n * MS + slowRatingsMs, error: fail, attributes: { 'peer.service': 'reviews', 'url.full': 'http://reviews:9080/reviews/0', 'http.response.status_code': BigInt(reviewsStatus) } },
    { service: 'productpage', id: id(6), parent: id(5), name: 'reviews.bookinfo.svc.cluster.local:9080/*', kind: SpanKind.CLIENT, start: 8300n * US, duration: 35n * MS + slowRatingsMs, envoy: outbound('productpage', 'reviews', reviewsStatus, '/reviews/0') },
    { service: 'reviews', id: id(7), parent: id(6), name: 'reviews.bookinfo.svc.cluster.local:9080/*', kind: SpanKind.SERVER, start: 9n * MS, duration: 33n * MS + slowRatingsMs, envoy: inbound('reviews', 'productpage', reviewsStatus, '/reviews/0') },
    { service: 'reviews', id: id(8), parent: id(7), name: 'GET /reviews/0', kind: SpanKind.SERVER, start: 10n * MS, duration: 30n * MS + slowRatingsMs, error: fail,
      attributes: { 'http.route': '/reviews/{id}', 'http.response.status_code': BigInt(reviewsStatus), 'reviews.version': 'v2' },
      links: [{ traceId: MESH_TRACE_ID, spanId: id(2), traceState: '', attributes: new Map<string, AnyValue>([['link.reason', 'retry-of']]), droppedAttributesCount: 0, flags: 1 }] },
    { service: 'reviews', id: id(12), parent: id(8), name: 'GET ratings', kind: SpanKind.CLIENT, start: 14n * MS, duration: ratings + 4n * MS, attributes: { 'peer.service': 'ratings', 'http.response.status_code': 200n } },
    { service: 'reviews', id: id(13), parent: id(12), name: 'ratings.bookinfo.svc.cluster.local:9080/*', kind: SpanKind.CLIENT, start: 14500n * US, duration: ratings + 3n * MS, envoy: outbound('reviews', 'ratings', 200, '/ratings/0') },
    { service: 'ratings', id: id(14), parent: id(13), name: 'ratings.bookinfo.svc.cluster.local:9080/*', kind: SpanKind.SERVER, start: 15n * MS, duration: ratings + 2n * MS, envoy: inbound('ratings', 'reviews', 200, '/ratings/0') },
    { service: 'ratings', id: id(15), parent: id(14), name: 'GET /ratings/0', kind: SpanKind.SERVER, start: 16n * MS, duration: ratings, attributes: { 'http.route': '/ratings/{id}', 'http.response.status_code': 200n } },
    { service: 'ratings', id: id(16), parent: id(15), name: 'SELECT ratings', kind: SpanKind.CLIENT, start: 17n * MS, duration: 2n * MS, attributes: { 'db.system': 'mysql', 'db.statement': 'SELECT * FROM ratings WHERE product_id = ?', 'server.address': 'mysql' } },
  ];
}

/** The mesh trace, started two minutes before `nowNanos`. */
export function meshTrace(nowNanos: bigint): SeedTrace {
  const specs = bookinfoSpans('a', 200, 0n);
  // Fixed ids for the spans the tests address by name (the generator numbers them).
  const rename = new Map<string, string>([
    [`a${(1).toString(16).padStart(15, '0')}`, MESH_SPANS.ingressSidecar],
    [`a${(2).toString(16).padStart(15, '0')}`, MESH_SPANS.productpage],
  ]);
  const fixed = specs.map((s) => ({ ...s, id: rename.get(s.id) ?? s.id, parent: s.parent === undefined ? undefined : (rename.get(s.parent) ?? s.parent) }));
  return seedTrace(MESH_TRACE_ID, nowNanos - 120_000n * MS, fixed, BOOKINFO_EDGES);
}

/** The same request a minute later, failing in reviews with a 503 after slow ratings calls. */
export function errorTrace(nowNanos: bigint): SeedTrace {
  return seedTrace(ERROR_TRACE_ID, nowNanos - 60_000n * MS, bookinfoSpans('e', 503, 25n * MS), BOOKINFO_EDGES);
}

const BIG_SERVICES = ['frontend', 'catalog', 'pricing', 'inventory', 'search', 'recommendations', 'cart', 'shipping'];

/**
 * A 10,000-span trace shaped like a fan-out-heavy request: breadth-first, each span gets 0-6 children inside its own
 * time, a fifth of them sidecar spans, a few errors. Three minutes before `nowNanos`.
 */
export function bigTrace(nowNanos: bigint): SeedTrace {
  const rnd = seededRandom(42);
  const specs: SpanSpec[] = [{ service: 'frontend', id: (1).toString(16).padStart(16, '0'), name: 'GET /catalog', kind: SpanKind.SERVER, start: 0n, duration: 2_000n * MS }];
  for (let q = 0; specs.length < BIG_TRACE_SPANS; q++) {
    const parent = specs[q % specs.length] as SpanSpec;
    const kids = q === 0 ? 8 : Math.floor(rnd() * 7);
    for (let k = 0; k < kids && specs.length < BIG_TRACE_SPANS; k++) {
      const offset = BigInt(Math.floor(rnd() * Number(parent.duration) * 0.5));
      const duration = BigInt(Math.max(1_000, Math.floor(rnd() * Number(parent.duration - offset) * 0.9)));
      const n = specs.length + 1;
      const service = BIG_SERVICES[Math.floor(rnd() * BIG_SERVICES.length)] as string;
      const proxy = rnd() < 0.2;
      specs.push({
        service,
        id: n.toString(16).padStart(16, '0'),
        parent: parent.id,
        name: proxy ? `${service}.shop.svc.cluster.local:8080/*` : `${['GET', 'POST', 'query', 'load', 'compute'][n % 5]} ${service}/${n % 37}`,
        // No CLIENT spans: the render benchmark's trace should not add edges to the Bookinfo service map.
        kind: proxy ? SpanKind.SERVER : SpanKind.INTERNAL,
        start: parent.start + offset,
        duration,
        proxy,
        error: rnd() < 0.01 ? 'deadline exceeded' : undefined,
        attributes: { 'app.item': BigInt(n), 'app.shard': `s${n % 16}` },
      });
    }
  }
  return seedTrace(BIG_TRACE_ID, nowNanos - 180_000n * MS, specs);
}
