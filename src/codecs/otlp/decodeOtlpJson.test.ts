import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import type { Span, TraceBatch } from '../../model/span.js';
import { srcPath } from '../../../test/support/paths.js';
import { MAX_VALUE_DEPTH, decodeOtlpJson } from './decodeOtlpJson.js';
import { encodeOtlpJson } from './encodeOtlpJson.js';
import { MAX_I64, MAX_U64, edgeCaseBatch } from '../../../test/codecs/otlp/testBatches.js';

function malformed(message: RegExp): (e: unknown) => boolean {
  return (e) => {
    assert.ok(e instanceof PipelineError, `expected a PipelineError, got ${String(e)}`);
    assert.equal(e.code, 'SB_MALFORMED');
    assert.match(e.message, message);
    return true;
  };
}

const ids = { traceId: '0102030405060708090a0b0c0d0e0f10', spanId: '0102030405060708' };

/** A request whose span at resourceSpans[0].scopeSpans[1].spans[2] is `span`. */
function request(span: Record<string, unknown>): string {
  return JSON.stringify({ resourceSpans: [{ scopeSpans: [{}, { spans: [ids, ids, span] }] }] });
}

function onlySpan(batch: TraceBatch): Span {
  const span = batch.resourceSpans[0]?.scopeSpans[1]?.spans[2] ?? batch.resourceSpans[0]?.scopeSpans[0]?.spans[0];
  assert.ok(span);
  return span;
}

