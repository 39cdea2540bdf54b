import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Factory } from '../../pipeline/component.js';
import { configProblems, loadWithComponent } from '../../../test/support/componentConfig.js';
import { arbitraryTraceBatch } from '../../../test/model/arbitraries.js';
import { cloneBatch, countSpans, forEachSpan } from '../../model/batch.js';
import { loadBalancingExporterFactory } from './factory.js';
import { withPort } from './resolver.js';
import { routingValue, splitBatch } from './splitBatch.js';

const load = (yaml: string) => loadWithComponent(loadBalancingExporterFactory as Factory, yaml);
const problems = (yaml: string): string[] => configProblems(loadBalancingExporterFactory as Factory, yaml).sort();

void describe('loadBalancingExporterFactory', () => {
  void test('fills the defaults: trace id routing over OTLP/gRPC with the otlp exporter defaults', () => {
    const cfg = load('  loadbalancing: {resolver: {static: {hostnames: [a, "b:5317"]}}}').exporters.loadbalancing as Record<string, unknown>;
    assert.equal(cfg.routing_key, 'traceID');
    assert.deepEqual((cfg.protocol as { otlp: unknown }).otlp, {
      tls: { insecure: false },
      headers: {},
      compression: 'gzip',
      timeout: '5s',
      sending_queue: { enabled: true, num_consumers: 4, queue_size: 100_000, max_size_bytes: 1024 ** 3, dead_letter_max_size_bytes: 1024 ** 3 },
      retry_on_failure: { enabled: true, initial_interval: '5s', randomization_factor: 0.5, multiplier: 1.5, max_interval: '30s', max_elapsed_time: '300s' },
    });
    const dns = load('  loadbalancing: {protocol: {otlphttp: {}}, resolver: {dns: {hostname: collectors.tracing.svc.cluster.local}}}').exporters.loadbalancing as { resolver: { dns: unknown }; protocol: { otlphttp: { scheme: string; encoding: string } } };
    assert.deepEqual(dns.resolver.dns, { hostname: 'collectors.tracing.svc.cluster.local', interval: '5s', timeout: '1s' });
    assert.equal(dns.protocol.otlphttp.scheme, 'http');
    assert.equal(dns.protocol.otlphttp.encoding, 'proto');
  });

  void test('refuses a missing resolver, two resolvers or two protocols, an endpoint in the protocol, and bad hostnames', () => {
    assert.deepEqual(problems('  loadbalancing: {}'), ['exporters.loadbalancing.resolver: required']);
    assert.deepEqual(problems('  loadbalancing: {resolver: {}}'), ['exporters.loadbalancing.resolver: exactly one of static, dns is required (found 0)']);
    assert.deepEqual(problems('  loadbalancing: {resolver: {static: {hostnames: [a]}, dns: {hostname: b}}}'), ['exporters.loadbalancing.resolver: exactly one of static, dns is required (found 2)']);
    assert.deepEqual(problems('  loadbalancing: {protocol: {otlp: {}, otlphttp: {}}, resolver: {static: {hostnames: [a]}}}'), ['exporters.loadbalancing.protocol: exactly one of otlp, otlphttp is required (found 2)']);
    assert.deepEqual(problems('  loadbalancing: {protocol: {otlp: {endpoint: "x:4317"}}, resolver: {static: {hostnames: [a]}}}'), ['exporters.loadbalancing.protocol.otlp.endpoint: unknown key']);
    const bad = problems('  loadbalancing: {routing_key: metric, resolver: {static: {hostnames: ["http://a:1", "a b"]}}}');
    assert.ok(bad.some((p) => p.startsWith('exporters.loadbalancing.routing_key:')), bad.join('\n'));
    assert.ok(bad.some((p) => p.startsWith('exporters.loadbalancing.resolver.static.hostnames.0')), bad.join('\n'));
    assert.ok(bad.some((p) => p.startsWith('exporters.loadbalancing.resolver.static.hostnames.1')), bad.join('\n'));
  });

  void test('a hostname without a port gets the protocol default', () => {
    assert.equal(withPort('collector', 4317), 'collector:4317');
    assert.equal(withPort('collector:5317', 4317), 'collector:5317');
    assert.equal(withPort('[::1]', 4318), '[::1]:4318');
    assert.equal(withPort('[::1]:9', 4318), '[::1]:9');
  });
});

void describe('splitBatch', () => {
  void test('every span goes to exactly one part, the part of its owner, under its own resource and scope', () => {
    fc.assert(
      fc.property(arbitraryTraceBatch(), fc.constantFrom('traceID' as const, 'service' as const), (batch, key) => {
        const ownerOf = (value: string) => `backend-${value.length === 0 ? 0 : value.charCodeAt(value.length - 1) % 3}`;
        const expected: string[] = [];
        forEachSpan(batch, (s, rs, ss) => expected.push(`${ownerOf(routingValue(key, s, rs))}/${s.traceId}/${s.spanId}/${ss.scope.name}/${String(rs.resource.attributes.get('service.name'))}`));
        const parts = splitBatch(cloneBatch(batch), key, ownerOf);
        const got: string[] = [];
        for (const [owner, part] of parts) {
          assert.ok(countSpans(part) > 0, 'no empty part');
          forEachSpan(part, (s, rs, ss) => {
            assert.equal(ownerOf(routingValue(key, s, rs)), owner);
            got.push(`${owner}/${s.traceId}/${s.spanId}/${ss.scope.name}/${String(rs.resource.attributes.get('service.name'))}`);
          });
          for (const rs of part.resourceSpans) for (const ss of rs.scopeSpans) assert.ok(ss.spans.length > 0, 'no empty scope');
        }
        assert.deepEqual(got.sort(), expected.sort());
      }),
    );
  });
});
