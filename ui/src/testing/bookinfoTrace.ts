import type { SpanSpec } from './apiWire.js';
import { spanId } from './apiWire.js';

/** The spans of one Bookinfo request (productpage -> reviews through its sidecar -> ratings; productpage -> details). */
export const SPANS = {
  productpage: spanId(1),
  reviewsCall: spanId(2),
  reviewsSidecar: spanId(3),
  reviews: spanId(4),
  ratingsCall: spanId(5),
  ratings: spanId(6),
  detailsCall: spanId(7),
  details: spanId(8),
} as const;

export interface BookinfoOptions {
  /** How much longer the reviews service takes than its usual 29ms (everything after it moves along). */
  slowerReviewsMs?: number;
  /** Ratings fails with this status message. */
  ratingsError?: string;
}

export function bookinfoSpans({ slowerReviewsMs: d = 0, ratingsError }: BookinfoOptions = {}): SpanSpec[] {
  return [
    { id: SPANS.productpage, service: 'productpage', name: 'GET /productpage', kind: 'SERVER', startMs: 0, endMs: 48 + d },
    { id: SPANS.reviewsCall, parent: SPANS.productpage, service: 'productpage', name: 'reviews.get', kind: 'CLIENT', startMs: 5, endMs: 40 + d },
    {
      id: SPANS.reviewsSidecar,
      parent: SPANS.reviewsCall,
      service: 'reviews',
      name: 'reviews.default.svc.cluster.local:9080/*',
      kind: 'SERVER',
      startMs: 6,
      endMs: 39 + d,
      sidecar: true,
      attributes: { upstream_cluster: 'inbound|9080||', 'http.response.status_code': 200 },
    },
    { id: SPANS.reviews, parent: SPANS.reviewsSidecar, service: 'reviews', name: 'GET /reviews/0', kind: 'SERVER', startMs: 8, endMs: 37 + d },
    { id: SPANS.ratingsCall, parent: SPANS.reviews, service: 'reviews', name: 'ratings.get', kind: 'CLIENT', startMs: 10, endMs: 30 },
    {
      id: SPANS.ratings,
      parent: SPANS.ratingsCall,
      service: 'ratings',
      name: 'GET /ratings/0',
      kind: 'SERVER',
      startMs: 12,
      endMs: 28,
      attributes: { 'http.response.status_code': ratingsError === undefined ? 200 : 503 },
      error: ratingsError,
    },
    { id: SPANS.detailsCall, parent: SPANS.productpage, service: 'productpage', name: 'details.get', kind: 'CLIENT', startMs: 41 + d, endMs: 46 + d },
    { id: SPANS.details, parent: SPANS.detailsCall, service: 'details', name: 'GET /details/0', kind: 'SERVER', startMs: 42 + d, endMs: 45 + d },
  ];
}