void describe('decodeOtlpJson', () => {
  void test('decodes the OTLP example trace.json (upper-case hex ids, times as JSON numbers)', () => {
    const batch = decodeOtlpJson(readFileSync(srcPath('codecs', 'otlp', 'testdata', 'trace.json')));
    assert.deepStrictEqual(batch, {
      resourceSpans: [
        {
          resource: { attributes: new Map([['service.name', 'my.service']]), droppedAttributesCount: 0 },
          schemaUrl: '',
          scopeSpans: [
            {
              scope: { name: 'my.library', version: '1.0.0', attributes: new Map([['my.scope.attribute', 'some scope attribute']]), droppedAttributesCount: 0 },
              schemaUrl: '',
              spans: [
                {
                  traceId: '5b8efff798038103d269b633813fc60c',
                  spanId: 'eee19b7ec3c1b174',
                  parentSpanId: 'eee19b7ec3c1b173',
                  traceState: '',
                  flags: 0,
                  name: "I'm a server span",
                  kind: 2,
                  startTimeUnixNano: 1544712660000000000n,
                  endTimeUnixNano: 1544712661000000000n,
                  attributes: new Map([['my.span.attr', 'some value']]),
                  droppedAttributesCount: 0,
                  events: [],
                  droppedEventsCount: 0,
                  links: [],
                  droppedLinksCount: 0,
                  status: { code: 0, message: '' },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  void test('keeps every edge case exactly (times beyond 2^53, int64 extremes, -0, NaN, empty value, nested kvlist)', () => {
    const text = encodeOtlpJson(edgeCaseBatch());
    assert.match(text, /"startTimeUnixNano":"9223372036854775807"/);
    assert.match(text, /"doubleValue":-0\}/);
    assert.match(text, /"doubleValue":"NaN"/);
    assert.match(text, /"doubleValue":3\}/);
    assert.match(text, /"key":"empty","value":\{\}/);
    assert.deepStrictEqual(decodeOtlpJson(text), edgeCaseBatch());
    assert.deepStrictEqual(decodeOtlpJson(Buffer.from(text)), edgeCaseBatch());
  });

  void test('accepts snake_case keys, numbers for 64-bit values, enum names and numeric strings', () => {
    const body = JSON.stringify({
      resource_spans: [
        {
          schema_url: 'https://opentelemetry.io/schemas/1.26.0',
          resource: { dropped_attributes_count: '2', attributes: [{ key: 'n', value: { int_value: 42 } }] },
          scope_spans: [
            {
              scope: { name: 's' },
              spans: [
                {
                  trace_id: ids.traceId.toUpperCase(),
                  span_id: ids.spanId,
                  parent_span_id: '',
                  trace_state: 'a=b',
                  name: 'x',
                  kind: 'SPAN_KIND_CLIENT',
                  start_time_unix_nano: 1000,
                  end_time_unix_nano: '18446744073709551615',
                  attributes: [
                    { key: 'd', value: { double_value: '2.5' } },
                    { key: 'inf', value: { doubleValue: 'Infinity' } },
                    { key: 'b', value: { bytes_value: '_-8=' } },
                    { key: 'kv', value: { kvlist_value: { values: [{ key: 'a', value: { array_value: {} } }] } } },
                    { key: 'unset' },
                    { key: 'nulls', value: { stringValue: null, boolValue: true } },
                  ],
                  events: [{ time_unix_nano: '5', name: 'e', dropped_attributes_count: 1 }],
                  links: [{ trace_id: ids.traceId, span_id: ids.spanId, trace_state: 't', flags: 1 }],
                  status: { code: 'STATUS_CODE_ERROR', message: 'm' },
                  dropped_events_count: 3,
                  someFutureField: { ignored: true },
                },
              ],
            },
          ],
        },
      ],
    });
    const batch = decodeOtlpJson(body);
    const span = onlySpan(batch);
    assert.equal(batch.resourceSpans[0]?.schemaUrl, 'https://opentelemetry.io/schemas/1.26.0');
    assert.deepStrictEqual(batch.resourceSpans[0]?.resource, { attributes: new Map([['n', 42n]]), droppedAttributesCount: 2 });
    assert.equal(span.traceId, ids.traceId);
    assert.equal(span.kind, 3);
    assert.equal(span.startTimeUnixNano, 1000n);
    assert.equal(span.endTimeUnixNano, MAX_U64);
    assert.deepStrictEqual(
      span.attributes,
      new Map<string, unknown>([
        ['d', 2.5],
        ['inf', Infinity],
        ['b', new Uint8Array([0xff, 0xef])],
        ['kv', new Map([['a', []]])],
        ['unset', null],
        ['nulls', true],
      ]),
    );
    assert.deepStrictEqual(span.events, [{ timeUnixNano: 5n, name: 'e', attributes: new Map(), droppedAttributesCount: 1 }]);
    assert.deepStrictEqual(span.links, [{ traceId: ids.traceId, spanId: ids.spanId, traceState: 't', attributes: new Map(), droppedAttributesCount: 0, flags: 1 }]);
    assert.deepStrictEqual(span.status, { code: 2, message: 'm' });
    assert.equal(span.droppedEventsCount, 3);
  });

  void test('int64 values keep their type: an integral double stays a double, an intValue is a bigint', () => {
    const span = onlySpan(decodeOtlpJson(request({ ...ids, attributes: [{ key: 'd', value: { doubleValue: 3 } }, { key: 'i', value: { intValue: String(MAX_I64) } }] })));
    assert.equal(span.attributes.get('d'), 3);
    assert.equal(span.attributes.get('i'), MAX_I64);
  });

  void test('names the field and its path in errors', () => {
    assert.throws(() => decodeOtlpJson(request({ ...ids, traceId: 'abc' })), malformed(/^resourceSpans\[0\]\.scopeSpans\[1\]\.spans\[2\]\.traceId: expected 32 hex digits, got "abc"$/));
    assert.throws(() => decodeOtlpJson(request({ ...ids, spanId: 'zz02030405060708' })), malformed(/spans\[2\]\.spanId: expected 16 hex digits/));
    assert.throws(() => decodeOtlpJson(request({ ...ids, parentSpanId: 12 })), malformed(/spans\[2\]\.parentSpanId: expected 16 hex digits, got number 12/));
    assert.throws(() => decodeOtlpJson(request({ ...ids, kind: 9 })), malformed(/spans\[2\]\.kind: expected one of 0 to 5/));
    assert.throws(() => decodeOtlpJson(request({ ...ids, startTimeUnixNano: '-1' })), malformed(/spans\[2\]\.startTimeUnixNano: expected an unsigned 64-bit integer/));
    assert.throws(() => decodeOtlpJson(request({ ...ids, endTimeUnixNano: '18446744073709551616' })), malformed(/spans\[2\]\.endTimeUnixNano/));
    assert.throws(() => decodeOtlpJson(request({ ...ids, status: { code: 3 } })), malformed(/spans\[2\]\.status\.code: expected one of 0 to 2/));
    assert.throws(() => decodeOtlpJson(request({ ...ids, events: [{}, { name: 5 }] })), malformed(/spans\[2\]\.events\[1\]\.name: expected a string, got number 5/));
    assert.throws(() => decodeOtlpJson(request({ ...ids, links: [{ traceId: ids.traceId }] })), malformed(/spans\[2\]\.links\[0\]\.spanId: expected 16 hex digits/));
    assert.throws(() => decodeOtlpJson(request({ ...ids, droppedAttributesCount: -1 })), malformed(/spans\[2\]\.droppedAttributesCount: expected an unsigned 32-bit integer/));
  });

  void test('names the path of a bad attribute value, however deep', () => {
    const bad = { kvlistValue: { values: [{ key: 'ok', value: { intValue: '1' } }, { key: 'bad', value: { arrayValue: { values: [{}, { intValue: '1.5' }] } } }] } };
    assert.throws(
      () => decodeOtlpJson(request({ ...ids, attributes: [{ key: 'a', value: { stringValue: 'x' } }, { key: 'b', value: bad }] })),
      malformed(/^resourceSpans\[0\]\.scopeSpans\[1\]\.spans\[2\]\.attributes\[1\]\.value\.kvlistValue\.values\[1\]\.value\.arrayValue\.values\[1\]\.intValue: expected a signed 64-bit integer/),
    );
    assert.throws(() => decodeOtlpJson(request({ ...ids, attributes: [{ key: 'b', value: { bytesValue: 'not base64!' } }] })), malformed(/attributes\[0\]\.value\.bytesValue: expected base64/));
    assert.throws(() => decodeOtlpJson(request({ ...ids, attributes: [{ value: { stringValue: 'x' } }] })), malformed(/attributes\[0\]\.key: expected a string/));
    assert.throws(() => decodeOtlpJson(request({ ...ids, attributes: [{ key: 'v', value: 'plain' }] })), malformed(/attributes\[0\]\.value: expected an AnyValue object/));
    assert.throws(() => decodeOtlpJson(request({ ...ids, attributes: { key: 'v' } })), malformed(/spans\[2\]\.attributes: expected an array/));
    assert.throws(() => decodeOtlpJson(request({ ...ids, attributes: [{ key: 'x', value: { doubleValue: 'fast' } }] })), malformed(/doubleValue: expected a number/));
  });

  void test(`refuses values nested more than ${MAX_VALUE_DEPTH} deep instead of recursing without bound`, () => {
    let value: Record<string, unknown> = { stringValue: 'x' };
    for (let i = 0; i < MAX_VALUE_DEPTH; i++) value = { arrayValue: { values: [value] } };
    assert.doesNotThrow(() => decodeOtlpJson(request({ ...ids, attributes: [{ key: 'deep', value }] })));
    const n = 100_000;
    const deep = '{"arrayValue":{"values":['.repeat(n) + '{}' + ']}}'.repeat(n);
    const body = `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"${ids.traceId}","spanId":"${ids.spanId}","attributes":[{"key":"deep","value":${deep}}]}]}]}]}`;
    assert.throws(() => decodeOtlpJson(body), malformed(/^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.attributes\[0\]\.value(\.arrayValue\.values\[0\])+\.arrayValue: values nest more than 32 deep$/));
  });

  void test('refuses bodies that are not a JSON object', () => {
    assert.throws(() => decodeOtlpJson('{"resourceSpans": ['), malformed(/^body is not valid JSON/));
    assert.throws(() => decodeOtlpJson('[]'), malformed(/expected an ExportTraceServiceRequest object, got an array/));
    assert.throws(() => decodeOtlpJson('null'), malformed(/expected an ExportTraceServiceRequest object, got null/));
    assert.throws(() => decodeOtlpJson('{"resourceSpans": [1]}'), malformed(/^resourceSpans\[0\]: expected an object, got number 1$/));
  });

  void test('an empty object is an empty batch', () => {
    assert.deepStrictEqual(decodeOtlpJson('{}'), { resourceSpans: [] });
  });
});
