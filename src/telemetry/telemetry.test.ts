import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { requestCounter } from '../query/http/requestCounter.js';
import { createPollerMetrics } from '../xray/poller/status.js';
import { createTelemetry, METRIC_PREFIX } from './telemetry.js';

/** Every series name a running process can expose: the component counters, the query and poller series, prom-client's defaults. */
async function allMetricNames(): Promise<string[]> {
  const telemetry = createTelemetry({ defaultMetrics: true });
  requestCounter(telemetry.registry);
  createPollerMetrics(telemetry.registry, 'awsxray_poller');
  const metrics = await telemetry.registry.getMetricsAsJSON();
  return metrics.map((m) => m.name);
}

describe('metric names', () => {
  test('every series starts with one spanbridge_ prefix and repeats no word', async () => {
    const names = await allMetricNames();
    assert.ok(names.length > 20, `${names.length} series`);
    for (const name of names) {
      assert.ok(name.startsWith(METRIC_PREFIX), `${name} starts with ${METRIC_PREFIX}`);
      const words = name.split('_');
      assert.equal(words.filter((w) => w === 'spanbridge').length, 1, `${name} says spanbridge once`);
      words.forEach((w, i) => assert.notEqual(w, words[i + 1], `${name} doubles "${w}"`));
    }
  });

  test('the Node.js process metrics keep their own family names under the prefix', async () => {
    const names = new Set(await allMetricNames());
    for (const name of ['spanbridge_process_cpu_seconds_total', 'spanbridge_process_resident_memory_bytes', 'spanbridge_process_start_time_seconds', 'spanbridge_nodejs_eventloop_lag_seconds', 'spanbridge_nodejs_heap_size_used_bytes', 'spanbridge_nodejs_gc_duration_seconds']) {
      assert.ok(names.has(name), `${name} is exposed`);
    }
    assert.ok(![...names].some((n) => n.startsWith('spanbridge_process_process_') || n.startsWith('spanbridge_process_nodejs_')), 'no name from before the fix');
  });

  test('without default metrics only the component series are registered', async () => {
    const names = (await createTelemetry().registry.getMetricsAsJSON()).map((m) => m.name);
    assert.ok(names.includes('spanbridge_receiver_accepted_spans_total'));
    assert.ok(!names.some((n) => n.includes('nodejs') || n.startsWith('spanbridge_process_')));
  });
});
