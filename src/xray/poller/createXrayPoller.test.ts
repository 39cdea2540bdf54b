import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { makeXrayTrace, type MadeXrayTrace } from '../../../test/xray/poller/makeXrayTrace.js';
import { MINUTE, counterValue, eventually, startPollerHarness, type PollerHarness } from '../../../test/xray/poller/pollerHarness.js';

const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);

/** Adds `n` traces starting at `fromMillis`, `stepMillis` apart, numbered from `firstSeq`. */
function addTraces(h: PollerHarness, n: number, fromMillis: number, stepMillis: number, firstSeq = 0): MadeXrayTrace[] {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = makeXrayTrace(firstSeq + i, fromMillis + i * stepMillis);
    h.api.addTrace(t.documents);
    out.push(t);
  }
  return out;
}

/** Every span of `traces` delivered exactly once, and nothing else. */
function assertExactlyOnce(h: PollerHarness, traces: MadeXrayTrace[]): void {
  const counts = h.sink.spanCounts();
  const expected = traces.flatMap((t) => t.spanIds);
  assert.deepEqual([...counts.keys()].sort(), [...expected].sort());
  for (const [id, n] of counts) assert.equal(n, 1, `span ${id} delivered ${n} times`);
  assert.deepEqual([...h.sink.traceIds()].sort(), traces.map((t) => t.otelTraceId).sort());
}

type SummariesBody = { StartTime: number; EndTime: number; NextToken?: string; FilterExpression?: string; TimeRangeType?: string };
const summaryRequests = (h: PollerHarness) => h.api.requests.filter((r) => r.route === '/TraceSummaries').map((r) => r.body as SummariesBody);

