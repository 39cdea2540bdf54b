import type { FastifyInstance } from 'fastify';
import { badParameter, notFound } from '../http/queryError.js';
import { oneParam } from '../http/queryParams.js';
import { queryRoutes, type ErrorRenderer, type QueryApiOptions, type ReaderSource } from '../http/queryRoute.js';
import { integerParam } from '../params/integerParam.js';
import { JAEGER_KIND_NAME, parseSpanKindName } from '../params/spanKindNames.js';
import { NANOS_PER_MILLI, nowNanos } from '../params/timeUnits.js';
import { traceIdParam } from '../params/traceIdParam.js';
import { findTraceBatches } from '../search/findTraceBatches.js';
import { batchToJaegerTrace } from './batchToJaegerTrace.js';
import { jaegerResponse, type JaegerDependencyLink, type JaegerStructuredError, type JaegerTrace } from './jaegerJson.js';
import { jaegerSearchParams } from './jaegerSearchParams.js';

const DEFAULT_DEPENDENCY_LOOKBACK_MILLIS = 24n * 3_600_000n;
/** spanstore.ErrTraceNotFound's text, which Jaeger puts in `errors[].msg`. */
const TRACE_NOT_FOUND = 'trace not found';

/** http_handler.go handleError: the structured envelope with `data: null` and one error carrying the status. */
const renderJaegerError: ErrorRenderer = (reply, status, err) => {
  const msg = err === undefined ? 'internal error; see the server log' : err.message;
  return reply.code(status).send(jaegerResponse(null, 0, [{ code: status, msg }]));
};

/**
 * Jaeger's query-service HTTP API (cmd/query/app/http_handler.go RegisterRoutes): /api/services,
 * /api/services/{service}/operations, /api/operations, /api/traces, /api/traces/{traceID}, /api/dependencies, in the
 * JSON Jaeger UI and Grafana's Jaeger data source read. Traces are read through the query adjusters (adjustingReader:
 * shared span ids are split); they are not clock-skew adjusted.
 */
export function registerJaegerApi(app: FastifyInstance, source: ReaderSource, options: QueryApiOptions = {}): void {
  const get = queryRoutes(app, 'jaeger', renderJaegerError, options, source);

  get('/api/services', async ({ reader }) => {
    const services = await reader.getServices();
    return jaegerResponse(services, services.length);
  });

  get('/api/services/:service/operations', async ({ params, reader }) => {
    const names = [...new Set((await reader.getOperations(params.service ?? '')).map((o) => o.name))].sort();
    return jaegerResponse(names, names.length);
  });

  get('/api/operations', async ({ query, reader }) => {
    const service = oneParam(query, 'service');
    if (service === undefined) throw badParameter('service', 'required');
    const kindText = oneParam(query, 'spanKind');
    const kind = kindText === undefined ? undefined : parseSpanKindName(kindText);
    if (kindText !== undefined && kind === undefined) throw badParameter('spanKind', `"${kindText}" is not one of server, client, producer, consumer, internal`);
    const operations = (await reader.getOperations(service)).filter((o) => kind === undefined || o.spanKind === kind);
    return jaegerResponse(operations.map((o) => ({ name: o.name, spanKind: JAEGER_KIND_NAME[o.spanKind] })), operations.length);
  });

  get('/api/traces', async ({ query, reader }) => {
    const search = jaegerSearchParams(query);
    if (search.traceIds.length > 0) {
      const batches = await Promise.all(search.traceIds.map((id) => reader.getTrace(id)));
      const data: JaegerTrace[] = [];
      const errors: JaegerStructuredError[] = [];
      batches.forEach((b, i) => (b === undefined ? errors.push({ msg: TRACE_NOT_FOUND, traceID: search.traceIds[i] as string }) : data.push(batchToJaegerTrace(b))));
      return jaegerResponse(data, 0, errors.length > 0 ? errors : null);
    }
    const found = await findTraceBatches(reader, search.query, search.limit, search.predicate);
    return jaegerResponse(found.map((f) => batchToJaegerTrace(f.batch)));
  });

  get('/api/traces/:traceID', async ({ params, reader }) => {
    const traceId = traceIdParam('traceID', params.traceID ?? '');
    const batch = await reader.getTrace(traceId);
    if (batch === undefined) throw notFound(TRACE_NOT_FOUND);
    return jaegerResponse([batchToJaegerTrace(batch)]);
  });

  get('/api/dependencies', async ({ query, reader }) => {
    const endMillis = integerParam(query, 'endTs', 0n);
    const lookbackMillis = integerParam(query, 'lookback', 1n) ?? DEFAULT_DEPENDENCY_LOOKBACK_MILLIS;
    const end = endMillis === undefined ? nowNanos() : endMillis * NANOS_PER_MILLI;
    const service = oneParam(query, 'service');
    const sums = new Map<string, JaegerDependencyLink>();
    for (const e of await reader.getDependencies(end - lookbackMillis * NANOS_PER_MILLI, end)) {
      if (service !== undefined && e.parent !== service && e.child !== service) continue;
      const key = JSON.stringify([e.parent, e.child]);
      const link = sums.get(key);
      if (link === undefined) sums.set(key, { parent: e.parent, child: e.child, callCount: e.callCount });
      else link.callCount += e.callCount;
    }
    return jaegerResponse([...sums.values()]);
  });
}
