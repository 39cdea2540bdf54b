import { SERVICE_PORT, serviceFqdn } from '../bookinfo/workloads.js';

// Bookinfo's productpage routes (samples/bookinfo/networking/bookinfo-gateway.yaml): exact /productpage, /login,
// /logout; prefixes /static and /api/v1/products. The other services have default routes.
const PRODUCTPAGE_EXACT = ['/productpage', '/login', '/logout'];
const PRODUCTPAGE_PREFIX = ['/static', '/api/v1/products'];

/**
 * The span name Istio's route decorator gives a request: `<host>:<port><match>`,
 * the match path for exact routes, `prefix*` for prefix routes and `/*` for the default route. Both sidecars of a
 * hop use the same name.
 */
export function routeDecoratorName(service: string, path: string): string {
  const bare = path.split('?')[0] ?? path;
  let match = '/*';
  if (service === 'productpage') {
    if (PRODUCTPAGE_EXACT.includes(bare)) match = bare;
    else {
      const prefix = PRODUCTPAGE_PREFIX.find((p) => bare.startsWith(p));
      if (prefix) match = `${prefix}*`;
    }
  }
  return `${serviceFqdn(service)}:${SERVICE_PORT}${match}`;
}
