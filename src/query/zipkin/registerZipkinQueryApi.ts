import type { FastifyInstance, FastifyReply } from 'fastify';
import { encodeZipkinV2Json } from '../../codecs/zipkin/encodeZipkinV2.js';
import type { TraceBatch } from '../../model/span.js';
import { badParameter, notFound } from '../http/queryError.js';
import { oneParam } from '../http/queryParams.js';
import { queryRoutes, type ErrorRenderer, type QueryApiOptions, type ReaderSource } from '../http/queryRoute.js';
import { integerParam } from '../params/integerParam.js';
import { NANOS_PER_MILLI } from '../params/timeUnits.js';
import type { StoreReader } from '../../store/store.js';
import { traceIdParam } from '../params/traceIdParam.js';
import { resolveNames } from '../search/resolveNames.js';
import { findZipkinTraces } from './findZipkinTraces.js';
import { lowerCaseZipkinNames } from './lowerCaseZipkinNames.js';
import { ZIPKIN_UI_CONFIG, ZIPKIN_UI_CONFIG_CACHE_CONTROL } from './zipkinUiConfig.js';

/** Zipkin's names-max-age default: name lists may be cached for 5 minutes once more than 3 services exist. */
const NAMES_CACHE_CONTROL = 'max-age=300, must-revalidate';
const DEFAULT_DEPENDENCY_LOOKBACK_MILLIS = 86_400_000n;
const JSON_TYPE = 'application/json';
const MAX_AUTOCOMPLETE_VALUES = 1000;
/**
 * Where the API is served: at the root, as Zipkin serves it, and under Zipkin Lens's base path, where a Lens deployed
 * the official way looks for it (docs/compatibility.md, "Zipkin Lens").
 */
const BASE_PATHS = ['', '/zipkin'] as const;

/** Zipkin answers errors as plain text: 400 with the reason, 404 "<traceId> not found". */
const renderZipkinError: ErrorRenderer = (reply, status, err) =>
  reply.code(status).type('text/plain; charset=utf-8').send(err === undefined ? 'internal error; see the server log' : err.message);

/** Lower-cased, de-duplicated, sorted: Zipkin's name lists (its Endpoint lower-cases service names at ingest). */
function nameList(names: Iterable<string>): string[] {
  return [...new Set([...names].map((n) => n.toLowerCase()))].sort();
}

function sendNames(reply: FastifyReply, names: string[], cacheable: boolean): FastifyReply {
  if (cacheable) reply.header('cache-control', NAMES_CACHE_CONTROL);
  return reply.type(JSON_TYPE).send(names);
}

function zipkinTraceId(text: string): string {
  if (!/^[0-9a-fA-F]{16,32}$/.test(text.trim())) throw badParameter('traceId', `"${text.slice(0, 64)}" is not 16 to 32 hex digits`);
  return traceIdParam('traceId', text);
}

/** A trace as Zipkin v2 JSON, with names lower-cased as Zipkin's server keeps them. */
function zipkinJson(batch: TraceBatch): string {
  return encodeZipkinV2Json(lowerCaseZipkinNames(batch));
}

/**
 * Zipkin's v2 query API (openzipkin/zipkin-api zipkin2-api.yaml; docs/api-zipkin.md), mounted on the Zipkin receiver's
 * port, as Zipkin serves it, for Zipkin Lens and Grafana's Zipkin data source, at `/api/v2/...` and under Lens's base
 * path `/zipkin/api/v2/...`, with Lens's `/zipkin/config.json` and Zipkin's `/health`. Spans are rendered by the
 * Zipkin codec (encodeZipkinV2Json) with span and service names lower-cased, as Zipkin stores them. Traces are read
 * through the query adjusters (adjustingReader).
 */
