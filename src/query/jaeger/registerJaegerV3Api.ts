import type { FastifyInstance } from 'fastify';
import { encodeOtlpJson } from '../../codecs/otlp/encodeOtlpJson.js';
import type { TraceBatch } from '../../model/span.js';
import { badParameter, notFound } from '../http/queryError.js';
import { queryRoutes, type ErrorRenderer, type QueryApiOptions, type ReaderSource } from '../http/queryRoute.js';
import { JAEGER_KIND_NAME, parseSpanKindName } from '../params/spanKindNames.js';
import { traceIdParam } from '../params/traceIdParam.js';
import { findTraceBatches } from '../search/findTraceBatches.js';
import { aliasedParam, booleanParam, jaegerV3TraceQuery, rfc3339Param } from './jaegerV3SearchParams.js';
import { findV3TraceSummaries } from './jaegerV3TraceSummaries.js';

/** The gateway's "no traces" text: Jaeger answers 404 both for an unknown id and for a search without results. */
const NO_TRACES_FOUND = 'No traces found';
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * api_v3's GRPCGatewayError, `{"error": {"httpCode", "message"}}`: what Jaeger v2's hand-written gateway answers
 * (http_gateway.go tryHandleError), not grpc-gateway's `{"code", "message", "details"}`.
 */
const renderV3Error: ErrorRenderer = (reply, status, err) =>
  reply.code(status).send({ error: { httpCode: status, message: err === undefined ? 'internal error; see the server log' : err.message } });

/** `{"result": <OTLP/JSON TracesData>}` (GRPCGatewayWrapper), all traces' ResourceSpans in one list. */
function resultJson(batches: readonly TraceBatch[]): string {
  return `{"result":${encodeOtlpJson({ resourceSpans: batches.flatMap((b) => b.resourceSpans) })}}`;
}

/**
 * Jaeger's api_v3 HTTP gateway as Jaeger v2 serves it (cmd/jaeger/internal/extension/jaegerquery/internal/apiv3):
 * /api/v3/services, /api/v3/operations, /api/v3/traces, /api/v3/traces/{trace_id} (traces in OTLP/JSON) and
 * /api/v3/trace-summaries (what Jaeger UI 2.19's search page reads). Traces go through the query adjusters unless
 * `rawTraces` asks for them as stored. Every other route under /api/v3 answers 404 in the gateway's error shape.
 */
export function registerJaegerV3Api(app: FastifyInstance, source: ReaderSource, options: QueryApiOptions = {}): void {
  const get = queryRoutes(app, 'jaeger_v3', renderV3Error, options, source);

  get('/api/v3/services', async ({ store }) => ({ services: await store.getServices() }));

  get('/api/v3/operations', async ({ query, store }) => {
    const { name, value: kindText } = aliasedParam(query, ['spanKind', 'span_kind']);
    const kind = kindText === undefined ? undefined : parseSpanKindName(kindText);
    if (kindText !== undefined && kind === undefined) throw badParameter(name, `"${kindText}" is not one of server, client, producer, consumer, internal`);
    const operations = (await store.getOperations(aliasedParam(query, ['service']).value)).filter((o) => kind === undefined || o.spanKind === kind);
    return { operations: operations.map((o) => ({ name: o.name, spanKind: JAEGER_KIND_NAME[o.spanKind] })) };
  });

  get('/api/v3/traces', async ({ query, reader, store }, reply) => {
    const search = jaegerV3TraceQuery(query);
    const found = await findTraceBatches(search.rawTraces ? store : reader, search.query, search.limit);
    if (found.length === 0) throw notFound(NO_TRACES_FOUND);
    return reply.type(JSON_TYPE).send(resultJson(found.map((f) => f.batch)));
  });

  get('/api/v3/traces/:trace_id', async ({ params, query, reader, store }, reply) => {
    const traceId = traceIdParam('trace_id', params.trace_id ?? '');
    // The window only narrows where Jaeger's storage looks; ids are unique here, so it is checked and not needed.
    rfc3339Param(query, ['startTime', 'start_time']);
    rfc3339Param(query, ['endTime', 'end_time']);
    const raw = booleanParam(query, ['rawTraces', 'raw_traces']);
    const batch = await (raw ? store : reader).getTrace(traceId);
    if (batch === undefined) throw notFound(NO_TRACES_FOUND);
    return reply.type(JSON_TYPE).send(resultJson([batch]));
  });

  // Summaries always come from reader traces (Jaeger ignores rawTraces here too); no match is an empty list.
  get('/api/v3/trace-summaries', async ({ query, reader }) => {
    const search = jaegerV3TraceQuery(query);
    return { summaries: await findV3TraceSummaries(reader, search.query, search.limit) };
  });

  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    url: '/api/v3/*',
    handler: (request, reply) => renderV3Error(reply, 404, notFound(`no route ${request.method} ${request.url.split('?')[0] ?? ''}`)),
  });
}
