import { request, type Agent } from 'node:http';
import { SpanKind, SpanStatusCode, defaultTextMapSetter, trace, type Context } from '@opentelemetry/api';
import { SERVICE_PORT } from '../bookinfo/workloads.js';
import { nowHrTime } from '../net/wallClock.js';
import type { AppTracing } from './appTracing.js';

/** The answer to one call: status 0 when the call itself failed. */
export interface CallResult {
  status: number;
  /** The parsed JSON body, when there was one. */
  body: unknown;
}

export interface CallOptions {
  tracing: AppTracing;
  /** The context of the request being served (its SERVER span). */
  context: Context;
  /** The request's x-request-id, which apps must forward (docs/zipkin-mesh.md, "B3 propagation"). */
  requestId: string | undefined;
  /** The app's sidecar outbound listener. */
  outboundPort: number;
  agent: Agent;
  userAgent: string;
}

function send(port: number, path: string, headers: Record<string, string>, agent: Agent): Promise<CallResult> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        let body: unknown;
        try {
          body = res.headers['content-type']?.startsWith('application/json') ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * `GET http://<service>:9080<path>` from an app, through its sidecar, in a CLIENT span whose context goes out in
 * B3 multi headers. A 4xx/5xx answer or a failed call marks the span as an error (OTel HTTP client conventions).
 */
export async function callService(service: string, path: string, options: CallOptions): Promise<CallResult> {
  const { tracer, propagator } = options.tracing;
  const authority = `${service}:${SERVICE_PORT}`;
  const span = tracer.startSpan(
    'GET',
    {
      kind: SpanKind.CLIENT,
      startTime: nowHrTime(),
      attributes: { 'http.request.method': 'GET', 'url.full': `http://${authority}${path}`, 'server.address': service, 'server.port': SERVICE_PORT },
    },
    options.context,
  );
  const headers: Record<string, string> = { host: authority, 'user-agent': options.userAgent };
  if (options.requestId) headers['x-request-id'] = options.requestId;
  propagator.inject(trace.setSpan(options.context, span), headers, defaultTextMapSetter);
  try {
    const result = await send(options.outboundPort, path, headers, options.agent);
    span.setAttribute('http.response.status_code', result.status);
    if (result.status >= 400) {
      span.setAttribute('error.type', String(result.status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    return result;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    span.setAttribute('error.type', err.code ?? err.name);
    span.recordException(err, nowHrTime());
    span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
    return { status: 0, body: undefined };
  } finally {
    span.end(nowHrTime());
  }
}
