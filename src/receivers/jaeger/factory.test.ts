import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configProblems, loadWithComponent } from '../../../test/support/componentConfig.js';
import { enabledJaegerProtocols, type JaegerReceiverConfig } from './config.js';
import { jaegerReceiverFactory } from './factory.js';

const load = (yaml: string) => loadWithComponent(jaegerReceiverFactory, yaml).receivers.jaeger as JaegerReceiverConfig;

void describe('jaeger receiver config', () => {
  void test("each protocol present gets the Collector's default port; remote_sampling its own", () => {
    const config = load('  jaeger:\n    protocols:\n      grpc: {}\n      thrift_http: {}\n      thrift_compact: {}\n      thrift_binary: {}\n    remote_sampling: {}');
    assert.deepEqual(enabledJaegerProtocols(config), {
      grpc: { endpoint: 'localhost:14250', max_recv_msg_size_mib: 4 },
      thrift_http: { endpoint: 'localhost:14268', max_request_body_size: 20 * 1024 * 1024, max_decompressed_body_size: 100 * 1024 * 1024, cors: { allowed_origins: [], allowed_headers: [], max_age: 0 } },
      thrift_compact: { endpoint: 'localhost:6831', max_packet_size: 65_000, queue_size: 1000 },
      thrift_binary: { endpoint: 'localhost:6832', max_packet_size: 65_000, queue_size: 1000 },
    });
    assert.deepEqual(config.remote_sampling, { endpoint: 'localhost:5778', reload_interval: '10s' });
    assert.equal(config.max_spans_per_request, 100_000);
  });

  void test('a protocol key with no value turns it on with its defaults; absent ones and remote sampling stay off', () => {
    const config = load('  jaeger:\n    protocols:\n      thrift_compact:\n      thrift_http:\n        endpoint: 0.0.0.0:14268');
    assert.deepEqual(Object.keys(enabledJaegerProtocols(config)), ['thrift_http', 'thrift_compact']);
    assert.equal(enabledJaegerProtocols(config).thrift_compact?.endpoint, 'localhost:6831');
    assert.equal(config.remote_sampling, undefined);
  });

  void test('unknown keys, bad values and no protocol at all are refused with their paths', () => {
    assert.deepEqual(configProblems(jaegerReceiverFactory, '  jaeger:\n    protocols: {}').length, 1);
    const problems = configProblems(jaegerReceiverFactory, '  jaeger:\n    protocols:\n      thrift_udp: {}\n      grpc: {endpoint: nowhere}\n    remote_sampling: {strategy_file: "", reload_interval: soon}').join('\n');
    for (const expected of ['protocols.thrift_udp: unknown key', 'protocols.grpc.endpoint', 'remote_sampling.strategy_file', 'remote_sampling.reload_interval']) assert.match(problems, new RegExp(expected.replace(/\./g, '\\.')));
  });
});
