// The call graph behind the generated benchmark traces: a 20-service web shop (in the spirit of OpenTelemetry's
// demo / Google's Online Boutique, extended to 20 services so the store's service catalogue and dependency graph have
// a realistic size). Each request type is a tree of HTTP hops with database, AWS and messaging leaves.

export type SdkLanguage = 'nodejs' | 'java' | 'go' | 'python' | 'dotnet';

export interface ShopService {
  name: string;
  language: SdkLanguage;
  version: string;
  port: number;
}

export type Call =
  /** An HTTP call: a CLIENT span in the caller, a SERVER span in the callee. */
  | { type: 'http'; to: Hop }
  /** A database call: a CLIENT span only (the database is a virtual node). */
  | { type: 'db'; system: 'postgresql' | 'redis' | 'mysql' | 'mongodb'; host: string; namespace: string; operation: string; statement: string }
  /** An AWS SDK call: a CLIENT span (rpc.system aws-api). */
  | { type: 'aws'; service: 'DynamoDB' | 'SQS' | 'S3'; operation: string; resource: string }
  /** A message: a PRODUCER span in the caller, a CONSUMER span (and its work) in the consumer. */
  | { type: 'publish'; destination: string; consumer: Hop }
  | { type: 'internal'; name: string };

export interface Hop {
  service: string;
  method: string;
  route: string;
  calls: Call[];
}

export const SHOP_SERVICES: readonly ShopService[] = [
  { name: 'frontend', language: 'nodejs', version: '2.4.1', port: 8080 },
  { name: 'auth', language: 'go', version: '1.9.0', port: 8080 },
  { name: 'catalog', language: 'java', version: '3.2.7', port: 8080 },
  { name: 'search', language: 'java', version: '1.4.2', port: 8080 },
  { name: 'recommendation', language: 'python', version: '0.9.3', port: 8080 },
  { name: 'cart', language: 'dotnet', version: '5.0.1', port: 7070 },
  { name: 'checkout', language: 'go', version: '2.1.0', port: 5050 },
  { name: 'payment', language: 'nodejs', version: '1.12.0', port: 50051 },
  { name: 'fraud-detection', language: 'java', version: '0.4.0', port: 8080 },
  { name: 'shipping', language: 'go', version: '1.3.3', port: 50051 },
  { name: 'currency', language: 'nodejs', version: '1.0.8', port: 7000 },
  { name: 'email', language: 'python', version: '1.1.0', port: 8080 },
  { name: 'inventory', language: 'java', version: '2.0.4', port: 8080 },
  { name: 'pricing', language: 'go', version: '1.6.0', port: 8080 },
  { name: 'reviews', language: 'java', version: '3.0.0', port: 9080 },
  { name: 'ratings', language: 'nodejs', version: '2.0.0', port: 9080 },
  { name: 'user-profile', language: 'python', version: '1.8.2', port: 8080 },
  { name: 'notification', language: 'go', version: '0.7.1', port: 8080 },
  { name: 'ads', language: 'java', version: '1.2.0', port: 9555 },
  { name: 'accounting', language: 'dotnet', version: '1.0.0', port: 8080 },
];

const byName = new Map(SHOP_SERVICES.map((s) => [s.name, s]));

export function shopService(name: string): ShopService {
  const s = byName.get(name);
  if (s === undefined) throw new Error(`unknown shop service ${name}`);
  return s;
}

const http = (service: string, method: string, route: string, calls: Call[] = []): Call => ({ type: 'http', to: { service, method, route, calls } });
const pg = (namespace: string, operation: string, table: string): Call => ({
  type: 'db',
  system: 'postgresql',
  host: `${namespace}-db.shop.svc.cluster.local`,
  namespace,
  operation,
  statement: operation === 'SELECT' ? `SELECT * FROM ${table} WHERE id = $1` : `${operation} INTO ${table} VALUES ($1, $2, $3)`,
});
const redis = (operation: string): Call => ({ type: 'db', system: 'redis', host: 'redis-cart.shop.svc.cluster.local', namespace: '0', operation, statement: `${operation} cart:{user}` });

