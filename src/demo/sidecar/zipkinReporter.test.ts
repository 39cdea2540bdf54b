import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { countSpans } from '../../model/batch.js';
import { createCollectingConsumer, startTestReceiver } from '../../../test/receivers/zipkin/testReceiver.js';
import { closeServer, listenOnLoopback } from '../net/httpServers.js';
import { createZipkinReporter, emptyReporterCounts } from './zipkinReporter.js';
import type { ZipkinJsonSpan } from './zipkinJsonSpan.js';

const span = (i: number): ZipkinJsonSpan => ({
  traceId: '463ac35c9f6413ad48485a3953bb6124',
  id: `${i}`.padStart(16, 'a'),
  kind: 'CLIENT',
  name: 'details.default.svc.cluster.local:9080/*',
  timestamp: 1_700_000_000_000_000 + i,
  duration: 10,
  localEndpoint: { serviceName: 'productpage.default', ipv4: '10.244.0.11', port: 0 },
  tags: { component: 'proxy' },
});

const options = { minFlushSpans: 2, flushIntervalMillis: 60_000, requestTimeoutMillis: 5000, maxBufferedSpans: 3, logger: pino({ level: 'silent' }) };

describe('createZipkinReporter', () => {
  test('posts a JSON array once minFlushSpans are buffered, and the rest on close', async () => {
    const consumer = createCollectingConsumer();
    const receiver = await startTestReceiver(consumer);
    try {
      const counts = emptyReporterCounts();
      const reporter = createZipkinReporter({ ...options, url: `${receiver.url}/api/v2/spans`, counts });
      reporter.report(span(1));
      reporter.report(span(2));
      await consumer.waitForSpans(2);
      assert.equal(consumer.batches.length, 1, 'two spans, one report');
      reporter.report(span(3));
      await reporter.close();
      assert.deepEqual(consumer.batches.map(countSpans), [2, 1]);
      assert.deepEqual(counts, { sent: 3, dropped: 0, failed: 0, overflowed: 0 });
    } finally {
      await receiver.close();
    }
  });

  test('counts a non-202 answer as dropped and an unreachable collector as failed', async () => {
    const server = createServer((req, res) => {
      req.resume();
      res.statusCode = 503;
      res.end();
    });
    const port = await listenOnLoopback(server);
    const counts = emptyReporterCounts();
    const refused = createZipkinReporter({ ...options, url: `http://127.0.0.1:${port}/api/v2/spans`, counts });
    refused.report(span(1));
    await refused.close();
    await closeServer(server);
    const unreachable = createZipkinReporter({ ...options, url: `http://127.0.0.1:${port}/api/v2/spans`, counts });
    unreachable.report(span(2));
    await unreachable.close();
    assert.deepEqual(counts, { sent: 0, dropped: 1, failed: 1, overflowed: 0 });
  });

  test('a full buffer discards and counts further spans', async () => {
    const closed = createServer();
    const port = await listenOnLoopback(closed);
    await closeServer(closed);
    const counts = emptyReporterCounts();
    const reporter = createZipkinReporter({ ...options, minFlushSpans: 100, url: `http://127.0.0.1:${port}/api/v2/spans`, counts });
    for (let i = 1; i <= 5; i++) reporter.report(span(i));
    assert.equal(counts.overflowed, 2);
    await reporter.close();
    assert.equal(counts.failed, 3);
  });
});
