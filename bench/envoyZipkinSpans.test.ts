import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeZipkinV2Json } from '../src/codecs/zipkin/decodeZipkinV2Json.js';
import { SpanKind } from '../src/model/span.js';
import type { IstioConfig } from '../src/processors/istio/config.js';
import { istioFactory } from '../src/processors/istio/factory.js';
import { createMeshNormalizer } from '../src/processors/istio/meshNormalizer.js';
import { defaultedConfig } from './benchComponents.js';
import { envoyZipkinBodies, type ZipkinJsonSpan } from './envoyZipkinSpans.js';

test('bodies are JSON arrays of exactly the asked number of sidecar spans, the same for the same seed', () => {
  const start = 1_700_000_000_000_000;
  const bodies = envoyZipkinBodies(4, 100, 3, start);
  assert.equal(bodies.length, 4);
  for (const body of bodies) {
    const spans = JSON.parse(body.toString('utf8')) as ZipkinJsonSpan[];
    assert.equal(spans.length, 100);
    for (const s of spans) {
      assert.equal(s.tags.component, 'proxy');
      assert.match(s.tags.upstream_cluster ?? '', /^(inbound|outbound)\|\d+\|\|/);
      assert.match(s.tags.node_id ?? '', /^(sidecar|router)~10\.244\.\d+\.\d+~/);
      assert.match(s.traceId, /^([0-9a-f]{16}|[0-9a-f]{32})$/);
    }
  }
  assert.deepEqual(envoyZipkinBodies(4, 100, 3, start), bodies);
  assert.notDeepEqual(envoyZipkinBodies(1, 100, 4, start)[0], bodies[0]);
});

test('the Zipkin codec accepts every span, and the istio rules recognise them as Istio sidecar spans', () => {
  const [body] = envoyZipkinBodies(1, 100);
  const decoded = decodeZipkinV2Json(body as Buffer);
  assert.equal(decoded.rejected, 0);
  const batch = decoded.batch;
  createMeshNormalizer(defaultedConfig<IstioConfig>(istioFactory.configSchema)).normalize(batch);
  let inbound = 0;
  let outbound = 0;
  for (const rs of batch.resourceSpans) {
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        assert.equal(span.attributes.get('spanbridge.span.origin'), 'proxy');
        const direction = span.attributes.get('istio.direction');
        if (direction === 'inbound') {
          inbound++;
          assert.equal(span.kind, SpanKind.SERVER);
          assert.ok(!String(rs.resource.attributes.get('service.name')).includes('.'), 'service.name is the canonical service');
        } else {
          outbound++;
          assert.equal(direction, 'outbound');
          assert.equal(span.kind, SpanKind.CLIENT);
          assert.equal(typeof span.attributes.get('peer.service'), 'string');
        }
        assert.equal(typeof span.attributes.get('http.response.status_code'), 'bigint');
      }
    }
  }
  assert.ok(inbound > 30 && outbound > 30, `${inbound} inbound, ${outbound} outbound`);
});
