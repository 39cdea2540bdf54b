// Overload used to become latency, not refusals: at 1,024 connections nothing was refused and acknowledgements took
// seconds, /healthz with them. Now the memory_limiter bounds the spans waiting for their acknowledgement
// (max_in_flight_spans) and the HTTP receivers ask it before they read a body (src/http/admissionGate.ts): past the
// bound a sender is told 503 with Retry-After at once, the health check still answers, and once the backlog is
// acknowledged new data is taken again. Through the CLI, with a batch that holds spans for seconds so the bound is
// reached by a few requests.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startAllInOne, type AllInOne } from '../support/allInOne.js';
import { eventually, metricValue, rawRequest } from '../support/rawHttp.js';

const SPANS_PER_REQUEST = 50;

let counter = 0;
/** Zipkin v2 JSON of `n` spans of trace ids never sent before. */
function zipkinBody(n: number): string {
  const spans = [];
  for (let i = 0; i < n; i++) {
    const k = ++counter;
    spans.push({ traceId: k.toString(16).padStart(32, 'a'), id: k.toString(16).padStart(16, 'b'), name: 'op', timestamp: Date.now() * 1000, duration: 5, localEndpoint: { serviceName: 'flood' } });
  }
  return JSON.stringify(spans);
}

describe('overload is refused early, not queued (all-in-one CLI)', () => {
  let a: AllInOne;
  before(async () => {
    a = await startAllInOne({
      edit: (c) => {
        c.setIn(['processors', 'memory_limiter', 'max_in_flight_spans'], 4 * SPANS_PER_REQUEST);
        // A batch that waits 3 s keeps what it holds in flight: four requests reach the bound.
        c.setIn(['processors', 'batch'], { send_batch_size: 100_000, timeout: '3s' });
      },
    });
  });
  after(async () => {
    await a?.stop();
  });

  test('past max_in_flight_spans a POST is answered 503 with Retry-After, counted; /healthz answers; the backlog is acknowledged and data is taken again', async () => {
    const post = () => rawRequest(`${a.zipkin}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: zipkinBody(SPANS_PER_REQUEST) });
    // The first requests are admitted and wait for their batch.
    const admitted = Array.from({ length: 4 }, post);
    await new Promise((r) => setTimeout(r, 300));
    const flood = await Promise.all(Array.from({ length: 20 }, post));
    const refused = flood.filter((r) => r.status === 503);
    assert.ok(refused.length > 0, `some of the flood is refused: ${flood.map((r) => r.status).join(',')}`);
    for (const r of refused) {
      assert.match(r.headers['retry-after'] ?? '', /^\d+$/);
      assert.match(r.text, /waiting for their acknowledgement|has waited/);
    }
    assert.ok((await metricValue(a.telemetry, 'spanbridge_receiver_refused_spans_total', 'receiver="zipkin"', 'code="SB_OVERLOADED"')) > 0, 'the refusals are counted');
    const health = await rawRequest(`${a.telemetry}/healthz`);
    assert.equal(health.status, 200, 'the health check answers during the overload');

    // The admitted requests are acknowledged once their batch is stored; then the receiver takes data again.
    const statuses = (await Promise.all(admitted)).map((r) => r.status);
    assert.ok(statuses.every((s) => s === 202 || s === 503), `admitted requests end acknowledged or refused: ${statuses.join(',')}`);
    assert.ok(statuses.includes(202), 'the first requests are stored');
    await eventually(async () => (await post()).status === 202, 'data to be taken again', 20_000);
  });
});
