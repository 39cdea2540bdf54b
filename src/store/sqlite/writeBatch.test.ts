// The writer takes encoded batches (batchWire.ts) and copies each span's body from them: what it stores must be
// exactly what writeSpanBody and the attribute index give for the span object (spanBody.ts, attributeText.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { arbitraryTraceBatch } from '../../../test/model/arbitraries.js';
import type { AnyValue, Span, TraceBatch } from '../../model/span.js';
import { indexedValue } from './attributeText.js';
import { AttributeTextBuilder } from './attributeTextBuilder.js';
import { BatchWireEncoder } from './batchWire.js';
import { ByteWriter } from './byteWriter.js';
import { MEMORY_PATH, openDatabase } from './openDatabase.js';
import { writeSpanBody } from './spanBody.js';
import { createSqliteWriter } from './sqliteWriter.js';

/** Every span of the batch with a span id of its own (so stored rows can be matched to spans). */
function uniqueSpanIds(batch: TraceBatch): TraceBatch {
  let n = 0;
  for (const rs of batch.resourceSpans) for (const ss of rs.scopeSpans) for (const s of ss.spans) s.spanId = (++n).toString(16).padStart(16, '0');
  return batch;
}

void describe('batch writer', () => {
  void test('stores the body writeSpanBody writes and the index text of the span object, for arbitrary batches', () => {
    fc.assert(
      fc.property(fc.array(arbitraryTraceBatch(), { minLength: 1, maxLength: 3 }), (batches) => {
        const db = openDatabase(MEMORY_PATH);
        const writer = createSqliteWriter(db, { graceMillis: 1000, maxPendingSpans: 1000 });
        const encoder = new BatchWireEncoder();
        try {
          const spans = new Map<string, Span>();
          for (const batch of batches.map(uniqueSpanIds)) {
            for (const rs of batch.resourceSpans) for (const ss of rs.scopeSpans) for (const s of ss.spans) spans.set(`${s.traceId}/${s.spanId}/${spans.size}`, s);
            writer.write(encoder.encode(batch).bytes);
            const keyIds = new Map((db.prepare('SELECT name, id FROM attribute_keys').raw().all() as [string, bigint][]).map(([k, id]) => [k, Number(id)]));
            const rows = db.prepare('SELECT t.trace_id, s.body, s.attrs FROM spans s JOIN traces t ON t.seq = s.trace_seq ORDER BY s.id DESC LIMIT ?').raw().all(spans.size) as [Buffer, Buffer, string][];
            const expected = new Map<string, { body: string; attrs: string }>();
            const last = [...spans.values()].slice(-rows.length);
            for (const s of last) {
              const w = new ByteWriter();
              const text = new AttributeTextBuilder();
              text.start();
              writeSpanBody(w, s, (key: string, v: AnyValue) => {
                const id = keyIds.get(key) ?? 0;
                if (id !== 0) text.add(id, indexedValue(v));
                return id;
              });
              expected.set(`${s.traceId}/${w.finish().subarray(1, 9).toString('hex')}`, { body: w.finish().toString('hex'), attrs: text.finish() });
            }
            for (const [traceId, body, attrs] of rows) {
              const want = expected.get(`${traceId.toString('hex')}/${body.subarray(1, 9).toString('hex')}`);
              assert.ok(want !== undefined);
              assert.equal(body.toString('hex'), want.body);
              assert.equal(attrs, want.attrs);
            }
          }
        } finally {
          writer.close();
          db.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  void test('a resource sent again is stored once; deleted by retention, it is stored again for the spans that use it then', async () => {
    const db = openDatabase(MEMORY_PATH);
    const writer = createSqliteWriter(db, { graceMillis: 1000, maxPendingSpans: 1000 });
    const encoder = new BatchWireEncoder();
    const SECOND = 1_000_000_000n;
    const t0 = 1_700_000_000n * SECOND;
    const batch = (n: number, start: bigint): TraceBatch => ({
      resourceSpans: [{
        resource: { attributes: new Map([['service.name', 'cart'], ['k8s.pod.name', 'cart-1']]), droppedAttributesCount: 0 },
        schemaUrl: '',
        scopeSpans: [{
          scope: { name: 'envoy', version: '', attributes: new Map(), droppedAttributesCount: 0 },
          schemaUrl: '',
          spans: [{
            traceId: n.toString(16).padStart(32, '0'), spanId: n.toString(16).padStart(16, '0'), parentSpanId: '', traceState: '', flags: 0, name: 'GET',
            kind: 2, startTimeUnixNano: start, endTimeUnixNano: start + SECOND, attributes: new Map(), droppedAttributesCount: 0,
            events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: 0, message: '' },
          }],
        }],
      }],
    });
    const resourceOf = (n: number) =>
      db.prepare('SELECT r.attrs FROM spans s JOIN traces t ON t.seq = s.trace_seq JOIN resources r ON r.id = s.resource_id WHERE t.trace_id = ?').pluck().get(Buffer.from(n.toString(16).padStart(32, '0'), 'hex')) as string | undefined;
    const count = (table: string) => Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as bigint);
    try {
      // The first message defines the keys; the next ones carry the same resource bytes.
      for (let n = 1; n <= 3; n++) writer.write(encoder.encode(batch(n, t0)).bytes);
      assert.equal(count('resources'), 1);
      assert.equal(count('scopes'), 1);
      // Everything before an hour later goes, the resource and scope with the spans.
      await writer.deleteBefore(t0 + 3600n * SECOND);
      assert.equal(count('spans'), 0);
      assert.equal(count('resources'), 0);
      assert.equal(count('scopes'), 0);
      writer.write(encoder.encode(batch(4, t0 + 7200n * SECOND)).bytes);
      assert.equal(count('resources'), 1);
      assert.equal(count('scopes'), 1);
      assert.ok(resourceOf(4)?.includes('cart-1'), 'the span\'s resource row exists');
    } finally {
      writer.close();
      db.close();
    }
  });
});