describe('createXrayPoller', () => {
  let h: PollerHarness;
  beforeEach(async () => {
    h = await startPollerHarness(T0);
  });
  afterEach(async () => {
    await h.close();
  });

  test('a first start reads from now - max_replay in consecutive windows, following NextToken, up to now - settle', async () => {
    const traces = addTraces(h, 25, T0 - 59 * MINUTE, 2 * MINUTE + 7_000);
    const tooNew = makeXrayTrace(999, T0 - 30_000);
    h.api.addTrace(tooNew.documents);
    const poller = h.poller({ settings: { filterExpression: 'service("svc-1") OR fault', timeRangeType: 'Event' } });
    assert.equal(await poller.runOnce(), true);

    assertExactlyOnce(h, traces.filter((t) => t.startMillis <= T0 - MINUTE));
    const firstPages = summaryRequests(h).filter((b) => b.NextToken === undefined);
    assert.equal(firstPages.length, 6, '60 minutes minus the 1-minute settle delay in 10-minute windows');
    assert.equal(firstPages[0]?.StartTime, (T0 - 60 * MINUTE) / 1000);
    for (let i = 1; i < firstPages.length; i++) assert.equal(firstPages[i]?.StartTime, firstPages[i - 1]?.EndTime, 'windows are consecutive');
    assert.equal(firstPages.at(-1)?.EndTime, (T0 - MINUTE) / 1000);
    for (const b of summaryRequests(h)) {
      assert.equal(b.FilterExpression, 'service("svc-1") OR fault');
      assert.equal(b.TimeRangeType, 'Event');
    }
    assert.ok(summaryRequests(h).some((b) => b.NextToken !== undefined), 'pages beyond the first were asked for');
    const status = await poller.status();
    assert.equal(status.state, 'idle');
    assert.equal(status.checkpoint, new Date(T0 - MINUTE).toISOString());
    assert.equal(status.lagSeconds, 0);
    assert.equal(status.counts.windows, 6);
    assert.equal(status.counts.traces, traces.filter((t) => t.startMillis <= T0 - MINUTE).length);
    assert.equal(await counterValue(h.telemetry, 'spanbridge_receiver_accepted_spans_total', { receiver: 'awsxray_poller', transport: 'poll' }), status.counts.spans);
    assert.equal(status.counts.spans, status.counts.traces * 3);

    h.clock.now = T0 + 5 * MINUTE;
    assert.equal(await poller.runOnce(), true);
    assertExactlyOnce(h, [...traces, tooNew].filter((t) => t.startMillis <= T0 + 4 * MINUTE));
  });

  test('BatchGetTraces gets at most five ids per call and follows its NextToken; a group is one batch', async () => {
    h.api.summariesPageSize = 100;
    h.api.tracesPerPage = 2;
    const traces = addTraces(h, 12, T0 - 25 * MINUTE, 1000);
    await h.poller().runOnce();
    const firstCalls = h.api.requests.filter((r) => r.route === '/Traces' && r.body.NextToken === undefined);
    assert.deepEqual(firstCalls.map((r) => (r.body.TraceIds as string[]).length), [5, 5, 2]);
    assert.ok(h.api.requests.some((r) => r.route === '/Traces' && r.body.NextToken !== undefined));
    assert.equal(h.sink.batches.length, 3);
    assertExactlyOnce(h, traces);
  });

  test('overlapping queries and inclusive window bounds deliver each trace once', async () => {
    // Traces exactly on window boundaries (the fake's bounds are inclusive on both ends, as X-Ray's may be).
    const onBoundaries = [0, 10, 20, 30].map((m, i) => makeXrayTrace(100 + i, T0 - 60 * MINUTE + m * MINUTE));
    for (const t of onBoundaries) h.api.addTrace(t.documents);
    const others = addTraces(h, 10, T0 - 55 * MINUTE, 5 * MINUTE);
    const poller = h.poller({ settings: { overlapMillis: 5 * MINUTE } });
    await poller.runOnce();
    assertExactlyOnce(h, [...onBoundaries, ...others]);
    const status = await poller.status();
    assert.ok(status.counts.duplicates > 0, 'the overlap returned traces again and they were dropped');
    assert.equal(summaryRequests(h).filter((b) => b.NextToken === undefined)[1]?.StartTime, (T0 - 55 * MINUTE) / 1000, 'the second query reaches 5 minutes back');
  });

  test('a restarted poller continues at the durable checkpoint: no gap, no repeat', async () => {
    const early = addTraces(h, 6, T0 - 50 * MINUTE, 5 * MINUTE);
    const first = h.poller({ holderId: 'first' });
    await first.runOnce();
    await first.stop();
    const late = addTraces(h, 4, T0 - 30_000, 30 * 1000, 50);
    h.clock.now = T0 + 3 * MINUTE;
    const second = h.poller({ holderId: 'second', settings: { overlapMillis: 2 * MINUTE } });
    await second.runOnce();
    assertExactlyOnce(h, [...early, ...late]);
    const resumed = summaryRequests(h).filter((b) => b.NextToken === undefined).at(-1);
    assert.equal(resumed?.StartTime, (T0 - MINUTE - 2 * MINUTE) / 1000, 'the query starts at the checkpoint minus the overlap');
    assert.equal((await second.status()).counts.duplicates, 0, 'nothing in the overlap was delivered twice');
  });

  test('throttled calls back off and retry the same request; nothing is skipped', async () => {
    const traces = addTraces(h, 7, T0 - 20 * MINUTE, MINUTE);
    h.api.throttle(3, '/TraceSummaries');
    h.api.throttle(2, '/Traces');
    h.api.fail(1, '/Traces', 503, 'ServiceUnavailableException');
    const poller = h.poller();
    await poller.runOnce();
    assertExactlyOnce(h, traces);
    const status = await poller.status();
    assert.equal(status.counts.throttled, 5);
    assert.equal(status.counts.errors, 1);
    assert.match(status.lastError?.message ?? '', /BatchGetTraces: ServiceUnavailableException \(HTTP 503\)/);
    const summaries = summaryRequests(h);
    assert.deepEqual(summaries[0], summaries[3], 'the throttled page was asked for again, unchanged');
    assert.equal(await counterValue(h.telemetry, 'spanbridge_xray_poller_api_calls_total', { api: 'GetTraceSummaries', outcome: 'throttled' }), 3);
  });

  test('ids left in UnprocessedTraceIds are asked for again', async () => {
    const traces = addTraces(h, 3, T0 - 20 * MINUTE, MINUTE);
    h.api.unprocessedOnce([traces[1]!.traceId]);
    const poller = h.poller();
    await poller.runOnce();
    assertExactlyOnce(h, traces);
    assert.equal((await poller.status()).counts.missing, 0);
  });

  test('a bad document is refused alone and counted; the rest of its trace is delivered', async () => {
    const t = makeXrayTrace(1, T0 - 10 * MINUTE);
    h.api.addTrace([t.documents[0]!, { ...t.documents[1], id: 'c000000000000001', namespace: 'bogus' }]);
    const poller = h.poller();
    await poller.runOnce();
    assert.deepEqual([...h.sink.spanCounts().keys()].sort(), t.spanIds.slice(0, 2).sort());
    assert.equal((await poller.status()).counts.rejectedDocuments, 1);
    assert.equal(await counterValue(h.telemetry, 'spanbridge_receiver_refused_spans_total', { transport: 'poll', code: 'SB_MALFORMED' }), 1);
  });

  test('a retryable refusal downstream is retried; a permanent one is counted and skipped', async () => {
    h.api.summariesPageSize = 100;
    const traces = addTraces(h, 10, T0 - 19 * MINUTE, 30_000);
    let refusals = 0;
    h.sink.failWith = (batch) => {
      const first = batch.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.traceId;
      if (first === traces[0]!.otelTraceId && refusals++ < 2) return new PipelineError('SB_QUEUE_FULL', 'full', { retryAfterMillis: 1 });
      if (first === traces[5]!.otelTraceId) return new PipelineError('SB_MALFORMED', 'no');
      return undefined;
    };
    const poller = h.poller();
    await poller.runOnce();
    assertExactlyOnce(h, traces.slice(0, 5));
    const status = await poller.status();
    assert.equal(status.counts.refusedTraces, 5);
    assert.equal(status.checkpoint, new Date(T0 - MINUTE).toISOString(), 'the refused group did not stop the poller');
    assert.equal(await counterValue(h.telemetry, 'spanbridge_receiver_refused_spans_total', { transport: 'poll', code: 'SB_MALFORMED' }), 15);
  });

  test('a permanent API error fails the turn without moving the checkpoint', async () => {
    addTraces(h, 2, T0 - 20 * MINUTE, MINUTE);
    h.api.fail(1, '/TraceSummaries', 400, 'InvalidRequestException');
    const poller = h.poller();
    await assert.rejects(poller.runOnce(), { name: 'InvalidRequestException' });
    assert.equal(h.sink.batches.length, 0);
    assert.equal((await poller.status()).checkpoint, new Date(T0 - 60 * MINUTE).toISOString());
    await poller.runOnce();
    assert.equal(h.sink.traceIds().size, 2);
  });

  test('stopping mid-window aborts the call in flight; the next poller delivers the rest, nothing twice', async () => {
    h.api.summariesPageSize = 100;
    const traces = addTraces(h, 20, T0 - 19 * MINUTE, 15_000);
    const first = h.poller({ holderId: 'first' });
    const held = h.api.hold('/Traces', 3);
    first.start();
    const request = await held;
    await first.stop();
    request.release();
    assert.equal((await first.status()).state, 'stopped');
    assert.equal(h.sink.traceIds().size, 10, 'two groups were delivered before the stop');
    const second = h.poller({ holderId: 'second' });
    assert.equal(await second.runOnce(), true, 'the stopped poller released its lease');
    assertExactlyOnce(h, traces);
  });

  test('one poller holds the lease; the standby takes over when it stops, from its checkpoint', async () => {
    const early = addTraces(h, 8, T0 - 40 * MINUTE, 4 * MINUTE);
    const a = h.poller({ holderId: 'A' });
    const b = h.poller({ holderId: 'B' });
    a.start();
    await eventually('A delivered the early traces', () => h.sink.traceIds().size === early.length);
    b.start();
    await eventually('B is in standby', async () => (await b.status()).state === 'standby');
    assert.equal(await b.runOnce(), false);
    const sa = await a.status();
    assert.ok(sa.state === 'idle' || sa.state === 'polling');
    assert.deepEqual(sa.lease && { holder: sa.lease.holder, self: sa.lease.self }, { holder: 'A', self: true });
    assert.equal((await b.status()).lease?.self, false);

    await a.stop();
    const late = addTraces(h, 5, T0, 10_000, 40);
    h.clock.now = T0 + 5 * MINUTE;
    await eventually('B delivered the late traces', () => h.sink.traceIds().size === early.length + late.length);
    assertExactlyOnce(h, [...early, ...late]);
    const sb = await b.status();
    assert.equal(sb.lease?.holder, 'B');
    assert.equal(sb.counts.traces, late.length);
    assert.equal((await a.status()).counts.traces, early.length);
  });

  test('a poller whose lease was taken over cannot write the checkpoint and stands by', async () => {
    h.api.summariesPageSize = 100;
    addTraces(h, 10, T0 - 20 * MINUTE, MINUTE);
    const a = h.poller({ holderId: 'A' });
    const held = h.api.hold('/Traces', 2);
    const run = a.runOnce();
    const request = await held;
    h.clock.now += 2 * MINUTE;
    const b = h.poller({ holderId: 'B' });
    assert.equal(await b.runOnce(), true, 'B took the expired lease');
    request.release();
    await assert.rejects(run, { name: 'LeaseLostError' });
    const sa = await a.status();
    assert.equal(sa.state, 'standby');
    assert.equal(sa.counts.leaseLost, 1);
    assert.equal(sa.lease?.holder, 'B');
    assert.equal(await a.runOnce(), false);
  });
});
