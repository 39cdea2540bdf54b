// Realistic traces for store tests and benchmarks: the Bookinfo call graph of the demo mesh (src/demo) as instrumented
// applications report it (OpenTelemetry HTTP semantic conventions), deterministic for a given seed.
//
//   productpage SERVER  GET /productpage
//     productpage CLIENT  GET -> details SERVER  GET /details/{id}
//     productpage CLIENT  GET -> reviews SERVER  GET /reviews/{id}
//                                  reviews CLIENT GET -> ratings SERVER GET /ratings/{id}
//                                                          ratings CLIENT SELECT (db.system mysql: a virtual peer)
import { SpanKind, StatusCode } from '../../src/model/span.js';
import type { TraceBatch } from '../../src/model/span.js';
import { randomHex, seededRandom } from '../support/seededRandom.js';
import { testBatch, type TestSpanSpec } from './testSpans.js';

/** Spans in one Bookinfo trace. */
export const BOOKINFO_SPANS_PER_TRACE = 9;

const MS = 1_000_000n;

function ms(random: () => number, min: number, max: number): bigint {
  return BigInt(Math.round((min + random() * (max - min)) * 1000)) * 1000n;
}

function httpServer(service: string, route: string, path: string, status: number): Record<string, string | bigint> {
  return {
    'http.request.method': 'GET',
    'http.route': route,
    'url.path': path,
    'url.scheme': 'http',
    'http.response.status_code': BigInt(status),
    'server.address': service,
    'server.port': 9080n,
    'network.peer.address': '10.0.0.' + String(route.length),
    'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64) bookinfo-loadgen/1.0',
  };
}

function httpClient(peer: string, path: string, status: number): Record<string, string | bigint> {
  return {
    'http.request.method': 'GET',
    'url.full': `http://${peer}:9080${path}`,
    'http.response.status_code': BigInt(status),
    'server.address': peer,
    'server.port': 9080n,
    'peer.service': peer,
  };
}

/**
 * One Bookinfo trace starting at `startNanos`. About 2% of ratings calls fail with 503 and 1% with 429; 1% of
 * details calls answer 404.
 */
