// Test support: a tiny stand-in for the X-Ray API on 127.0.0.1 port 0, speaking the restJson1 routes the AWS SDK uses
// (as the AWS X-Ray API reference describes them): POST /TraceSummaries, /Traces, /TraceSegments. The poller's tests
// reach it through the real @aws-sdk/client-xray. Errors are restJson1 errors (`x-amzn-errortype` header, `{message}`
// body).
import Fastify from 'fastify';

export interface FakeRequest {
  route: string;
  body: Record<string, unknown>;
}

interface StoredTrace {
  startMillis: number;
  segments: Map<string, string>;
}

export interface FakeXrayApi {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** Every request, in order of arrival. */
  readonly requests: FakeRequest[];
  /** Trace summaries per GetTraceSummaries page (default 2). */
  summariesPageSize: number;
  /** Traces per BatchGetTraces page (default: all asked for). */
  tracesPerPage: number;
  /** Stores a trace's documents as PutTraceSegments would. */
  addTrace(documents: ReadonlyArray<Record<string, unknown>>): void;
  /** The next `n` requests to `route` (any route when omitted) are answered 429 ThrottledException. */
  throttle(n: number, route?: string): void;
  /** The next `n` requests to `route` fail with `status` and error type `type`. */
  fail(n: number, route: string, status: number, type: string): void;
  /** These ids come back in UnprocessedTraceIds the first time they are asked for. */
  unprocessedOnce(ids: string[]): void;
  /**
   * Holds the next request to `route` (the `nth`, 1-based, counting from now) unanswered; resolves when it arrived.
   * `release` lets it through.
   */
  hold(route: string, nth?: number): Promise<{ release(): void }>;
  /** Trace ids asked for with BatchGetTraces, in order. */
  fetchedTraceIds(): string[];
  close(): Promise<void>;
}

interface Fault {
  route: string | undefined;
  status: number;
  type: string;
}

