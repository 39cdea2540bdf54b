// Search degraded with the data, not the results: thousands of traces of one service starting at the same moment made
// every search of that service read them all (9.5-10 s for 4,000 x 100 spans), and it ran on the thread that answers
// /healthz. Now searches run in the query thread, each under storage.query_timeout: one that would read past it is
// stopped and answered 400 SB_QUERY_TIMEOUT naming how to narrow it, the health check answers meanwhile, and a narrow
// search still answers (through the CLI, with the deadline set low so the crowd of traces passes it). And search cost
// follows the index (src/store/sqlite/README.md, "Search"): with the default deadline, a search of the crowd by service
// alone, for a value no span has and for a value one trace has answers from a few rows, on every query API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startAllInOne, type AllInOne } from '../support/allInOne.js';
import { rawRequest } from '../support/rawHttp.js';

const TRACES = 1500;
const SPANS_PER_TRACE = 20;

/** Posts `traces` traces of `spans` spans of service `crowd`, all starting at `startMicros`, 100 traces a request. */
async function postCrowd(a: AllInOne, traces: number, spans: number, startMicros: number, tags: (trace: number, span: number) => Record<string, string>): Promise<void> {
  for (let t = 0; t < traces; t += 100) {
    const body = [];
    for (let i = t; i < Math.min(t + 100, traces); i++) {
      const traceId = `a${(i + 1).toString(16).padStart(31, '0')}`;
      for (let s = 0; s < spans; s++) {
        const id = `b${(i * spans + s + 1).toString(16).padStart(15, '0')}`;
        body.push({ traceId, id, ...(s > 0 ? { parentId: `b${(i * spans + 1).toString(16).padStart(15, '0')}` } : {}), name: `op${s}`, timestamp: startMicros, duration: 10, localEndpoint: { serviceName: 'crowd' }, tags: tags(i, s) });
      }
    }
    const res = await rawRequest(`${a.zipkin}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 202, res.text);
  }
}

describe('search cost is bounded by a deadline, off the health check thread (all-in-one CLI)', () => {
  let a: AllInOne;
  const startMicros = (Date.now() - 60_000) * 1000;
  before(async () => {
    a = await startAllInOne({ edit: (c) => c.setIn(['storage', 'query_timeout'], '1ms') });
    // One service, every trace starting at the same moment: a regex no span matches reads them all.
    await postCrowd(a, TRACES, SPANS_PER_TRACE, startMicros, (_, s) => ({ n: String(s) }));
  });
  after(async () => {
    await a?.stop();
  });

  test('a search that would read every stored trace is stopped at storage.query_timeout with 400; /healthz answers; a narrow one answers', async () => {
    // A regex (native API) cannot use the span blocks' bloom filters, as an equality would, so this one reads every span.
    const attr = encodeURIComponent('n~^no span has this value$');
    const [wide, health] = await Promise.all([rawRequest(`${a.query}/api/v1/traces?service=crowd&attr=${attr}&limit=20`), rawRequest(`${a.telemetry}/healthz`)]);
    assert.equal(wide.status, 400, wide.text);
    assert.match(wide.text, /deadline of 1 ms \(storage\.query_timeout\)/);
    assert.equal(health.status, 200);
    const byId = await rawRequest(`${a.query}/api/traces/a${(7).toString(16).padStart(31, '0')}`);
    assert.equal(byId.status, 200, 'trace by id reads one trace, whatever the crowd');
    assert.equal((JSON.parse(byId.text) as { data: { spans: unknown[] }[] }).data[0]?.spans.length, SPANS_PER_TRACE);
  });
});

describe('search cost follows the index: a crowd of traces starting together, the default deadline (all-in-one CLI)', () => {
  const CROWD = 2000;
  const SPANS = 20;
  /** The one trace with `marker = needle`. */
  const NEEDLE = 1234;
  const idOf = (i: number) => `a${(i + 1).toString(16).padStart(31, '0')}`;
  let a: AllInOne;
  const startMicros = (Date.now() - 60_000) * 1000;
  before(async () => {
    a = await startAllInOne();
    await postCrowd(a, CROWD, SPANS, startMicros, (i, s) => ({ n: String(s), ...(i === NEEDLE && s === 5 ? { marker: 'needle' } : {}) }));
  });
  after(async () => {
    await a?.stop();
  });

  async function json<T>(url: string): Promise<T> {
    const res = await rawRequest(url);
    assert.equal(res.status, 200, `${url}: ${res.text}`);
    return JSON.parse(res.text) as T;
  }
  const jaegerIds = (r: { data: { traceID: string }[] }) => r.data.map((t) => t.traceID);
  /** The `limit` newest crowd traces: one start, so by trace id, descending. */
  const newest = (limit: number) => Array.from({ length: CROWD }, (_, i) => idOf(i)).sort().reverse().slice(0, limit);

  test('by service alone, each API answers 200 with `limit` traces, the page order being the trace ids at one start', async () => {
    assert.deepEqual(jaegerIds(await json(`${a.query}/api/traces?service=crowd&lookback=1h&limit=20`)), newest(20));
    const native = await json<{ traces: { traceId: string }[]; nextCursor?: string }>(`${a.query}/api/v1/traces?service=crowd&limit=50`);
    assert.deepEqual(native.traces.map((t) => t.traceId), newest(50));
    assert.ok(native.nextCursor !== undefined);
    const zipkin = await json<{ traceId: string }[][]>(`${a.zipkin}/api/v2/traces?serviceName=crowd&limit=10`);
    assert.equal(zipkin.length, 10);
  });

  test('a value no span has: 200 and no traces; a value one trace has: 200 and that trace', async () => {
    const none = encodeURIComponent(JSON.stringify({ n: 'no span has this value' }));
    assert.deepEqual(jaegerIds(await json(`${a.query}/api/traces?service=crowd&tags=${none}&lookback=1h&limit=20`)), []);
    assert.deepEqual((await json<{ traces: unknown[] }>(`${a.query}/api/v1/traces?service=crowd&attr=n%3Dnobody`)).traces, []);
    const one = encodeURIComponent(JSON.stringify({ marker: 'needle' }));
    assert.deepEqual(jaegerIds(await json(`${a.query}/api/traces?service=crowd&tags=${one}&lookback=1h&limit=20`)), [idOf(NEEDLE)]);
    const zipkin = await json<{ traceId: string }[][]>(`${a.zipkin}/api/v2/traces?serviceName=crowd&annotationQuery=${encodeURIComponent('marker=needle')}`);
    assert.deepEqual(zipkin.map((spans) => spans[0]?.traceId), [idOf(NEEDLE)]);
  });
});
