// Fuzz targets per query API: routes of the Jaeger, Zipkin and native APIs with parameters and path segments drawn
// from hostile values, and the X-Ray API's read operations with mutated JSON bodies.
import fc from 'fast-check';
import type { AllInOne } from '../../support/allInOne.js';
import { rawRequest } from '../../support/rawHttp.js';
import { httpOutcome, type FuzzTarget } from '../fuzzRunner.js';
import { mutatedJson } from '../mutate.js';
import { CANARY_AGENT } from './ingestTargets.js';
import { xraySegment, zipkinV2Spans } from './sampleData.js';

const SEEDED_TRACE = '00000000000000005f0d3e1a9b7c4d2e';
const deepJson = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

/** Query parameter values, already percent-encoded: plausible ones and hostile ones (bad UTF-8, huge, deep, regex). */
const paramValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('frontend', 'backend', 'get /', SEEDED_TRACE, '5f0d3e1a9b7c4d2e', '1h', '10ms', '20', '0', 'client', 'server', 'http.method=GET', 'http.method', '{"http.method":"GET"}'),
  fc.constantFrom('%ED%A0%80', '%FF%FE', '%00', '%', '%zz', '1e999', '-1', '18446744073709551616', '9'.repeat(400), 'NaN', '-0', '1.5', 'P1D', '99999999h', '-5m'),
  fc.constantFrom('(a%2B)%2B%24', '(%3F%3Cx%3E', '%5B', '%5C', '.*'.repeat(50), encodeURIComponent('(a|aa)*b'), encodeURIComponent('{"a":'), encodeURIComponent(deepJson(2000)), encodeURIComponent('http.method=(x+x+)+y'), 'a'.repeat(8000)),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
);

interface Route {
  path: string;
  params: readonly string[];
}

function routeUrls(base: string, routes: readonly Route[]): fc.Arbitrary<string> {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      segment: paramValue,
      params: fc.array(fc.tuple(fc.nat(), paramValue), { maxLength: 6 }),
      extra: fc.option(fc.tuple(fc.string({ maxLength: 10 }).map(encodeURIComponent), paramValue), { freq: 4 }),
    })
    .map(({ route, segment, params, extra }) => {
      const query = params.map(([i, v]) => `${encodeURIComponent(route.params[i % Math.max(1, route.params.length)] ?? 'x')}=${v}`);
      if (extra !== null) query.push(`${extra[0]}=${extra[1]}`);
      return `${base}${route.path.replace(':id', segment)}${query.length > 0 ? `?${query.join('&')}` : ''}`;
    });
}

function getTarget(name: string, urls: fc.Arbitrary<string>): FuzzTarget<string> {
  return { name, inputs: urls, describe: (u) => u, send: (u) => httpOutcome(u) };
}

const JAEGER: readonly Route[] = [
  { path: '/api/services', params: [] },
  { path: '/api/services/:id/operations', params: ['spanKind'] },
  { path: '/api/operations', params: ['service', 'spanKind'] },
  { path: '/api/traces', params: ['service', 'operation', 'tags', 'tag', 'start', 'end', 'lookback', 'minDuration', 'maxDuration', 'limit', 'traceID'] },
  { path: '/api/traces/:id', params: [] },
  { path: '/api/dependencies', params: ['endTs', 'lookback', 'service'] },
  { path: '/api/v3/services', params: [] },
  { path: '/api/v3/operations', params: ['service', 'span_kind'] },
  { path: '/api/v3/traces', params: ['query.service_name', 'query.operation_name', 'query.attributes', 'query.start_time_min', 'query.start_time_max', 'query.duration_min', 'query.duration_max', 'query.num_traces'] },
  { path: '/api/v3/traces/:id', params: ['start_time', 'end_time'] },
];

