// Search degraded with the data, not the results: thousands of traces of one service starting at the same moment made
// every search of that service read them all (9.5-10 s for 4,000 x 100 spans), and it ran on the thread that answers
// /healthz. Now searches run in the query thread, each under storage.query_timeout: one that would read past it is
// stopped and answered 400 SB_QUERY_TIMEOUT naming how to narrow it, the health check answers meanwhile, and a narrow
// search still answers. Through the CLI, with the deadline set low so the crowd of traces passes it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startAllInOne, type AllInOne } from '../support/allInOne.js';
import { rawRequest } from '../support/rawHttp.js';

const TRACES = 1500;
const SPANS_PER_TRACE = 20;

describe('search cost is bounded by a deadline, off the health check thread (all-in-one CLI)', () => {
  let a: AllInOne;
  const startMicros = (Date.now() - 60_000) * 1000;
  before(async () => {
    a = await startAllInOne({ edit: (c) => c.setIn(['storage', 'query_timeout'], '1ms') });
    // One service, every trace starting at the same moment: a search for a tag no span has reads them all.
    for (let t = 0; t < TRACES; t += 100) {
      const spans = [];
      for (let i = t; i < t + 100; i++) {
        const traceId = `a${(i + 1).toString(16).padStart(31, '0')}`;
        for (let s = 0; s < SPANS_PER_TRACE; s++) {
          const id = `b${(i * SPANS_PER_TRACE + s + 1).toString(16).padStart(15, '0')}`;
          spans.push({ traceId, id, ...(s > 0 ? { parentId: `b${(i * SPANS_PER_TRACE + 1).toString(16).padStart(15, '0')}` } : {}), name: `op${s}`, timestamp: startMicros, duration: 10, localEndpoint: { serviceName: 'crowd' }, tags: { n: String(s) } });
        }
      }
      const res = await rawRequest(`${a.zipkin}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spans) });
      assert.equal(res.status, 202, res.text);
    }
  });
  after(async () => {
    await a?.stop();
  });

  test('a search that would read every stored trace is stopped at storage.query_timeout with 400; /healthz answers; a narrow one answers', async () => {
    const tags = encodeURIComponent(JSON.stringify({ n: 'no span has this value' }));
    const [wide, health] = await Promise.all([rawRequest(`${a.query}/api/traces?service=crowd&tags=${tags}&lookback=1h&limit=20`), rawRequest(`${a.telemetry}/healthz`)]);
    assert.equal(wide.status, 400, wide.text);
    assert.match(wide.text, /deadline of 1 ms \(storage\.query_timeout\)/);
    assert.equal(health.status, 200);
    const byId = await rawRequest(`${a.query}/api/traces/a${(7).toString(16).padStart(31, '0')}`);
    assert.equal(byId.status, 200, 'trace by id reads one trace, whatever the crowd');
    assert.equal((JSON.parse(byId.text) as { data: { spans: unknown[] }[] }).data[0]?.spans.length, SPANS_PER_TRACE);
  });
});
