import type { FastifyInstance } from 'fastify';
import { encodeOtlpJson } from '../../codecs/otlp/encodeOtlpJson.js';
import type { TraceBatch } from '../../model/span.js';
import type { StoreReader } from '../../store/store.js';
import { badParameter, notFound } from '../http/queryError.js';
import { oneParam } from '../http/queryParams.js';
import { queryRoutes, type ErrorRenderer, type QueryApiOptions } from '../http/queryRoute.js';
import { JAEGER_KIND_NAME, parseSpanKindName } from '../params/spanKindNames.js';
import { traceIdParam } from '../params/traceIdParam.js';
import { findTraceBatches } from '../search/findTraceBatches.js';
import { jaegerV3TraceQuery } from './jaegerV3SearchParams.js';

/** The gateway's "no traces" text: Jaeger answers 404 both for an unknown id and for a search without results. */
const NO_TRACES_FOUND = 'No traces found';

/** api_v3 GRPCGatewayError: `{"error": {"httpCode", "message"}}`. */
const renderV3Error: ErrorRenderer = (reply, status, err) =>
  reply.code(status).send({ error: { httpCode: status, message: err === undefined ? 'internal error; see the server log' : err.message } });

/** `{"result": <OTLP/JSON TracesData>}` (GRPCGatewayWrapper), all traces' ResourceSpans in one list. */
function resultJson(batches: readonly TraceBatch[]): string {
  return `{"result":${encodeOtlpJson({ resourceSpans: batches.flatMap((b) => b.resourceSpans) })}}`;
}

/**
 * Jaeger's api_v3 HTTP gateway (cmd/query/app/apiv3/http_gateway.go): /api/v3/services, /api/v3/operations,
 * /api/v3/traces, /api/v3/traces/{trace_id}; traces in OTLP/JSON.
 */
export function registerJaegerV3Api(app: FastifyInstance, reader: StoreReader, options: QueryApiOptions = {}): void {
  const get = queryRoutes(app, 'jaeger_v3', renderV3Error, options);

  get('/api/v3/services', async () => ({ services: await reader.getServices() }));

  get('/api/v3/operations', async ({ query }) => {
    const kindText = oneParam(query, 'span_kind');
    const kind = kindText === undefined ? undefined : parseSpanKindName(kindText);
    if (kindText !== undefined && kind === undefined) throw badParameter('span_kind', `"${kindText}" is not one of server, client, producer, consumer, internal`);
    const operations = (await reader.getOperations(oneParam(query, 'service'))).filter((o) => kind === undefined || o.spanKind === kind);
    return { operations: operations.map((o) => ({ name: o.name, spanKind: JAEGER_KIND_NAME[o.spanKind] })) };
  });

  get('/api/v3/traces', async ({ query }, reply) => {
    const search = jaegerV3TraceQuery(query);
    const found = await findTraceBatches(reader, search.query, search.limit);
    if (found.length === 0) throw notFound(NO_TRACES_FOUND);
    return reply.type('application/json; charset=utf-8').send(resultJson(found.map((f) => f.batch)));
  });

  get('/api/v3/traces/:trace_id', async ({ params }, reply) => {
    const traceId = traceIdParam('trace_id', params.trace_id ?? '');
    const batch = await reader.getTrace(traceId);
    if (batch === undefined) throw notFound(NO_TRACES_FOUND);
    return reply.type('application/json; charset=utf-8').send(resultJson([batch]));
  });
}