export function registerZipkinQueryApi(app: FastifyInstance, source: ReaderSource, options: QueryApiOptions = {}): void {
  const route = queryRoutes(app, 'zipkin', renderZipkinError, options, source);
  const get = (url: string, handler: Parameters<typeof route>[1]): void => {
    for (const base of BASE_PATHS) route(`${base}${url}`, handler);
  };

  route('/zipkin/config.json', async (_req, reply) => reply.header('cache-control', ZIPKIN_UI_CONFIG_CACHE_CONTROL).send(ZIPKIN_UI_CONFIG));
  // Zipkin's health check, which the zipkin-ui image's Docker HEALTHCHECK reaches through its proxy.
  route('/health', async () => ({ status: 'UP', zipkin: { status: 'UP', details: {} } }));
  /** The stored services a `serviceName` stands for, and whether name lists are cacheable (over 3 services). */
  const resolveService = async (reader: StoreReader, serviceName: string | undefined): Promise<{ services: string[]; cacheable: boolean }> => {
    if (serviceName === undefined) throw badParameter('serviceName', 'required');
    const known = await reader.getServices();
    return { services: resolveNames(known, serviceName), cacheable: known.length > 3 };
  };

  get('/api/v2/services', async ({ reader }, reply) => {
    const known = await reader.getServices();
    return sendNames(reply, nameList(known), known.length > 3);
  });

  get('/api/v2/spans', async ({ query, reader }, reply) => {
    const { services, cacheable } = await resolveService(reader, oneParam(query, 'serviceName'));
    const operations = await Promise.all(services.map((s) => reader.getOperations(s)));
    return sendNames(reply, nameList(operations.flat().map((o) => o.name)), cacheable);
  });

  get('/api/v2/remoteServices', async ({ query, reader }, reply) => {
    const { services, cacheable } = await resolveService(reader, oneParam(query, 'serviceName'));
    const remote = await Promise.all(services.map((s) => reader.getRemoteServices(s)));
    return sendNames(reply, nameList(remote.flat()), cacheable);
  });

  get('/api/v2/traces', async ({ query, reader }, reply) => {
    const found = await findZipkinTraces(reader, query);
    return reply.type(JSON_TYPE).send(`[${found.map((f) => zipkinJson(f.batch)).join(',')}]`);
  });

  get('/api/v2/trace/:traceId', async ({ params, reader }, reply) => {
    const text = params.traceId ?? '';
    const batch = await reader.getTrace(zipkinTraceId(text));
    if (batch === undefined) throw notFound(`${text.trim().toLowerCase()} not found`);
    return reply.type(JSON_TYPE).send(zipkinJson(batch));
  });

  get('/api/v2/traceMany', async ({ query, reader }, reply) => {
    const list = (oneParam(query, 'traceIds') ?? '').split(',').filter((t) => t !== '');
    const ids = list.map(zipkinTraceId);
    if (ids.length < 2) throw badParameter('traceIds', 'at least two trace ids are required (use /trace/{traceId} for one)');
    if (new Set(ids).size !== ids.length) throw badParameter('traceIds', 'the list names a trace twice');
    const batches = await Promise.all(ids.map((id) => reader.getTrace(id)));
    return reply.type(JSON_TYPE).send(`[${batches.flatMap((b) => (b === undefined ? [] : [zipkinJson(b)])).join(',')}]`);
  });

  get('/api/v2/dependencies', async ({ query, reader }) => {
    const endMillis = integerParam(query, 'endTs', 1n);
    if (endMillis === undefined) throw badParameter('endTs', 'required');
    const lookbackMillis = integerParam(query, 'lookback', 1n) ?? DEFAULT_DEPENDENCY_LOOKBACK_MILLIS;
    const end = endMillis * NANOS_PER_MILLI;
    const links = new Map<string, { parent: string; child: string; callCount: number; errorCount: number }>();
    for (const e of await reader.getDependencies(end - lookbackMillis * NANOS_PER_MILLI, end)) {
      const parent = e.parent.toLowerCase();
      const child = e.child.toLowerCase();
      const key = JSON.stringify([parent, child]);
      const link = links.get(key) ?? { parent, child, callCount: 0, errorCount: 0 };
      link.callCount += e.callCount;
      link.errorCount += e.errorCount + e.faultCount + e.throttleCount;
      links.set(key, link);
    }
    // Zipkin writes errorCount only when there were errors (DependencyLink JSON encoding).
    return [...links.values()].map((l) => (l.errorCount > 0 ? l : { parent: l.parent, child: l.child, callCount: l.callCount }));
  });

  get('/api/v2/autocompleteKeys', async ({ reader }, reply) => sendNames(reply, await reader.getAttributeKeys(), true));

  get('/api/v2/autocompleteValues', async ({ query, reader }, reply) => {
    const key = oneParam(query, 'key');
    if (key === undefined) throw badParameter('key', 'required');
    return reply.type(JSON_TYPE).send(await reader.getAttributeValues(key, MAX_AUTOCOMPLETE_VALUES));
  });
}
