// Fixtures in test/fixtures/zipkin that are not valid input for any decoder (README.txt there): each is rejected or
// handled as one bad span must be (drop the bad spans, keep the good ones, say why).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FIXTURES } from '../../../test/support/paths.js';
import { countSpans } from '../../model/batch.js';
import { decodeZipkinV1Json } from './decodeZipkinV1Json.js';
import { decodeZipkinV2Json } from './decodeZipkinV2Json.js';

const fixture = (rel: string) => readFileSync(join(FIXTURES, 'zipkin', rel));

void describe('invalid Zipkin fixtures', () => {
  void test('zipkin_v1_error_batch.json: the span with parentId "BADID" is dropped with its reason, the other is kept', () => {
    const r = decodeZipkinV1Json(fixture('otel-collector/translator-zipkinv1/zipkin_v1_error_batch.json'));
    assert.equal(countSpans(r.batch), 1);
    assert.equal(r.rejected, 1);
    assert.deepEqual(r.problems, ['span[1].parentId: not hex']);
  });

  void test('zipkin_v1_multiple_batches.json is a list of lists: every element is rejected, each inner list is a valid body', () => {
    const body = fixture('otel-collector/translator-zipkinv1/zipkin_v1_multiple_batches.json');
    const r = decodeZipkinV1Json(body);
    assert.equal(countSpans(r.batch), 0);
    assert.equal(r.rejected, 5);
    assert.equal(r.problems[0], 'span[0]: not an object (array)');
    for (const inner of JSON.parse(body.toString()) as unknown[]) {
      const one = decodeZipkinV1Json(JSON.stringify(inner));
      assert.deepEqual([countSpans(one.batch), one.rejected], [1, 0]);
    }
  });

  for (const rel of [
    'otel-collector/translator-zipkinv1/zipkin_v1_thrift_single_batch.json',
    'otel-collector/translator-zipkinv1/zipkin_v1_thrift_local_component.json',
    'jaeger/collector-handler-testdata/zipkin_thrift_v1_merged_spans.json',
    'jaeger/thrift-zipkin-fixtures/zipkin_01.json',
    'jaeger/thrift-zipkin-fixtures/zipkin_02.json',
    'jaeger/thrift-zipkin-fixtures/zipkin_03.json',
  ]) {
    void test(`${rel} (a JSON rendering of Thrift structs) is not Zipkin JSON: every span is rejected`, () => {
      for (const decode of [decodeZipkinV1Json, decodeZipkinV2Json]) {
        const r = decode(fixture(rel));
        assert.equal(countSpans(r.batch), 0);
        assert.ok(r.rejected > 0);
        assert.match(r.problems[0] ?? '', /^span\[0\]\.traceId: (missing|not a string)$/);
      }
    });
  }
});
