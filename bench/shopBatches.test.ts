import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeOtlpProto } from '../src/codecs/otlp/decodeOtlpProto.js';
import { encodeOtlpProto } from '../src/codecs/otlp/encodeOtlpProto.js';
import { batchToXrayDocuments } from '../src/codecs/xray/batchToXrayDocuments.js';
import { countSpans, forEachSpan } from '../src/model/batch.js';
import { isValidSpanId, isValidTraceId } from '../src/model/ids.js';
import { SpanKind } from '../src/model/span.js';
import type { TraceBatch } from '../src/model/span.js';
import { shopBatches } from './shopBatches.js';
import { SHOP_SERVICES } from './shopTopology.js';

const FROM = 1_700_000_000_000_000_000n;
const TO = FROM + 86_400_000_000_000n;

function generate(totalSpans: number, spansPerBatch: number, seed = 1): { batches: TraceBatch[]; traces: Array<[string, bigint]> } {
  const traces: Array<[string, bigint]> = [];
  const batches = [...shopBatches({ seed, totalSpans, spansPerBatch, fromNanos: FROM, toNanos: TO, onTrace: (id, start) => traces.push([id, start]) })];
  return { batches, traces };
}

test('exactly totalSpans spans in batches of spansPerBatch, the last one smaller', () => {
  const { batches } = generate(1050, 100);
  assert.equal(batches.length, 11);
  assert.deepEqual(batches.map(countSpans), [...Array<number>(10).fill(100), 50]);
});

test('spans are valid, well-formed and within the time range; every service appears', () => {
  const { batches, traces } = generate(20_000, 1000);
  const services = new Set<string>();
  const kinds = new Set<number>();
  const traceIds = new Set(traces.map(([id]) => id));
  for (const b of batches) {
    forEachSpan(b, (span, rs) => {
      services.add(String(rs.resource.attributes.get('service.name')));
      kinds.add(span.kind);
      assert.ok(isValidTraceId(span.traceId) && isValidSpanId(span.spanId));
      assert.ok(span.parentSpanId === '' || isValidSpanId(span.parentSpanId));
      assert.ok(traceIds.has(span.traceId));
      assert.ok(span.startTimeUnixNano >= FROM && span.endTimeUnixNano > span.startTimeUnixNano);
      assert.ok(span.startTimeUnixNano < TO + 10_000_000_000n);
    });
  }
  assert.deepEqual([...services].sort(), SHOP_SERVICES.map((s) => s.name).sort());
  assert.deepEqual([...kinds].sort(), [SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER]);
  const starts = traces.map(([, s]) => s);
  assert.ok(starts.every((s, i) => i === 0 || s >= (starts[i - 1] as bigint)), 'traces start in time order');
  assert.ok((starts[starts.length - 1] as bigint) > TO - 86_400_000_000_000n / 10n, 'starts spread over the range');
});

test('the same seed gives the same data; another seed other data', () => {
  const a = encodeOtlpProto(generate(300, 300, 9).batches[0] as TraceBatch);
  assert.deepEqual(encodeOtlpProto(generate(300, 300, 9).batches[0] as TraceBatch), a);
  assert.notDeepEqual(encodeOtlpProto(generate(300, 300, 10).batches[0] as TraceBatch), a);
});

test('batches survive the OTLP protobuf codec and encode to X-Ray without problems', () => {
  const { batches } = generate(500, 100);
  for (const b of batches) {
    assert.equal(countSpans(decodeOtlpProto(encodeOtlpProto(b))), countSpans(b));
    const xray = batchToXrayDocuments(b);
    assert.deepEqual(xray.problems, []);
    assert.equal(xray.documents.length, countSpans(b));
  }
});
