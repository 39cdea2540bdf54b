// Application spans as the OpenTelemetry SDKs report them (HTTP, database, AWS SDK and messaging semantic conventions,
// https://github.com/open-telemetry/semantic-conventions), over the call graph of shopTopology.ts. Deterministic for a
// seed. Used for the OTLP and X-Ray benchmarks and to fill the store.
import type { AnyValue, Attributes, Span, SpanEvent, SpanKind as SpanKindType, StatusCode as StatusCodeType } from '../src/model/span.js';
import { SpanKind, StatusCode } from '../src/model/span.js';
import { randomHex, randomInt } from '../test/support/seededRandom.js';
import type { Call, Hop } from './shopTopology.js';
import { pickRequest, shopService } from './shopTopology.js';

/** The instrumentation scope a span comes from. */
export type ShopScope = 'http' | 'db' | 'aws' | 'messaging' | 'internal';

export interface ShopSpan {
  service: string;
  scope: ShopScope;
  span: Span;
}

const DB_PORTS: Record<string, bigint> = { postgresql: 5432n, redis: 6379n, mysql: 3306n, mongodb: 27017n };
const USER_AGENTS: Record<string, string> = {
  nodejs: 'node-fetch/1.0',
  java: 'okhttp/4.12.0',
  go: 'Go-http-client/1.1',
  python: 'python-requests/2.31.0',
  dotnet: 'dotnet-httpclient/8.0',
};
const BROWSER_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const TIERS = ['gold', 'silver', 'silver', 'bronze', 'bronze', 'bronze'];

/** Nanoseconds for a uniformly random duration in [minMs, maxMs]. */
function ms(random: () => number, minMs: number, maxMs: number): bigint {
  return BigInt(Math.round((minMs + random() * (maxMs - minMs)) * 1e6));
}

/** Pod IP of a service (stable, so peers agree). */
export function podIp(service: string): string {
  let h = 0;
  for (let i = 0; i < service.length; i++) h = (h * 31 + service.charCodeAt(i)) >>> 0;
  return `10.244.${(h >>> 8) % 250}.${(h % 250) + 2}`;
}

function fillPath(random: () => number, route: string): string {
  return route.replace(/\{[^}]+\}/g, () => String(randomInt(random, 1, 5000)));
}

interface Ctx {
  random: () => number;
  traceId: string;
  out: ShopSpan[];
}

function span(ctx: Ctx, spanId: string, parentSpanId: string, name: string, kind: SpanKindType, start: bigint, end: bigint, attributes: Attributes, status: StatusCodeType = StatusCode.UNSET, events: SpanEvent[] = []): Span {
  return {
    traceId: ctx.traceId,
    spanId,
    parentSpanId,
    traceState: '',
    flags: 1,
    name,
    kind,
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    attributes,
    droppedAttributesCount: 0,
    events,
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: status, message: '' },
  };
}

function exceptionEvent(at: bigint, type: string, message: string, where: string): SpanEvent {
  return {
    timeUnixNano: at,
    name: 'exception',
    attributes: new Map<string, AnyValue>([
      ['exception.type', type],
      ['exception.message', message],
      ['exception.stacktrace', `${type}: ${message}\n    at handle (${where}:42:13)\n    at process (${where}:17:5)`],
    ]),
    droppedAttributesCount: 0,
  };
}

/** A SERVER (or CONSUMER) span for `hop` and everything below it; returns its end and HTTP status. */
function serveHop(ctx: Ctx, hop: Hop, parentSpanId: string, callerService: string | undefined, start: bigint, kind: SpanKindType): { end: bigint; status: number } {
  const { random } = ctx;
  const service = shopService(hop.service);
  const spanId = randomHex(random, 8);
  let cursor = start + ms(random, 0.05, 0.4);
  let childFault = false;
  for (const call of hop.calls) {
    const r = makeCall(ctx, call, hop.service, spanId, cursor);
    cursor = r.end + ms(random, 0.02, 0.2);
    if (r.status >= 500) childFault = true;
  }
  const roll = random();
  const status = childFault ? 502 : roll < 0.003 ? 503 : roll < 0.005 ? 429 : roll < 0.012 && hop.method === 'GET' ? 404 : 200;
  const slow = random() < 0.01;
  const end = cursor + (slow ? ms(random, 60, 400) : ms(random, 0.1, 2.5));
  const events = status >= 500 && !childFault ? [exceptionEvent(end, 'ServiceUnavailableError', `${hop.service} is overloaded`, `${hop.service}/handler`)] : [];
  const code = status >= 500 ? StatusCode.ERROR : StatusCode.UNSET;
  if (kind === SpanKind.CONSUMER) {
    const attributes: Attributes = new Map<string, AnyValue>([
      ['messaging.system', 'kafka'],
      ['messaging.operation.type', 'process'],
      ['messaging.destination.name', hop.route.split(' ')[0] as string],
      ['messaging.consumer.group.name', hop.service],
      ['messaging.kafka.message.offset', BigInt(randomInt(random, 1, 9_000_000))],
    ]);
    ctx.out.push({ service: hop.service, scope: 'messaging', span: span(ctx, spanId, parentSpanId, hop.route, kind, start, end, attributes, code, events) });
    return { end, status };
  }
  const path = fillPath(random, hop.route);
  const attributes: Attributes = new Map<string, AnyValue>([
    ['http.request.method', hop.method],
    ['http.route', hop.route],
    ['url.path', path],
    ['url.scheme', 'http'],
    ['http.response.status_code', BigInt(status)],
    ['server.address', hop.service],
    ['server.port', BigInt(service.port)],
    ['client.address', callerService === undefined ? `203.0.113.${randomInt(random, 1, 254)}` : podIp(callerService)],
    ['network.protocol.version', '1.1'],
    ['user_agent.original', callerService === undefined ? BROWSER_UA : (USER_AGENTS[shopService(callerService).language] as string)],
  ]);
  if (callerService === undefined) {
    attributes.set('customer.tier', TIERS[Math.floor(random() * TIERS.length)] as string);
    attributes.set('enduser.id', `user-${randomInt(random, 1, 200_000)}`);
  }
  ctx.out.push({ service: hop.service, scope: 'http', span: span(ctx, spanId, parentSpanId, `${hop.method} ${hop.route}`, kind, start, end, attributes, code, events) });
  return { end, status };
}

