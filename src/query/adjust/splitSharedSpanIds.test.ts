import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ZIPKIN_LOCAL_SERVICE_NAME, ZIPKIN_ORIGINAL_SPAN_ID } from '../../model/attributeNames.js';
import { forEachSpan } from '../../model/batch.js';
import { sharedServerSpanId } from '../../model/sharedServerSpanId.js';
import { SpanKind, type TraceBatch } from '../../model/span.js';
import { testBatch, type TestSpanSpec } from '../../../test/store/testSpans.js';
import { splitSharedSpanIds } from './splitSharedSpanIds.js';

const TRACE = '0000000000000000000000000000a1a1';
const SHARED = '00000000000000b2';

const spec = (service: string, spanId: string, parentSpanId: string, kind: SpanKind, name: string, attributes: TestSpanSpec['attributes'] = {}): TestSpanSpec => ({
  service, traceId: TRACE, spanId, parentSpanId, kind, name, startNanos: 1_000n, durationNanos: 10n, attributes,
});

function links(batch: TraceBatch): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {};
  forEachSpan(batch, (s) => (out[s.name] = [s.spanId, s.parentSpanId]));
  return out;
}

void describe('splitSharedSpanIds (read-time adjuster)', () => {
  void test('a SERVER span sharing a CLIENT span\'s id gets the processor\'s id under it; its service\'s children follow, the client\'s stay', () => {
    const batch = testBatch([
      spec('backend', SHARED, '00000000000000a1', SpanKind.SERVER, 'server'),
      spec('backend', '00000000000000d4', SHARED, SpanKind.INTERNAL, 'server-child'),
      spec('frontend', '00000000000000a1', '', SpanKind.SERVER, 'root'),
      spec('frontend', SHARED, '00000000000000a1', SpanKind.CLIENT, 'client'),
      spec('frontend', '00000000000000e5', SHARED, SpanKind.INTERNAL, 'client-child'),
    ]);
    splitSharedSpanIds(batch);
    const id = sharedServerSpanId(TRACE, SHARED, 'backend');
    assert.deepEqual(links(batch), {
      root: ['00000000000000a1', ''],
      client: [SHARED, '00000000000000a1'],
      server: [id, SHARED],
      'server-child': ['00000000000000d4', id],
      'client-child': ['00000000000000e5', SHARED],
    });
    let original: unknown;
    forEachSpan(batch, (s) => s.name === 'server' && (original = s.attributes.get(ZIPKIN_ORIGINAL_SPAN_ID)));
    assert.equal(original, SHARED);
  });

  void test('the id is derived from the localEndpoint service name the istio processor hashed, when it renamed the service', () => {
    const batch = testBatch([
      spec('reviews', SHARED, '00000000000000a1', SpanKind.SERVER, 'server', { [ZIPKIN_LOCAL_SERVICE_NAME]: 'reviews.default' }),
      spec('productpage', SHARED, '00000000000000a1', SpanKind.CLIENT, 'client'),
    ]);
    splitSharedSpanIds(batch);
    assert.deepEqual(links(batch).server, [sharedServerSpanId(TRACE, SHARED, 'reviews.default'), SHARED]);
  });

  void test('traces without a SERVER span on a CLIENT span\'s id are left as they are (py_zipkin\'s shared spans included)', () => {
    const make = () =>
      testBatch([
        spec('front', '00000000000000a1', '', SpanKind.SERVER, 'root'),
        spec('front', SHARED, '00000000000000a1', SpanKind.CLIENT, 'client'),
        spec('inventory', '00000000000000c3', SHARED, SpanKind.SERVER, 'server'),
        spec('inventory', '00000000000000c4', '00000000000000c3', SpanKind.SERVER, 'nested'),
      ]);
    assert.deepEqual(splitSharedSpanIds(make()), make());
  });
});
