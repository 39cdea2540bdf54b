import assert from 'node:assert/strict';
import { PutTraceSegmentsCommand } from '@aws-sdk/client-xray';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { TEST_KEYS, startXrayApiWithStore, type XrayApiHarness } from '../../../test/xray/api/startXrayApiWithStore.js';
import { makeXrayTrace, type MadeXrayTrace } from '../../../test/xray/poller/makeXrayTrace.js';
import { MINUTE, startPollerHarness, type PollerHarness } from '../../../test/xray/poller/pollerHarness.js';

// The poller against Spanbridge's own X-Ray API (src/xray/api over a SQLite store, SigV4 checked), through the AWS SDK.
describe('the poller against the Spanbridge X-Ray API', () => {
  let xray: XrayApiHarness;
  let h: PollerHarness;
  let traces: MadeXrayTrace[];
  const T = Math.floor(Date.now() / 1000) * 1000;
  beforeEach(async () => {
    xray = await startXrayApiWithStore({ auth: TEST_KEYS });
    h = await startPollerHarness(T);
    traces = Array.from({ length: 13 }, (_, i) => makeXrayTrace(i, T - 50 * MINUTE + i * 3 * MINUTE));
    const documents = traces.flatMap((t) => t.documents.map((d) => JSON.stringify(d)));
    const out = await xray.client().send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: documents }));
    assert.deepEqual(out.UnprocessedTraceSegments, []);
  });
  afterEach(async () => {
    await h.close();
    await xray.close();
  });

  test('every stored trace is delivered once, with its trace id and every span', async () => {
    const poller = h.poller({ endpoint: xray.url, credentials: TEST_KEYS, settings: { overlapMillis: 5 * MINUTE } });
    assert.equal(await poller.runOnce(), true);
    const counts = h.sink.spanCounts();
    assert.deepEqual([...counts.keys()].sort(), traces.flatMap((t) => t.spanIds).sort());
    for (const [id, n] of counts) assert.equal(n, 1, `span ${id} delivered ${n} times`);
    assert.deepEqual([...h.sink.traceIds()].sort(), traces.map((t) => t.otelTraceId).sort());
    const status = await poller.status();
    assert.equal(status.counts.errors, 0, status.lastError?.message);
    assert.equal(status.counts.traces, traces.length);
  });

  test('filter_expression is applied by the API', async () => {
    const poller = h.poller({ endpoint: xray.url, credentials: TEST_KEYS, settings: { filterExpression: 'service("svc-1")' } });
    await poller.runOnce();
    const wanted = traces.filter((_, i) => i % 3 === 1);
    assert.deepEqual([...h.sink.traceIds()].sort(), wanted.map((t) => t.otelTraceId).sort());
  });

  test('requests signed with other keys are refused, and the poller reports it without moving on', async () => {
    const poller = h.poller({ endpoint: xray.url, credentials: { accessKeyId: 'AKIDOTHER', secretAccessKey: 'wrong' } });
    await assert.rejects(poller.runOnce());
    const status = await poller.status();
    assert.equal(h.sink.batches.length, 0);
    assert.equal(status.checkpoint, new Date(T - 60 * MINUTE).toISOString());
    assert.match(status.lastError?.message ?? '', /GetTraceSummaries: \w+ \(HTTP 403\)/);
  });
});