const inventory = http('inventory', 'GET', '/stock/{sku}', [pg('inventory', 'SELECT', 'stock')]);
const ratings = http('ratings', 'GET', '/ratings/{productId}', [{ type: 'db', system: 'mongodb', host: 'ratings-mongo.shop.svc.cluster.local', namespace: 'ratings', operation: 'find', statement: '{"find":"ratings","filter":{"productId":"?"}}' }]);
const currency = http('currency', 'POST', '/convert', [{ type: 'internal', name: 'convert' }]);
const authCheck = http('auth', 'POST', '/v1/token/verify', [redis('GET')]);

/** Request types entering at `frontend`, with their relative frequency. */
export const SHOP_REQUESTS: readonly { weight: number; root: Hop }[] = [
  {
    weight: 40,
    root: {
      service: 'frontend',
      method: 'GET',
      route: '/product/{id}',
      calls: [
        http('catalog', 'GET', '/products/{id}', [pg('catalog', 'SELECT', 'products'), inventory]),
        http('pricing', 'GET', '/price/{id}', [currency]),
        http('reviews', 'GET', '/reviews/{productId}', [pg('reviews', 'SELECT', 'reviews'), ratings]),
        http('recommendation', 'GET', '/recommendations', [http('catalog', 'GET', '/products', [pg('catalog', 'SELECT', 'products')])]),
        http('ads', 'GET', '/ads', [{ type: 'internal', name: 'select ads' }]),
      ],
    },
  },
  {
    weight: 25,
    root: {
      service: 'frontend',
      method: 'GET',
      route: '/search',
      calls: [http('search', 'GET', '/search', [{ type: 'internal', name: 'rank results' }, http('catalog', 'GET', '/products', [pg('catalog', 'SELECT', 'products')])]), http('ads', 'GET', '/ads')],
    },
  },
  {
    weight: 15,
    root: {
      service: 'frontend',
      method: 'POST',
      route: '/cart',
      calls: [authCheck, http('cart', 'POST', '/cart/items', [redis('HSET'), inventory])],
    },
  },
  {
    weight: 8,
    root: {
      service: 'frontend',
      method: 'POST',
      route: '/checkout',
      calls: [
        authCheck,
        http('checkout', 'POST', '/checkout', [
          http('cart', 'GET', '/cart', [redis('HGETALL')]),
          currency,
          http('payment', 'POST', '/charge', [http('fraud-detection', 'POST', '/score', [{ type: 'internal', name: 'score model' }]), { type: 'aws', service: 'DynamoDB', operation: 'PutItem', resource: 'payments' }]),
          http('shipping', 'POST', '/ship', [{ type: 'aws', service: 'DynamoDB', operation: 'PutItem', resource: 'shipments' }]),
          { type: 'aws', service: 'SQS', operation: 'SendMessage', resource: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders' },
          {
            type: 'publish',
            destination: 'orders',
            consumer: { service: 'accounting', method: '', route: 'orders process', calls: [pg('accounting', 'INSERT', 'ledger')] },
          },
          http('email', 'POST', '/send/confirmation', [{ type: 'aws', service: 'S3', operation: 'GetObject', resource: 'shop-email-templates' }]),
          http('notification', 'POST', '/notify', [redis('PUBLISH')]),
        ]),
      ],
    },
  },
  {
    weight: 12,
    root: {
      service: 'frontend',
      method: 'GET',
      route: '/account',
      calls: [authCheck, http('user-profile', 'GET', '/users/{id}', [pg('users', 'SELECT', 'users')])],
    },
  },
];

/** Picks a request type by weight for `r` in [0, 1). */
export function pickRequest(r: number): Hop {
  const total = SHOP_REQUESTS.reduce((n, q) => n + q.weight, 0);
  let x = r * total;
  for (const q of SHOP_REQUESTS) {
    x -= q.weight;
    if (x < 0) return q.root;
  }
  return (SHOP_REQUESTS[SHOP_REQUESTS.length - 1] as { root: Hop }).root;
}
