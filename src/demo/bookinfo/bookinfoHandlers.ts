// The four Bookinfo applications (Istio's samples/bookinfo), reduced to their call graph and answers:
// productpage -> details, productpage -> reviews; reviews v2 and v3 -> ratings (black and red stars), v1 never does.
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppHandler, AppResponse } from '../app/appHandler.js';
import type { FaultInjector } from './faultInjector.js';
import type { BookinfoService, Workload } from './workloads.js';

const PRODUCT = { id: 0, title: 'The Comedy of Errors', descriptionHtml: 'Wikipedia Summary: The Comedy of Errors is one of William Shakespeare\'s early plays.' };

/** A path `/<prefix>/<id>` -> the id, for the routes with a product id. */
function productId(path: string, prefix: string): number | undefined {
  const m = new RegExp(`^/${prefix}/(\\d+)(\\?.*)?$`).exec(path);
  return m ? Number(m[1]) : undefined;
}

function productpage(): AppHandler {
  return {
    route: (path) => (/^\/productpage(\?.*)?$/.test(path) ? '/productpage' : undefined),
    async handle(req): Promise<AppResponse> {
      // Sequential, as Bookinfo's productpage does: details first, then reviews.
      const details = await req.call('details', `/details/${PRODUCT.id}`);
      const reviews = await req.call('reviews', `/reviews/${PRODUCT.id}`);
      return {
        status: 200,
        body: {
          product: PRODUCT,
          details: details.status === 200 ? details.body : { error: 'Sorry, product details are currently unavailable for this book.' },
          reviews: reviews.status === 200 ? reviews.body : { error: 'Sorry, product reviews are currently unavailable for this book.' },
        },
      };
    },
  };
}

function details(): AppHandler {
  return {
    route: (path) => (productId(path, 'details') === undefined ? undefined : '/details/{id}'),
    async handle(req) {
      const id = productId(req.path, 'details') ?? 0;
      return {
        status: 200,
        body: { id, author: 'William Shakespeare', year: 1595, type: 'paperback', pages: 200, publisher: 'PublisherA', language: 'English', 'ISBN-10': '1234567890', 'ISBN-13': '123-1234567890' },
      };
    },
  };
}

function reviews(workload: Workload, faults: FaultInjector): AppHandler {
  const color = workload.version === 'v2' ? 'black' : 'red';
  return {
    route: (path) => (productId(path, 'reviews') === undefined ? undefined : '/reviews/{id}'),
    async handle(req) {
      const id = productId(req.path, 'reviews') ?? 0;
      const list: Array<{ reviewer: string; text: string; rating?: unknown }> = [
        { reviewer: 'Reviewer1', text: 'An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!' },
        { reviewer: 'Reviewer2', text: 'Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare.' },
      ];
      if (workload.version !== 'v1') {
        const ratings = await req.call('ratings', `/ratings/${id}`);
        const stars = ratings.status === 200 ? (ratings.body as { ratings?: Record<string, number> }).ratings : undefined;
        for (const r of list) r.rating = stars ? { stars: stars[r.reviewer] ?? 0, color } : { error: 'Ratings service is currently unavailable' };
      }
      if (workload.version === 'v3') {
        const delay = faults.nextReviewsDelayMillis();
        if (delay > 0) await sleep(delay);
      }
      return { status: 200, body: { id, podname: workload.podName, clustername: 'null', reviews: list } };
    },
  };
}

function ratings(faults: FaultInjector): AppHandler {
  return {
    route: (path) => (productId(path, 'ratings') === undefined ? undefined : '/ratings/{id}'),
    async handle(req) {
      const id = productId(req.path, 'ratings') ?? 0;
      if (faults.nextRatingsFails()) return { status: 500, body: { error: 'injected fault' }, error: 'injected fault (--error-rate)' };
      return { status: 200, body: { id, ratings: { Reviewer1: 5, Reviewer2: 4 } } };
    },
  };
}

export function bookinfoHandler(workload: Workload, faults: FaultInjector): AppHandler {
  const byService: Record<BookinfoService, () => AppHandler> = {
    productpage,
    details,
    reviews: () => reviews(workload, faults),
    ratings: () => ratings(faults),
  };
  return byService[workload.service]();
}
