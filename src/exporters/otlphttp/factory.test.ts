import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Factory } from '../../pipeline/component.js';
import { configProblems, loadWithComponent } from '../../../test/support/componentConfig.js';
import { tracesUrl } from './config.js';
import { otlpHttpExporterFactory } from './factory.js';

const load = (yaml: string) => loadWithComponent(otlpHttpExporterFactory as Factory, yaml);
const problems = (yaml: string): string[] => configProblems(otlpHttpExporterFactory as Factory, yaml).sort();

void describe('otlpHttpExporterFactory', () => {
  void test('fills the Collector defaults', () => {
    assert.deepEqual(load('  otlphttp: {endpoint: "http://collector:4318"}').exporters.otlphttp, {
      endpoint: 'http://collector:4318',
      encoding: 'proto',
      headers: {},
      compression: 'gzip',
      timeout: '5s',
      sending_queue: { enabled: true, num_consumers: 4, queue_size: 100_000, max_size_bytes: 1024 ** 3, dead_letter_max_size_bytes: 1024 ** 3 },
      retry_on_failure: { enabled: true, initial_interval: '5s', randomization_factor: 0.5, multiplier: 1.5, max_interval: '30s', max_elapsed_time: '300s' },
    });
  });

  void test('needs endpoint or traces_endpoint', () => {
    assert.ok(problems('  otlphttp: {}').some((p) => p.startsWith('exporters.otlphttp')));
    assert.equal(load('  otlphttp: {traces_endpoint: "https://x.example/otlp/v1/traces"}').exporters.otlphttp !== undefined, true);
  });

  void test('refuses bad values and unknown keys at every level', () => {
    const found = problems('  otlphttp: {endpoint: "collector:4318", encoding: xml, compression: zstd, headers: {a: {b: 1}}, sending_queue: {size: 1}, tls: {}}');
    assert.ok(found.includes('exporters.otlphttp.tls: unknown key'), found.join('\n'));
    assert.ok(found.includes('exporters.otlphttp.sending_queue.size: unknown key'), found.join('\n'));
    assert.ok(found.includes('exporters.otlphttp.encoding: must be one of "proto", "json"'), found.join('\n'));
    assert.ok(found.includes('exporters.otlphttp.compression: must be one of "gzip", "none"'), found.join('\n'));
    assert.ok(found.some((p) => p.startsWith('exporters.otlphttp.endpoint:')), found.join('\n'));
    assert.ok(found.some((p) => p.startsWith('exporters.otlphttp.headers.a:')), found.join('\n'));
  });

  void test('the trace URL: /v1/traces appended to endpoint, traces_endpoint as given', () => {
    assert.equal(tracesUrl({ endpoint: 'http://c:4318' }), 'http://c:4318/v1/traces');
    assert.equal(tracesUrl({ endpoint: 'https://c.example/otlp/' }), 'https://c.example/otlp/v1/traces');
    assert.equal(tracesUrl({ endpoint: 'http://c:4318', traces_endpoint: 'http://d/x' }), 'http://d/x');
  });
});
