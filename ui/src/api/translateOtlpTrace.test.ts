import { describe, expect, test } from 'vitest';
import { otlpTraceResponse } from './otlpJsonSchemas.js';
import { SchemaError } from './schema.js';
import { translateOtlpTrace } from './translateOtlpTrace.js';

const TRACE = '5b8efff798038103d269b633813fc60c';

// OTLP/JSON as the OTLP specification's example request encodes it (enums as integers, int64 as strings).
const wire = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'reviews' } }, { key: 'k8s.pod.name', value: { stringValue: 'reviews-v2-abc' } }] },
      schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
      scopeSpans: [
        {
          scope: { name: 'envoy', version: '1.30' },
          spans: [
            {
              traceId: TRACE,
              spanId: 'eee19b7ec3c1b174',
              name: 'reviews.default.svc.cluster.local:9080/*',
              kind: 2,
              startTimeUnixNano: '1700000000000000001',
              endTimeUnixNano: '1700000000050000001',
              attributes: [
                { key: 'spanbridge.span.origin', value: { stringValue: 'proxy' } },
                { key: 'http.response.status_code', value: { intValue: '503' } },
                { key: 'big', value: { intValue: '9223372036854775807' } },
                { key: 'ratio', value: { doubleValue: 0.25 } },
                { key: 'nan', value: { doubleValue: 'NaN' } },
                { key: 'ok', value: { boolValue: false } },
                { key: 'raw', value: { bytesValue: 'AQID' } },
                { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: 2 }] } } },
                { key: 'map', value: { kvlistValue: { values: [{ key: 'x', value: { boolValue: true } }] } } },
                { key: 'nothing', value: {} },
              ],
              events: [{ timeUnixNano: '1700000000010000001', name: 'retry', attributes: [{ key: 'attempt', value: { intValue: 2 } }] }],
              links: [{ traceId: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', spanId: 'bbbbbbbbbbbbbbbb' }],
              status: { code: 2, message: 'upstream reset' },
            },
            {
              traceId: TRACE,
              spanId: 'aaaaaaaaaaaaaaaa',
              parentSpanId: 'eee19b7ec3c1b174',
              name: 'GET /reviews/0',
              kind: 'SPAN_KIND_SERVER',
              startTimeUnixNano: '1700000000005000001',
              endTimeUnixNano: '1700000000045000001',
            },
          ],
        },
      ],
    },
  ],
};

describe('translateOtlpTrace', () => {
  const trace = translateOtlpTrace(TRACE, otlpTraceResponse(wire, 'response'));
  const [proxy, app] = trace.spans;

  test('builds the tree with exact nanosecond times', () => {
    expect(trace.spans).toHaveLength(2);
    expect(app.parentIndex).toBe(0);
    expect(String(trace.start)).toBe('1700000000000000001');
    expect(trace.duration).toBe(50_000_000);
    expect(app.offset).toBe(5_000_000);
  });

  test('translates enums, status and the sidecar mark', () => {
    expect(proxy.kind).toBe('SERVER');
    expect(app.kind).toBe('SERVER');
    expect(proxy.status).toEqual({ code: 'ERROR', message: 'upstream reset' });
    expect(proxy.isError).toBe(true);
    expect(proxy.isProxy).toBe(true);
    expect(app.isProxy).toBe(false);
    expect(app.status.code).toBe('UNSET');
  });

  test('every AnyValue case keeps its type and an exact text', () => {
    const text = Object.fromEntries(proxy.attributes.map((a) => [a.key, [a.type, a.text]]));
    expect(text).toEqual({
      'spanbridge.span.origin': ['string', 'proxy'],
      'http.response.status_code': ['int', '503'],
      big: ['int', '9223372036854775807'],
      ratio: ['double', '0.25'],
      nan: ['double', 'NaN'],
      ok: ['bool', 'false'],
      raw: ['bytes', 'AQID'],
      list: ['array', '["a",2]'],
      map: ['kvlist', '{"x":true}'],
      nothing: ['empty', ''],
    });
  });

  test('resource, scope, events and links', () => {
    expect(proxy.service).toBe('reviews');
    expect(proxy.resource.schemaUrl).toBe('https://opentelemetry.io/schemas/1.26.0');
    expect(proxy.resource.attributes.map((a) => a.key)).toEqual(['service.name', 'k8s.pod.name']);
    expect(proxy.scope).toEqual({ name: 'envoy', version: '1.30' });
    expect(proxy.events).toEqual([{ time: 1700000000010000001n, name: 'retry', attributes: [{ key: 'attempt', type: 'int', text: '2' }] }]);
    expect(proxy.links).toEqual([{ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceState: '', attributes: [] }]);
  });

  test('a resource without service.name is unknown_service', () => {
    const t = translateOtlpTrace(TRACE, otlpTraceResponse({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: TRACE, spanId: 'aaaaaaaaaaaaaaaa' }] }] }] }, 'r'));
    expect(t.spans[0].service).toBe('unknown_service');
  });

  test('a malformed span is rejected with its path', () => {
    const bad = { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: TRACE, spanId: 'short' }] }] }] };
    expect(() => otlpTraceResponse(bad, 'response')).toThrowError(new SchemaError('response.resourceSpans[0].scopeSpans[0].spans[0].spanId', 'expected 16 hex digits, got string "short"'));
    const badKind = { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: TRACE, spanId: 'aaaaaaaaaaaaaaaa', kind: 9 }] }] }] };
    expect(() => otlpTraceResponse(badKind, 'response')).toThrowError(/spans\[0\]\.kind/);
  });
});
