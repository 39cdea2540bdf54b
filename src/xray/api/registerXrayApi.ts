import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeContentEncoding } from '../../http/decodeContentEncoding.js';
import { takeBody } from '../../http/httpServer.js';
import { stampTenant } from '../../http/tenancy.js';
import type { Consumer } from '../../pipeline/component.js';
import type { StoreReader } from '../../store/store.js';
import { createRateLimitedLog } from '../../telemetry/rateLimitedLog.js';
import { batchGetTraces } from './batchGetTraces.js';
import { getServiceGraph } from './getServiceGraph.js';
import { getTraceGraph } from './getTraceGraph.js';
import { getTraceSummaries } from './getTraceSummaries.js';
import { putTraceSegments } from './putTraceSegments.js';
import { readJsonBody, stringMember } from './requestMembers.js';
import type { JsonObject } from './requestMembers.js';
import { effectiveSamplingRules, samplingRuleRecordJson } from './sampling/samplingRules.js';
import { createSamplingTargets } from './sampling/samplingTargets.js';
import { verifySigV4 } from './sigv4/verifySigV4.js';
import type { XrayApiDeps } from './xrayApiDeps.js';
import { XrayApiError, invalidRequest, sendXrayApiError, toXrayApiError } from './xrayApiError.js';

const DEFAULT_MAX_DECOMPRESSED_BYTES = 100 * 1024 * 1024;

/**
 * The X-Ray API subset (port 2000 tcp in the all-in-one) as restJson1 routes, at the paths the AWS SDK's XRayClient
 * and `aws xray ... --endpoint-url` call: POST /TraceSegments, /TraceSummaries, /Traces, /ServiceGraph, /TraceGraph,
 * /GetSamplingRules, /SamplingTargets. Bodies must reach the routes as raw Buffers (createHttpReceiverServer).
 * With `auth`, every request's SigV4 signature is checked first. Errors use AWS's JSON error shape (xrayApiError.ts).
 * The routes and their error handler live in an encapsulated plugin, so other routes on the same app are not affected.
 */
export function registerXrayApi(app: FastifyInstance, deps: XrayApiDeps): void {
  const now = deps.now ?? Date.now;
  const startedSeconds = Math.floor(now() / 1000);
  const rules = effectiveSamplingRules(deps.samplingRules ?? []);
  const targets = createSamplingTargets(rules, startedSeconds, now);
  const maxDecompressed = deps.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  const faultLog = createRateLimitedLog(deps.logger, { now });

  const reader = (operation: string, tenant: string | undefined): StoreReader => {
    if (tenant !== undefined) {
      const tenantReader = deps.tenantReader?.(tenant);
      if (tenantReader !== undefined) return tenantReader;
    } else if (deps.reader !== undefined) {
      return deps.reader;
    }
    throw invalidRequest(`${operation} reads the trace store, and this endpoint has none (configure the storage section, or run the API with a store)`);
  };

  function fail(reply: FastifyReply, err: unknown): FastifyReply {
    const known = toXrayApiError(err);
    if (known !== undefined) return sendXrayApiError(reply, known);
    faultLog.error({ err }, 'X-Ray API request failed');
    return sendXrayApiError(reply, new XrayApiError('InternalFailure', 500, 'The request processing has failed because of an unknown error.'));
  }

  /** Hands PutTraceSegments' batch on with the request's tenant. */
  const withTenant = (next: Consumer, tenant: string | undefined): Consumer => ({ consume: (batch) => next.consume(stampTenant(batch, tenant)) });

  const routes: Record<string, (body: JsonObject, tenant: string | undefined) => Promise<Record<string, unknown>> | Record<string, unknown>> = {
    '/TraceSegments': (body, tenant) => {
      if (deps.next === undefined) throw invalidRequest('PutTraceSegments is not served by this endpoint (no pipeline to deliver to)');
      return putTraceSegments(body, {
        next: withTenant(deps.next, tenant),
        receiverId: deps.receiverId ?? 'awsxray',
        ...(deps.telemetry === undefined ? {} : { telemetry: deps.telemetry }),
        ...(deps.maxSpansPerRequest === undefined ? {} : { maxSpansPerRequest: deps.maxSpansPerRequest }),
      });
    },
    '/TraceSummaries': (body, tenant) => getTraceSummaries(reader('GetTraceSummaries', tenant), body, now),
    '/Traces': (body, tenant) => batchGetTraces(reader('BatchGetTraces', tenant), body),
    '/ServiceGraph': (body, tenant) => getServiceGraph(reader('GetServiceGraph', tenant), body),
    '/TraceGraph': (body, tenant) => getTraceGraph(reader('GetTraceGraph', tenant), body),
    '/GetSamplingRules': (body) => {
      if (stringMember(body, 'NextToken')) throw invalidRequest('NextToken: every rule is on the first page; there is no next one');
      return { SamplingRuleRecords: rules.map((r) => samplingRuleRecordJson(r, startedSeconds)) };
    },
    '/SamplingTargets': (body) => targets.answer(body),
  };

  /** The request's JSON body, once its signature (with `auth`) is checked and its Content-Encoding undone. */
  async function bodyOf(request: FastifyRequest): Promise<JsonObject> {
    const raw = takeBody(request);
    if (deps.auth !== undefined) await verifySigV4({ method: request.method, url: request.url, headers: request.headers, body: raw }, deps.auth, now());
    return readJsonBody(await decodeContentEncoding(raw, request.headers['content-encoding'], maxDecompressed));
  }

  void app.register(async (scope) => {
    scope.setErrorHandler((error: FastifyError, _request, reply) => fail(reply, error));
    for (const [path, handle] of Object.entries(routes)) {
      scope.post(path, async (request, reply) => {
        try {
          const body = await bodyOf(request);
          // The tenant is checked after the signature, so an unsigned request learns nothing about tenants.
          const tenant = deps.tenancy?.tenantOf(request.headers[deps.tenancy.header]);
          const answer = await handle(body, tenant);
          return await reply.code(200).type('application/json').send(JSON.stringify(answer));
        } catch (e) {
          return fail(reply, e);
        }
      });
    }
  });
}
