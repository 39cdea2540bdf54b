// The load generator of the end-to-end section, run as a child process (`fork`, through tsx) so that sending does
// not share the bench process's event loop, which times the queries. HTTP protocols are driven by autocannon, OTLP/gRPC
// by @grpc/grpc-js; both keep `connections` requests in flight for `seconds`, sending the body pool of e2eBodies.ts.
//
// Messages: the parent sends a LoadRequest; the child answers `ready` once its bodies are built, then `acked` (the
// indexes of the requests answered 2xx lately) about every 100 ms while it runs, then `done` with its LoadResult.
import autocannon from 'autocannon';
import { Client, credentials, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { TRACE_SERVICE_EXPORT_PATH } from '../../src/codecs/otlp/traceService.js';
import { bodyPool, requestBody, type BodyOptions, type BodyPool, type E2eProtocol } from './e2eBodies.js';

export interface LoadRequest {
  protocol: E2eProtocol;
  /** `host:port` of the receiver. */
  address: string;
  connections: number;
  seconds: number;
  bodies: BodyOptions;
}

export interface LoadResult {
  requests: number;
  /** Requests answered 2xx (gRPC OK). */
  ok: number;
  /** Answered 429/503 (gRPC RESOURCE_EXHAUSTED/UNAVAILABLE): refused, to be sent again. */
  refused: number;
  /** Any other answer, or no answer. */
  failed: number;
  /** Request latency over all answers, ms. */
  p50Millis: number;
  p99Millis: number;
}

export type LoadMessage = { type: 'ready' } | { type: 'acked'; recent: number[] } | { type: 'done'; result: LoadResult } | { type: 'error'; message: string };

const ACK_REPORT_MILLIS = 100;
/** Acknowledged requests reported each time (several are in flight at once, so the latest one says nothing of the others). */
const RECENT_ACKS = 50;

/** The indexes of the last RECENT_ACKS requests answered 2xx, reported to the parent every ACK_REPORT_MILLIS. */
function ackReporter(): { ack(k: number): void; stop(): void } {
  const recent: number[] = [];
  let changed = false;
  const timer = setInterval(() => {
    if (!changed) return;
    changed = false;
    send({ type: 'acked', recent: [...recent] });
  }, ACK_REPORT_MILLIS);
  return {
    ack(k) {
      recent.push(k);
      if (recent.length > RECENT_ACKS) recent.shift();
      changed = true;
    },
    stop: () => clearInterval(timer),
  };
}

function send(message: LoadMessage): void {
  process.send?.(message);
}

/** The request index a connection's current request carries (autocannon keeps one context per connection). */
interface Context {
  k?: number;
}

async function runHttp(req: LoadRequest, pool: BodyPool): Promise<LoadResult> {
  const zipkin = req.protocol === 'zipkin';
  let next = 0;
  let refused = 0;
  let failed = 0;
  const acks = ackReporter();
  const instance = autocannon({
    url: `http://${req.address}`,
    connections: req.connections,
    duration: req.seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: zipkin ? '/api/v2/spans' : '/v1/traces',
        headers: { 'content-type': zipkin ? 'application/json' : 'application/x-protobuf' },
        setupRequest: (request: Record<string, unknown>, context: Context) => {
          const k = next++;
          context.k = k;
          return { ...request, body: requestBody(pool, k) };
        },
        onResponse: (status: number, _body: string, context: Context) => {
          if (status >= 200 && status < 300) {
            if (context.k !== undefined) acks.ack(context.k);
          } else if (status === 429 || status === 503) refused++;
          else failed++;
        },
      },
    ],
  });
  const result = await instance;
  acks.stop();
  return {
    requests: result.requests.total,
    ok: result['2xx'],
    refused,
    failed: failed + result.errors + result.timeouts,
    p50Millis: result.latency.p50,
    p99Millis: result.latency.p99,
  };
}

async function runGrpc(req: LoadRequest, pool: BodyPool): Promise<LoadResult> {
  const client = new Client(req.address, credentials.createInsecure(), { 'grpc.max_send_message_length': 64 * 1024 * 1024 });
  const identity = (b: Buffer) => b;
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  let refused = 0;
  let failed = 0;
  const acks = ackReporter();
  const deadline = Date.now() + req.seconds * 1000;
  const call = (body: Buffer) =>
    new Promise<ServiceError | null>((resolve) => {
      client.makeUnaryRequest(TRACE_SERVICE_EXPORT_PATH, identity, identity, body, { deadline: Date.now() + 30_000 }, (err) => resolve(err ?? null));
    });
  const worker = async () => {
    while (Date.now() < deadline) {
      const k = next++;
      // grpc-js may still hold the buffer when the next request patches the pool body: send a copy.
      const body = Buffer.from(requestBody(pool, k));
      const t = performance.now();
      const err = await call(body);
      latencies.push(performance.now() - t);
      if (err === null) {
        ok++;
        acks.ack(k);
      } else if (err.code === GrpcStatus.RESOURCE_EXHAUSTED || err.code === GrpcStatus.UNAVAILABLE) refused++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: req.connections }, worker));
  acks.stop();
  client.close();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? Number.NaN;
  return { requests: next, ok, refused, failed, p50Millis: at(50), p99Millis: at(99) };
}

process.once('message', (message: LoadRequest) => {
  const pool = bodyPool(message.protocol, message.bodies);
  send({ type: 'ready' });
  process.once('message', () => {
    const run = message.protocol === 'otlp-grpc' ? runGrpc(message, pool) : runHttp(message, pool);
    run.then(
      (result) => {
        send({ type: 'done', result });
        process.disconnect();
      },
      (e: unknown) => {
        send({ type: 'error', message: (e as Error).stack ?? String(e) });
        process.disconnect();
      },
    );
  });
});
