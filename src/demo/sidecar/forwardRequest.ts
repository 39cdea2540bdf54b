import { request, type Agent, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { forwardedResponseHeaders } from './headers.js';

/** What a proxy hop sent downstream. */
export interface ForwardOutcome {
  /** 0 when no response was sent. */
  statusCode: number;
  /** Envoy response flags: `-`, `UF` (upstream connection failure), `UT` (timeout), `UR` (upstream reset), `DC`. */
  responseFlags: string;
  requestBytes: number;
  responseBytes: number;
}

/**
 * Proxies `req` to 127.0.0.1:`port` and streams the answer back. Failures end as Envoy's local replies: 503
 * `UF` when the upstream cannot be reached, 504 `UT` past the route timeout. Resolves once the response is done.
 */
export function forwardRequest(req: IncomingMessage, res: ServerResponse, port: number, headers: OutgoingHttpHeaders, options: { agent: Agent; timeoutMillis: number }): Promise<ForwardOutcome> {
  return new Promise((resolve) => {
    const outcome: ForwardOutcome = { statusCode: 0, responseFlags: '-', requestBytes: 0, responseBytes: 0 };
    let settled = false;
    let timedOut = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const localReply = (status: number, body: string, flags: string) => {
      outcome.responseFlags = flags;
      if (res.headersSent) {
        res.destroy();
        settle();
        return;
      }
      const bytes = Buffer.from(body);
      outcome.statusCode = status;
      outcome.responseBytes = bytes.length;
      res.writeHead(status, { 'content-type': 'text/plain', 'content-length': bytes.length });
      res.end(bytes);
    };

    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers, agent: options.agent });
    const timer = setTimeout(() => {
      timedOut = true;
      upstream.destroy();
      localReply(504, 'upstream request timeout', 'UT');
    }, options.timeoutMillis);

    upstream.on('response', (up) => {
      clearTimeout(timer);
      outcome.statusCode = up.statusCode ?? 0;
      res.writeHead(outcome.statusCode, forwardedResponseHeaders(up.headers));
      up.on('data', (chunk: Buffer) => (outcome.responseBytes += chunk.length));
      up.on('error', () => localReply(0, '', 'UR'));
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (timedOut || settled) return;
      localReply(503, 'upstream connect error or disconnect/reset before headers. reset reason: connection failure', 'UF');
    });
    res.on('finish', settle);
    res.on('close', () => {
      if (res.writableFinished) return;
      if (outcome.responseFlags === '-') outcome.responseFlags = 'DC';
      upstream.destroy();
      settle();
    });
    req.on('data', (chunk: Buffer) => (outcome.requestBytes += chunk.length));
    req.pipe(upstream);
  });
}

/** A reply the proxy makes itself (e.g. 404 `NR`: no route to the requested host). */
export function localReply(res: ServerResponse, status: number, body: string, responseFlags: string): Promise<ForwardOutcome> {
  const bytes = Buffer.from(body);
  return new Promise((resolve) => {
    res.writeHead(status, { 'content-type': 'text/plain', 'content-length': bytes.length });
    res.end(bytes, () => resolve({ statusCode: status, responseFlags, requestBytes: 0, responseBytes: bytes.length }));
  });
}