export function bookinfoTrace(random: () => number, startNanos: bigint): TestSpanSpec[] {
  const traceId = randomHex(random, 16);
  const id = () => randomHex(random, 8);
  const roll = random();
  const ratingsStatus = roll < 0.02 ? 503 : roll < 0.03 ? 429 : 200;
  const detailsStatus = random() < 0.01 ? 404 : 200;
  const pod = (service: string) => ({ 'service.version': 'v1', 'k8s.namespace.name': 'bookinfo', 'k8s.pod.name': `${service}-v1-7d9c8b6f5-x2x7q`, 'host.name': `node-${service.length % 3}` });
  const book = String(Math.floor(random() * 100));
  const [pp, ppDetails, details, ppReviews, reviews, revRatings, ratings, ratingsDb] = [id(), id(), id(), id(), id(), id(), id(), id()];
  const t0 = startNanos;
  const detailsStart = t0 + ms(random, 0.2, 1);
  const detailsDur = ms(random, 1, 4);
  const reviewsStart = detailsStart + detailsDur + ms(random, 0.1, 0.3);
  const ratingsStart = reviewsStart + ms(random, 1, 3);
  const dbDur = ms(random, 0.5, 3);
  const ratingsDur = dbDur + ms(random, 0.5, ratingsStatus === 503 ? 40 : 2);
  const reviewsDur = ratingsStart - reviewsStart + ratingsDur + ms(random, 0.5, 2);
  const total = reviewsStart - t0 + reviewsDur + ms(random, 1, 5);
  const err = (status: number) => (status >= 500 ? StatusCode.ERROR : StatusCode.UNSET);
  const common = { traceId };
  return [
    { ...common, service: 'productpage', resourceAttributes: pod('productpage'), spanId: pp, name: 'GET /productpage', kind: SpanKind.SERVER, startNanos: t0, durationNanos: total, attributes: httpServer('productpage', '/productpage', '/productpage', ratingsStatus === 503 ? 500 : 200), status: err(ratingsStatus === 503 ? 500 : 200) },
    { ...common, service: 'productpage', resourceAttributes: pod('productpage'), spanId: ppDetails, parentSpanId: pp, name: 'GET', kind: SpanKind.CLIENT, startNanos: detailsStart, durationNanos: detailsDur + MS / 5n, attributes: httpClient('details', `/details/${book}`, detailsStatus) },
    { ...common, service: 'details', resourceAttributes: pod('details'), spanId: details, parentSpanId: ppDetails, name: 'GET /details/{id}', kind: SpanKind.SERVER, startNanos: detailsStart + MS / 10n, durationNanos: detailsDur, attributes: httpServer('details', '/details/{id}', `/details/${book}`, detailsStatus) },
    { ...common, service: 'productpage', resourceAttributes: pod('productpage'), spanId: ppReviews, parentSpanId: pp, name: 'GET', kind: SpanKind.CLIENT, startNanos: reviewsStart, durationNanos: reviewsDur + MS / 5n, attributes: httpClient('reviews', `/reviews/${book}`, ratingsStatus === 503 ? 500 : 200), status: err(ratingsStatus === 503 ? 500 : 200) },
    { ...common, service: 'reviews', resourceAttributes: pod('reviews'), spanId: reviews, parentSpanId: ppReviews, name: 'GET /reviews/{id}', kind: SpanKind.SERVER, startNanos: reviewsStart + MS / 10n, durationNanos: reviewsDur, attributes: httpServer('reviews', '/reviews/{id}', `/reviews/${book}`, ratingsStatus === 503 ? 500 : 200), status: err(ratingsStatus === 503 ? 500 : 200) },
    { ...common, service: 'reviews', resourceAttributes: pod('reviews'), spanId: revRatings, parentSpanId: reviews, name: 'GET', kind: SpanKind.CLIENT, startNanos: ratingsStart, durationNanos: ratingsDur + MS / 5n, attributes: httpClient('ratings', `/ratings/${book}`, ratingsStatus), status: err(ratingsStatus) },
    { ...common, service: 'ratings', resourceAttributes: pod('ratings'), spanId: ratings, parentSpanId: revRatings, name: 'GET /ratings/{id}', kind: SpanKind.SERVER, startNanos: ratingsStart + MS / 10n, durationNanos: ratingsDur, attributes: httpServer('ratings', '/ratings/{id}', `/ratings/${book}`, ratingsStatus), status: err(ratingsStatus) },
    { ...common, service: 'ratings', resourceAttributes: pod('ratings'), spanId: ratingsDb, parentSpanId: ratings, name: 'SELECT bookinfo.ratings', kind: SpanKind.CLIENT, startNanos: ratingsStart + MS / 5n, durationNanos: dbDur, attributes: { 'db.system': 'mysql', 'db.namespace': 'bookinfo', 'db.operation.name': 'SELECT', 'db.query.text': 'SELECT rating FROM ratings WHERE product_id = ?', 'server.address': 'mysql.bookinfo.svc', 'server.port': 3306n } },
    { ...common, service: 'ratings', resourceAttributes: pod('ratings'), spanId: id(), parentSpanId: ratings, name: 'compute stars', kind: SpanKind.INTERNAL, startNanos: ratingsStart + MS / 5n + dbDur, durationNanos: MS / 10n, attributes: { 'book.id': BigInt(book) } },
  ];
}

export interface BookinfoBatchOptions {
  /** Traces in all. */
  traces: number;
  /** Traces per batch (each batch holds whole traces, all services). */
  tracesPerBatch: number;
  /** Start of the first trace; later ones follow `intervalNanos` apart. */
  startNanos: bigint;
  intervalNanos: bigint;
  seed?: number;
}

/** Batches of whole Bookinfo traces, oldest first. */
export function* bookinfoBatches(options: BookinfoBatchOptions): Generator<TraceBatch> {
  const random = seededRandom(options.seed ?? 1);
  for (let done = 0; done < options.traces; ) {
    const specs: TestSpanSpec[] = [];
    const n = Math.min(options.tracesPerBatch, options.traces - done);
    for (let i = 0; i < n; i++, done++) specs.push(...bookinfoTrace(random, options.startNanos + BigInt(done) * options.intervalNanos));
    yield testBatch(specs);
  }
}
