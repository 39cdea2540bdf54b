import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTelemetry } from './telemetry.js';
import { startTelemetryServer } from './telemetryServer.js';

test('serves /metrics with the component counters, /healthz and /readyz', async () => {
  const telemetry = createTelemetry();
  let ready = false;
  const app = await startTelemetryServer('127.0.0.1:0', telemetry, () => ready);
  try {
    const a = app.server.address();
    const base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    telemetry.receiverAccepted('zipkin', 'http', 5);
    telemetry.receiverRefused('zipkin', 'http', 'SB_MALFORMED', 0);
    telemetry.exporterSent('otlphttp', 4);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /spanbridge_receiver_accepted_spans_total\{receiver="zipkin",transport="http"\} 5/);
    assert.match(metrics, /spanbridge_receiver_refused_spans_total\{receiver="zipkin",transport="http",code="SB_MALFORMED"\} 1/);
    assert.match(metrics, /spanbridge_exporter_sent_spans_total\{exporter="otlphttp"\} 4/);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.equal((await fetch(`${base}/readyz`)).status, 503);
    ready = true;
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
  } finally {
    await app.close();
  }
});