const ZIPKIN: readonly Route[] = [
  { path: '/api/v2/services', params: [] },
  { path: '/api/v2/spans', params: ['serviceName'] },
  { path: '/api/v2/remoteServices', params: ['serviceName'] },
  { path: '/api/v2/traces', params: ['serviceName', 'spanName', 'remoteServiceName', 'annotationQuery', 'minDuration', 'maxDuration', 'endTs', 'lookback', 'limit'] },
  { path: '/api/v2/trace/:id', params: [] },
  { path: '/api/v2/traceMany', params: ['traceIds'] },
  { path: '/api/v2/dependencies', params: ['endTs', 'lookback'] },
  { path: '/api/v2/autocompleteKeys', params: [] },
  { path: '/api/v2/autocompleteValues', params: ['key'] },
];

const NATIVE: readonly Route[] = [
  { path: '/api/v1/services', params: [] },
  { path: '/api/v1/operations', params: ['service'] },
  { path: '/api/v1/traces', params: ['service', 'operation', 'spanKind', 'attr', 'start', 'end', 'minDuration', 'maxDuration', 'limit', 'cursor'] },
  { path: '/api/v1/traces/:id', params: [] },
  { path: '/api/v1/traces/:id/summary', params: [] },
  { path: '/api/v1/dependencies', params: ['start', 'end'] },
];

/** X-Ray read operations with their valid bodies (times relative to now). */
function xrayReadBodies(): Array<[string, unknown]> {
  const now = Math.floor(Date.now() / 1000);
  const traceId = xraySegment().trace_id as string;
  return [
    ['/TraceSummaries', { StartTime: now - 600, EndTime: now + 60, FilterExpression: 'service("front") AND annotation.tier = "gold" AND responsetime > 0.1', Sampling: false, NextToken: null }],
    ['/Traces', { TraceIds: [traceId, '1-00000000-000000000000000000000000'] }],
    ['/ServiceGraph', { StartTime: now - 600, EndTime: now + 60 }],
    ['/TraceGraph', { TraceIds: [traceId] }],
    ['/GetSamplingRules', {}],
    ['/SamplingTargets', { SamplingStatisticsDocuments: [{ RuleName: 'Default', ClientID: 'fuzz', Timestamp: now, RequestCount: 10, SampledCount: 3, BorrowCount: 0 }] }],
  ];
}

interface XrayRead {
  path: string;
  body: Buffer;
}

export function queryTargets(a: AllInOne): Array<FuzzTarget<string> | FuzzTarget<XrayRead>> {
  const xray: fc.Arbitrary<XrayRead> = fc.oneof(...xrayReadBodies().map(([path, body]) => mutatedJson([body]).map((b): XrayRead => ({ path, body: b }))));
  const xrayTarget: FuzzTarget<XrayRead> = {
    name: 'xray query API',
    inputs: xray,
    describe: ({ path, body }) => `${path} ${body.toString('utf8').slice(0, 300)}`,
    send: ({ path, body }) => httpOutcome(`${a.xrayApi}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
  };
  return [
    getTarget('jaeger query API', routeUrls(a.query, JAEGER)),
    getTarget('zipkin query API', routeUrls(a.zipkin, ZIPKIN)),
    getTarget('native query API', routeUrls(a.query, NATIVE)),
    xrayTarget,
  ];
}

/** Stores the traces the queries find: Zipkin spans and an X-Ray trace. */
export async function seedQueryData(a: AllInOne): Promise<void> {
  const zipkin = await fetch(`${a.zipkin}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(zipkinV2Spans()) });
  const xray = await fetch(`${a.xrayApi}/TraceSegments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ TraceSegmentDocuments: [JSON.stringify(xraySegment())] }) });
  if (zipkin.status !== 202 || xray.status !== 200) throw new Error(`seeding the store failed: ${zipkin.status} ${xray.status}`);
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${a.query}/api/v1/traces/${SEEDED_TRACE}`)).status === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the seeded trace was not stored');
}

/** Another reader: the seeded trace and the service list must keep answering 200. */
export function queryCanary(a: AllInOne): () => Promise<string | undefined> {
  return async () => {
    for (const url of [`${a.query}/api/v1/traces/${SEEDED_TRACE}`, `${a.query}/api/services`, `${a.zipkin}/api/v2/trace/5f0d3e1a9b7c4d2e`]) {
      const res = await rawRequest(url, { agent: CANARY_AGENT });
      if (res.status !== 200) return `${url} answered ${res.status}`;
    }
    return undefined;
  };
}