/** The caller-side span(s) of one call starting at `start`; returns the call's end and status. */
function makeCall(ctx: Ctx, call: Call, caller: string, parentSpanId: string, start: bigint): { end: bigint; status: number } {
  const { random } = ctx;
  const spanId = randomHex(random, 8);
  switch (call.type) {
    case 'http': {
      const callee = shopService(call.to.service);
      const served = serveHop(ctx, call.to, spanId, caller, start + ms(random, 0.1, 0.6), SpanKind.SERVER);
      const end = served.end + ms(random, 0.1, 0.6);
      const attributes: Attributes = new Map<string, AnyValue>([
        ['http.request.method', call.to.method],
        ['url.full', `http://${callee.name}:${callee.port}${fillPath(random, call.to.route)}`],
        ['server.address', callee.name],
        ['server.port', BigInt(callee.port)],
        ['http.response.status_code', BigInt(served.status)],
        ['network.protocol.version', '1.1'],
      ]);
      ctx.out.push({ service: caller, scope: 'http', span: span(ctx, spanId, parentSpanId, call.to.method, SpanKind.CLIENT, start, end, attributes, served.status >= 400 ? StatusCode.ERROR : StatusCode.UNSET) });
      return { end, status: served.status };
    }
    case 'db': {
      const end = start + (random() < 0.01 ? ms(random, 20, 150) : ms(random, 0.2, 3));
      const attributes: Attributes = new Map<string, AnyValue>([
        ['db.system', call.system],
        ['db.namespace', call.namespace],
        ['db.operation.name', call.operation],
        ['db.query.text', call.statement],
        ['server.address', call.host],
        ['server.port', DB_PORTS[call.system] as bigint],
      ]);
      ctx.out.push({ service: caller, scope: 'db', span: span(ctx, spanId, parentSpanId, `${call.operation} ${call.namespace}`, SpanKind.CLIENT, start, end, attributes) });
      return { end, status: 200 };
    }
    case 'aws': {
      const throttled = random() < 0.002;
      const end = start + ms(random, 2, 12);
      const attributes: Attributes = new Map<string, AnyValue>([
        ['rpc.system', 'aws-api'],
        ['rpc.service', call.service],
        ['rpc.method', call.operation],
        ['cloud.region', 'us-east-1'],
        ['aws.request_id', randomHex(random, 16).toUpperCase()],
        ['http.response.status_code', throttled ? 400n : 200n],
      ]);
      if (call.service === 'DynamoDB') attributes.set('aws.dynamodb.table_names', [call.resource]);
      else if (call.service === 'SQS') {
        attributes.set('messaging.system', 'aws_sqs');
        attributes.set('messaging.destination.name', call.resource.slice(call.resource.lastIndexOf('/') + 1));
        attributes.set('aws.queue_url', call.resource);
      } else attributes.set('aws.s3.bucket', call.resource);
      const events = throttled ? [exceptionEvent(end, 'ProvisionedThroughputExceededException', 'Rate of requests exceeds the allowed throughput.', 'aws-sdk/client')] : [];
      ctx.out.push({ service: caller, scope: 'aws', span: span(ctx, spanId, parentSpanId, `${call.service}.${call.operation}`, SpanKind.CLIENT, start, end, attributes, throttled ? StatusCode.ERROR : StatusCode.UNSET, events) });
      return { end, status: throttled ? 429 : 200 };
    }
    case 'publish': {
      const end = start + ms(random, 0.3, 2);
      const attributes: Attributes = new Map<string, AnyValue>([
        ['messaging.system', 'kafka'],
        ['messaging.operation.type', 'publish'],
        ['messaging.destination.name', call.destination],
        ['server.address', 'kafka.shop.svc.cluster.local'],
        ['server.port', 9092n],
      ]);
      ctx.out.push({ service: caller, scope: 'messaging', span: span(ctx, spanId, parentSpanId, `publish ${call.destination}`, SpanKind.PRODUCER, start, end, attributes) });
      serveHop(ctx, call.consumer, spanId, caller, end + ms(random, 1, 25), SpanKind.CONSUMER);
      return { end, status: 200 };
    }
    case 'internal': {
      const end = start + ms(random, 0.05, 2);
      const attributes: Attributes = new Map<string, AnyValue>([['code.function.name', call.name.replace(/ /g, '_')]]);
      ctx.out.push({ service: caller, scope: 'internal', span: span(ctx, spanId, parentSpanId, call.name, SpanKind.INTERNAL, start, end, attributes) });
      return { end, status: 200 };
    }
  }
}

/** One request through the shop starting at `startNanos`, children before parents (the order SDKs export in). */
export function shopTrace(random: () => number, startNanos: bigint): ShopSpan[] {
  const ctx: Ctx = { random, traceId: randomHex(random, 16), out: [] };
  serveHop(ctx, pickRequest(random()), '', undefined, startNanos, SpanKind.SERVER);
  return ctx.out;
}
