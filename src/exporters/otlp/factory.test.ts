import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Factory } from '../../pipeline/component.js';
import { configProblems, loadWithComponent } from '../../../test/support/componentConfig.js';
import { otlpGrpcExporterFactory } from './factory.js';

const load = (yaml: string) => loadWithComponent(otlpGrpcExporterFactory as Factory, yaml);
const problems = (yaml: string): string[] => configProblems(otlpGrpcExporterFactory as Factory, yaml).sort();

void describe('otlpGrpcExporterFactory', () => {
  void test('fills the Collector defaults', () => {
    assert.deepEqual(load('  otlp: {endpoint: "collector:4317"}').exporters.otlp, {
      endpoint: 'collector:4317',
      tls: { insecure: false },
      headers: {},
      compression: 'gzip',
      timeout: '5s',
      sending_queue: { enabled: true, num_consumers: 4, queue_size: 100_000, max_size_bytes: 1024 ** 3, dead_letter_max_size_bytes: 1024 ** 3 },
      retry_on_failure: { enabled: true, initial_interval: '5s', randomization_factor: 0.5, multiplier: 1.5, max_interval: '30s', max_elapsed_time: '300s' },
    });
  });

  void test('accepts host:port and http(s) URLs', () => {
    for (const endpoint of ['collector:4317', '[::1]:4317', 'http://collector:4317', 'https://collector.example']) {
      assert.equal(load(`  otlp: {endpoint: "${endpoint}"}`).exporters.otlp !== undefined, true, endpoint);
    }
  });

  void test('refuses a missing endpoint, bad values and unknown keys at every level', () => {
    assert.deepStrictEqual(problems('  otlp: {}'), ['exporters.otlp.endpoint: required']);
    const found = problems('  otlp: {endpoint: "no port", compression: snappy, tls: {insecure: true, cert: x}, balancer_name: rr}');
    assert.ok(found.includes('exporters.otlp.balancer_name: unknown key'), found.join('\n'));
    assert.ok(found.includes('exporters.otlp.tls.cert: unknown key'), found.join('\n'));
    assert.ok(found.includes('exporters.otlp.compression: must be one of "gzip", "none"'), found.join('\n'));
    assert.ok(found.some((p) => p.startsWith('exporters.otlp.endpoint:')), found.join('\n'));
  });
});
