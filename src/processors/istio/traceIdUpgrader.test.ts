import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ZIPKIN_TRACE_ID_64BIT } from '../../model/attributeNames.js';
import { createMeshNormalizer } from './meshNormalizer.js';
import { istioConfig, makeBatch, makeSpan, spanNamed } from '../../../test/processors/istio/testSpans.js';
import { createTraceIdUpgrader } from './traceIdUpgrader.js';

const WIDE = 'a3ce929d0e0e47364bf92f3577b34da6';
const LOW = '4bf92f3577b34da6';

void describe('rule trace_id_upgrade', () => {
  void test('a 64-bit app span joins the 128-bit sidecar trace seen in the same batch, whatever the order', () => {
    const app = makeSpan({ name: 'app', traceId: LOW });
    const sidecar = makeSpan({ name: 'sidecar', traceId: WIDE, tags: { component: 'proxy', node_id: 'n' } });
    const batch = makeBatch({ service: 'a', spans: [app] }, { service: 'b', spans: [sidecar] });
    createMeshNormalizer(istioConfig()).normalize(batch);
    assert.equal(spanNamed(batch, 'app').span.traceId, WIDE);
    assert.equal(spanNamed(batch, 'app').span.attributes.has(ZIPKIN_TRACE_ID_64BIT), false);
  });

  void test('and one seen in an earlier batch; an unknown trace keeps its zero-padded id and flag', () => {
    const n = createMeshNormalizer(istioConfig());
    n.normalize(makeBatch({ service: 'b', spans: [makeSpan({ traceId: WIDE })] }));
    const later = makeBatch({ service: 'a', spans: [makeSpan({ name: 'joined', traceId: LOW }), makeSpan({ name: 'alone', traceId: '1111111111111111' })] });
    n.normalize(later);
    assert.equal(spanNamed(later, 'joined').span.traceId, WIDE);
    const alone = spanNamed(later, 'alone').span;
    assert.equal(alone.traceId, '00000000000000001111111111111111');
    assert.equal(alone.attributes.get(ZIPKIN_TRACE_ID_64BIT), true);
  });

  void test('a zero-padded id without the 64-bit flag (an OTLP span) is not widened', () => {
    const n = createMeshNormalizer(istioConfig());
    const otlp = makeSpan({ traceId: `0000000000000000${LOW}` });
    n.normalize(makeBatch({ service: 'b', spans: [makeSpan({ traceId: WIDE })] }, { service: 'a', spans: [otlp] }));
    assert.equal(otlp.traceId, `0000000000000000${LOW}`);
  });

  void test('the cache is bounded: the least recently seen trace is forgotten', () => {
    const u = createTraceIdUpgrader(2);
    u.remember(`${'1'.repeat(16)}${'a'.repeat(16)}`);
    u.remember(`${'2'.repeat(16)}${'b'.repeat(16)}`);
    u.remember(`${'3'.repeat(16)}${'c'.repeat(16)}`);
    assert.equal(u.widen(`${'0'.repeat(16)}${'a'.repeat(16)}`), undefined);
    assert.equal(u.widen(`${'0'.repeat(16)}${'b'.repeat(16)}`), `${'2'.repeat(16)}${'b'.repeat(16)}`);
    assert.equal(u.widen(`${'0'.repeat(16)}${'c'.repeat(16)}`), `${'3'.repeat(16)}${'c'.repeat(16)}`);
    assert.equal(u.widen(`${'2'.repeat(16)}${'b'.repeat(16)}`), undefined);
  });

  void test('widening is a use: it keeps the trace over one remembered before it was widened', () => {
    const u = createTraceIdUpgrader(2);
    u.remember(`${'1'.repeat(16)}${'a'.repeat(16)}`);
    u.remember(`${'2'.repeat(16)}${'b'.repeat(16)}`);
    assert.equal(u.widen(`${'0'.repeat(16)}${'a'.repeat(16)}`), `${'1'.repeat(16)}${'a'.repeat(16)}`);
    u.remember(`${'3'.repeat(16)}${'c'.repeat(16)}`);
    assert.equal(u.widen(`${'0'.repeat(16)}${'b'.repeat(16)}`), undefined);
    assert.equal(u.widen(`${'0'.repeat(16)}${'a'.repeat(16)}`), `${'1'.repeat(16)}${'a'.repeat(16)}`);
    u.clear();
    assert.equal(u.widen(`${'0'.repeat(16)}${'c'.repeat(16)}`), undefined);
  });

  void test('off: 64-bit ids stay zero-padded', () => {
    const app = makeSpan({ name: 'app', traceId: LOW });
    const batch = makeBatch({ service: 'a', spans: [app, makeSpan({ traceId: WIDE })] });
    createMeshNormalizer(istioConfig({ trace_id_upgrade: false })).normalize(batch);
    assert.equal(app.traceId, `0000000000000000${LOW}`);
    assert.equal(app.attributes.get(ZIPKIN_TRACE_ID_64BIT), true);
  });
});
