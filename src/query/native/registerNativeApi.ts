import type { FastifyInstance } from 'fastify';
import { encodeOtlpJson } from '../../codecs/otlp/encodeOtlpJson.js';
import { INTERNAL_ERROR_CODE, badParameter, traceNotFound } from '../http/queryError.js';
import { oneParam } from '../http/queryParams.js';
import { queryRoutes, type ErrorRenderer, type QueryApiOptions, type ReaderSource } from '../http/queryRoute.js';
import { nativeTimeParam } from '../params/nativeTimeParam.js';
import { NATIVE_KIND_NAME } from '../params/spanKindNames.js';
import { traceIdParam } from '../params/traceIdParam.js';
import { nowNanos } from '../params/timeUnits.js';
import { dependencyGraphJson, traceSummaryJson } from './nativeJson.js';
import { nativeTraceQuery } from './nativeSearchParams.js';

const HOUR_NANOS = 3_600_000_000_000n;

/** docs/api-native.md: `{"error": {"code", "message"}}`. */
const renderNativeError: ErrorRenderer = (reply, status, err) =>
  reply.code(status).send({ error: err === undefined ? { code: INTERNAL_ERROR_CODE, message: 'internal error; see the server log' } : { code: err.code, message: err.message } });

/**
 * The native API (`/api/v1/...`) that the web UI uses, exactly as docs/api-native.md describes it; traces are read
 * through the query adjusters (adjustingReader).
 */
export function registerNativeApi(app: FastifyInstance, source: ReaderSource, options: QueryApiOptions = {}): void {
  const get = queryRoutes(app, 'native', renderNativeError, options, source);

  get('/api/v1/services', async ({ reader }) => ({ services: await reader.getServices() }));

  get('/api/v1/operations', async ({ query, reader }) => {
    const operations = await reader.getOperations(oneParam(query, 'service'));
    return { operations: operations.map((o) => ({ name: o.name, spanKind: NATIVE_KIND_NAME[o.spanKind] })) };
  });

  get('/api/v1/traces', async ({ query, reader }) => {
    const result = await reader.findTraces(nativeTraceQuery(query));
    return result.nextCursor === undefined ? { traces: result.traces.map(traceSummaryJson) } : { traces: result.traces.map(traceSummaryJson), nextCursor: result.nextCursor };
  });

  get('/api/v1/traces/:traceId', async ({ params, reader }, reply) => {
    const traceId = traceIdParam('traceId', params.traceId ?? '');
    const batch = await reader.getTrace(traceId);
    if (batch === undefined) throw traceNotFound(traceId);
    return reply.type('application/json; charset=utf-8').send(encodeOtlpJson(batch));
  });

  get('/api/v1/traces/:traceId/summary', async ({ params, reader }) => {
    const traceId = traceIdParam('traceId', params.traceId ?? '');
    const summary = await reader.getTraceSummary(traceId);
    if (summary === undefined) throw traceNotFound(traceId);
    return traceSummaryJson(summary);
  });

  get('/api/v1/dependencies', async ({ query, reader }) => {
    const end = nativeTimeParam(query, 'end') ?? nowNanos();
    const start = nativeTimeParam(query, 'start') ?? end - HOUR_NANOS;
    if (end <= start) throw badParameter('end', "must be after 'start'");
    return dependencyGraphJson(await reader.getDependencies(start, end));
  });
}
