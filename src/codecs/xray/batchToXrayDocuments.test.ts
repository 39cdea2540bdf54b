import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { arbitraryTraceBatch } from '../../../test/model/arbitraries.js';
import { forEachSpan } from '../../model/batch.js';
import type { Span, TraceBatch } from '../../model/span.js';
import { batchToXrayDocuments } from './batchToXrayDocuments.js';
import { jsonEqual } from './documentPatch.js';
import { XRAY_FIXTURES } from '../../../test/codecs/xray/xrayFixtures.js';
import { xrayDocumentToBatch } from './xrayDocumentToBatch.js';

const ddb = JSON.parse(readFileSync(join(XRAY_FIXTURES, 'otel-collector-contrib/ddbSample.txt'), 'utf8')) as Record<string, unknown>;
const spansOf = (b: TraceBatch): Span[] => {
  const out: Span[] = [];
  forEachSpan(b, (s) => out.push(s));
  return out;
};

describe('batchToXrayDocuments', () => {
  test('embedded subsegments whose parent is in the batch are nested again; the others become independent subsegments', () => {
    const batch = xrayDocumentToBatch(ddb);
    const ss = batch.resourceSpans[0]?.scopeSpans[0];
    assert.ok(ss);
    const [root, second, ...rest] = ss.spans;
    ss.spans = [root as Span, ...rest];
    void second;
    const { documents, problems } = batchToXrayDocuments(batch);
    assert.deepEqual(problems, []);
    const docs = documents.map((d) => JSON.parse(d) as Record<string, unknown>);
    assert.equal(docs.length, 3, 'the root, and the two DynamoDB calls whose parent is missing');
    assert.equal(docs[0]?.subsegments, undefined);
    for (const d of docs.slice(1)) {
      assert.equal(d.type, 'subsegment');
      assert.equal(d.parent_id, '7df694142c905d8d');
      assert.equal(d.trace_id, '1-5f29ab21-d4ebf299219a65bd5c31d6da');
      assert.ok(Array.isArray(d.subsegments));
    }
  });

  test('a document over the size limit is split into independent subsegments that hold everything', () => {
    const { documents, problems } = batchToXrayDocuments(xrayDocumentToBatch(ddb), { maxDocumentBytes: 3000 });
    assert.deepEqual(problems, []);
    assert.ok(documents.length > 1);
    for (const d of documents) assert.ok(Buffer.byteLength(d) <= 3000, `${Buffer.byteLength(d)} bytes`);
    const ids = documents.flatMap((d) => collectIds(JSON.parse(d) as Record<string, unknown>));
    assert.equal(ids.length, 18);
    assert.equal(new Set(ids).size, 18);
    const back = spansOf({ resourceSpans: documents.flatMap((d) => xrayDocumentToBatch(d).resourceSpans) });
    assert.deepEqual(new Map(back.map((s) => [s.spanId, s.parentSpanId])), new Map(spansOf(xrayDocumentToBatch(ddb)).map((s) => [s.spanId, s.parentSpanId])));
  });

  test('a single node still over the limit loses its metadata, then is dropped, each named in problems', () => {
    const big = { trace_id: '1-5f29ab21-d4ebf299219a65bd5c31d6da', id: '88ad1df59cd7a7be', name: 'big', start_time: 1, end_time: 2, metadata: { default: { blob: 'x'.repeat(5000) } } };
    const cut = batchToXrayDocuments(xrayDocumentToBatch(big), { maxDocumentBytes: 1000 });
    assert.equal(cut.documents.length, 1);
    assert.equal((JSON.parse(cut.documents[0] as string) as Record<string, unknown>).metadata, undefined);
    assert.match(cut.problems[0] as string, /span 88ad1df59cd7a7be: document over 1000 bytes; its metadata was left out/);
    const dropped = batchToXrayDocuments(xrayDocumentToBatch({ ...big, name: 'n'.repeat(150), annotations: { a: 'y'.repeat(900) } }), { maxDocumentBytes: 500 });
    assert.equal(dropped.documents.length, 0);
    assert.match(dropped.problems.at(-1) as string, /dropped$/);
  });

  test('spans with invalid ids are skipped and named', () => {
    const batch = xrayDocumentToBatch({ trace_id: '1-5f29ab21-d4ebf299219a65bd5c31d6da', id: '88ad1df59cd7a7be', name: 'a', start_time: 1, end_time: 2 });
    (batch.resourceSpans[0]?.scopeSpans[0]?.spans[0] as Span).traceId = 'nothex';
    const { documents, problems } = batchToXrayDocuments(batch);
    assert.equal(documents.length, 0);
    assert.match(problems[0] as string, /invalid trace or span id; skipped/);
  });

  test('the epoch fix: the original id travels in an annotation and X-Ray -> OpenTelemetry restores it, then re-encodes exactly', () => {
    const original = '0000000088ad1df59cd7a7be5cd7a7be';
    const batch = xrayDocumentToBatch(ddb);
    forEachSpan(batch, (s) => {
      s.traceId = original;
    });
    const fixed = '1-5f29ab21-88ad1df59cd7a7be5cd7a7be';
    const { documents } = batchToXrayDocuments(batch, { xrayTraceIds: new Map([[original, fixed]]) });
    const doc = JSON.parse(documents[0] as string) as Record<string, unknown>;
    assert.equal(doc.trace_id, fixed);
    assert.deepEqual(doc.annotations, { spanbridge_original_trace_id: original });
    const back = xrayDocumentToBatch(doc);
    assert.ok(spansOf(back).every((s) => s.traceId === original));
    const again = batchToXrayDocuments(back);
    assert.ok(jsonEqual(JSON.parse(again.documents[0] as string), doc));
  });

  test('embedded spans that name each other as parents (bad input) still all come out', () => {
    const batch = xrayDocumentToBatch(ddb);
    const [a, b] = spansOf(batch).slice(2, 4) as [Span, Span];
    a.parentSpanId = b.spanId;
    b.parentSpanId = a.spanId;
    const ids = batchToXrayDocuments(batch).documents.flatMap((d) => collectIds(JSON.parse(d) as Record<string, unknown>));
    assert.equal(new Set(ids).size, 18);
  });

  test('property: any batch encodes without throwing, to JSON documents that decode back to the same span ids and times', () => {
    fc.assert(
      fc.property(arbitraryTraceBatch({ maxResourceSpans: 2, maxScopeSpans: 2, maxSpans: 3 }), (batch) => {
        const { documents, problems } = batchToXrayDocuments(batch);
        const encoded = spansOf(batch).filter((s) => /^[0-9a-f]{16}$/.test(s.spanId) && s.spanId !== '0'.repeat(16));
        assert.equal(documents.length + problems.length, encoded.length + problems.filter((p) => p.includes('invalid')).length);
        for (const d of documents) {
          const doc = JSON.parse(d) as Record<string, unknown>;
          const s = encoded.find((x) => x.spanId === doc.id) as Span;
          const back = spansOf(xrayDocumentToBatch(doc))[0] as Span;
          assert.equal(back.spanId, s.spanId);
          assert.equal(back.traceId, s.traceId);
          const diff = back.startTimeUnixNano - s.startTimeUnixNano;
          const tolerance = s.startTimeUnixNano / 2n ** 50n + 1000n;
          assert.ok(diff <= tolerance && -diff <= tolerance, `start ${s.startTimeUnixNano} came back as ${back.startTimeUnixNano}`);
        }
      }),
      { numRuns: 150 },
    );
  });
});

function collectIds(doc: Record<string, unknown>): string[] {
  const subs = (doc.subsegments as Array<Record<string, unknown>> | undefined) ?? [];
  return [doc.id as string, ...subs.flatMap(collectIds)];
}