export async function startFakeXrayApi(): Promise<FakeXrayApi> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.addContentTypeParser('application/x-amz-json-1.1', { parseAs: 'string' }, (_r, body, done) => done(null, JSON.parse(String(body || '{}'))));
  const traces = new Map<string, StoredTrace>();
  const requests: FakeRequest[] = [];
  const faults: Fault[] = [];
  const unprocessed = new Set<string>();
  const holds: Array<{ route: string; skip: number; arrived: () => void; gate: Promise<void>; open: () => void }> = [];

  const store = (doc: Record<string, unknown>): string | undefined => {
    const traceId = doc.trace_id;
    const id = doc.id;
    if (typeof traceId !== 'string' || typeof id !== 'string' || typeof doc.start_time !== 'number') return undefined;
    let t = traces.get(traceId);
    if (t === undefined) traces.set(traceId, (t = { startMillis: doc.start_time * 1000, segments: new Map() }));
    t.startMillis = Math.min(t.startMillis, doc.start_time * 1000);
    t.segments.set(id, JSON.stringify(doc));
    return id;
  };

  app.addHook('preHandler', async (req, reply) => {
    const route = req.url;
    requests.push({ route, body: (req.body ?? {}) as Record<string, unknown> });
    for (const h of holds) {
      if (h.route !== route) continue;
      if (h.skip-- > 0) continue;
      holds.splice(holds.indexOf(h), 1);
      h.arrived();
      await h.gate;
      break;
    }
    const i = faults.findIndex((f) => f.route === undefined || f.route === route);
    if (i >= 0) {
      const [f] = faults.splice(i, 1) as [Fault];
      await reply.code(f.status).header('x-amzn-errortype', f.type).send({ message: `${f.type} (injected)` });
    }
  });

  app.post('/TraceSummaries', async (req) => {
    const b = req.body as { StartTime: number; EndTime: number; NextToken?: string };
    const offset = b.NextToken ? Number(Buffer.from(b.NextToken, 'base64url').toString()) : 0;
    const matching = [...traces.entries()]
      .filter(([, t]) => t.startMillis >= b.StartTime * 1000 && t.startMillis <= b.EndTime * 1000)
      .sort(([ia, a], [ib, c]) => a.startMillis - c.startMillis || ia.localeCompare(ib));
    const page = matching.slice(offset, offset + api.summariesPageSize);
    const next = offset + api.summariesPageSize < matching.length ? Buffer.from(String(offset + api.summariesPageSize)).toString('base64url') : undefined;
    return {
      TraceSummaries: page.map(([id, t]) => ({ Id: id, StartTime: t.startMillis / 1000, Duration: 0.25, HasError: false })),
      ApproximateTime: b.EndTime,
      TracesProcessedCount: page.length,
      ...(next ? { NextToken: next } : {}),
    };
  });

  app.post('/Traces', async (req, reply) => {
    const b = req.body as { TraceIds?: string[]; NextToken?: string };
    const ids = b.TraceIds ?? [];
    if (ids.length < 1 || ids.length > 5) {
      return reply.code(400).header('x-amzn-errortype', 'InvalidRequestException').send({ message: `TraceIds must hold 1 to 5 ids, not ${ids.length}` });
    }
    const offset = b.NextToken ? Number(b.NextToken) : 0;
    const perPage = api.tracesPerPage > 0 ? api.tracesPerPage : ids.length;
    const slice = ids.slice(offset, offset + perPage);
    const out = [];
    const unprocessedIds = [];
    for (const id of slice) {
      if (unprocessed.delete(id)) {
        unprocessedIds.push(id);
        continue;
      }
      const t = traces.get(id);
      if (t) out.push({ Id: id, Duration: 0.25, LimitExceeded: false, Segments: [...t.segments].map(([Id, Document]) => ({ Id, Document })) });
    }
    const next = offset + perPage < ids.length ? String(offset + perPage) : undefined;
    return { Traces: out, UnprocessedTraceIds: unprocessedIds, ...(next ? { NextToken: next } : {}) };
  });

  app.post('/TraceSegments', async (req) => {
    const b = req.body as { TraceSegmentDocuments?: string[] };
    const rejected = [];
    for (const text of b.TraceSegmentDocuments ?? []) {
      let doc: Record<string, unknown> | undefined;
      try {
        doc = JSON.parse(text) as Record<string, unknown>;
      } catch {
        doc = undefined;
      }
      if (doc === undefined || store(doc) === undefined) rejected.push({ Id: typeof doc?.id === 'string' ? doc.id : '', ErrorCode: 'InvalidTraceId', Message: 'not a segment document' });
    }
    return { UnprocessedTraceSegments: rejected };
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const api: FakeXrayApi = {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    summariesPageSize: 2,
    tracesPerPage: 0,
    addTrace(documents) {
      for (const d of documents) store(JSON.parse(JSON.stringify(d)) as Record<string, unknown>);
    },
    throttle(n, route) {
      for (let i = 0; i < n; i++) faults.push({ route, status: 429, type: 'ThrottledException' });
    },
    fail(n, route, status, type) {
      for (let i = 0; i < n; i++) faults.push({ route, status, type });
    },
    unprocessedOnce(ids) {
      for (const id of ids) unprocessed.add(id);
    },
    hold(route, nth = 1) {
      return new Promise((resolveArrived) => {
        let open!: () => void;
        const gate = new Promise<void>((r) => (open = r));
        holds.push({ route, skip: nth - 1, gate, open, arrived: () => resolveArrived({ release: open }) });
      });
    },
    fetchedTraceIds() {
      return requests.filter((r) => r.route === '/Traces' && r.body.NextToken === undefined).flatMap((r) => r.body.TraceIds as string[]);
    },
    async close() {
      for (const h of holds.splice(0)) h.open();
      await app.close();
    },
  };
  return api;
}
