import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { arbitraryResource, arbitraryTraceBatch } from '../../../test/model/arbitraries.js';
import { canonicalText } from '../../../test/store/conformance/conformanceKit.js';
import type { Attributes, Resource, TraceBatch } from '../../model/span.js';
import { BatchWireEncoder, BatchWireReader, MAX_DICTIONARY_KEYS } from './batchWire.js';

/** A batch of one resource and no spans: what the reader reads back as objects. */
function resourceBatch(attributes: Attributes, droppedAttributesCount = 0): TraceBatch {
  return { resourceSpans: [{ resource: { attributes, droppedAttributesCount }, schemaUrl: 'https://opentelemetry.io/schemas/1.26.0', scopeSpans: [] }] };
}

function readResource(reader: BatchWireReader, bytes: Uint8Array): Resource {
  const r = reader.open(bytes);
  assert.equal(r.varint(), 1);
  const { resource, schemaUrl } = reader.resource(r);
  assert.equal(schemaUrl, 'https://opentelemetry.io/schemas/1.26.0');
  assert.equal(r.varint(), 0);
  assert.ok(r.done);
  return resource;
}

void describe('batch wire', () => {
  void test('each message is alone in its buffer (so it can be transferred) and counts its spans', () => {
    const encoder = new BatchWireEncoder();
    fc.assert(
      fc.property(arbitraryTraceBatch(), (batch) => {
        const { bytes, spans } = encoder.encode(batch);
        assert.equal(bytes.byteOffset, 0);
        assert.equal(bytes.buffer.byteLength, bytes.byteLength);
        assert.equal(spans, batch.resourceSpans.reduce((n, rs) => n + rs.scopeSpans.reduce((m, ss) => m + ss.spans.length, 0), 0));
      }),
      { numRuns: 100 },
    );
  });

  void test('resources come back as they were, every value case kept, across many messages of one dictionary', () => {
    const encoder = new BatchWireEncoder();
    const reader = new BatchWireReader();
    fc.assert(
      fc.property(arbitraryResource(), (resource) => {
        const back = readResource(reader, encoder.encode(resourceBatch(resource.attributes, resource.droppedAttributesCount)).bytes);
        assert.equal(canonicalText(back), canonicalText(resource));
      }),
      { numRuns: 200 },
    );
  });

  void test('a key is spelled out once, then sent as a number', () => {
    const encoder = new BatchWireEncoder();
    const reader = new BatchWireReader();
    const first = encoder.encode(resourceBatch(new Map([['k8s.pod.name', 'a']]))).bytes;
    const second = encoder.encode(resourceBatch(new Map([['k8s.pod.name', 'b']]))).bytes;
    assert.ok(Buffer.from(first).includes('k8s.pod.name'));
    assert.ok(!Buffer.from(second).includes('k8s.pod.name'));
    assert.equal(readResource(reader, first).attributes.get('k8s.pod.name'), 'a');
    assert.equal(readResource(reader, second).attributes.get('k8s.pod.name'), 'b');
  });

  void test('a message taken back leaves no key behind; a reader that missed a message fails until both restart', () => {
    const encoder = new BatchWireEncoder();
    const reader = new BatchWireReader();
    const generation = reader.generation;
    readResource(reader, encoder.encode(resourceBatch(new Map([['a', '1']]))).bytes);
    assert.equal(reader.generation, generation + 1, 'the first message starts a dictionary');
    encoder.encode(resourceBatch(new Map([['lost', '1']])));
    encoder.rollback();
    const after = readResource(reader, encoder.encode(resourceBatch(new Map([['lost', '2'], ['a', '3']]))).bytes);
    assert.deepEqual([...after.attributes], [['lost', '2'], ['a', '3']]);
    // A message the reader never sees (and that was not taken back) leaves it without a key.
    encoder.encode(resourceBatch(new Map([['unseen', '1']])));
    assert.throws(() => readResource(reader, encoder.encode(resourceBatch(new Map([['unseen', '2']]))).bytes), /never defined/);
    encoder.restart();
    assert.equal(readResource(reader, encoder.encode(resourceBatch(new Map([['unseen', '3']]))).bytes).attributes.get('unseen'), '3');
    assert.equal(reader.generation, generation + 2);
  });

  void test('past the dictionary bound, new keys travel as text every time', () => {
    const encoder = new BatchWireEncoder();
    const reader = new BatchWireReader();
    readResource(reader, encoder.encode(resourceBatch(new Map(Array.from({ length: MAX_DICTIONARY_KEYS }, (_, i) => [`k${i}`, 'v'])))).bytes);
    for (let i = 0; i < 2; i++) {
      const bytes = encoder.encode(resourceBatch(new Map([['beyond', String(i)]]))).bytes;
      assert.ok(Buffer.from(bytes).includes('beyond'));
      assert.equal(readResource(reader, bytes).attributes.get('beyond'), String(i));
    }
  });

  void test('a resource or scope sent again is the object read before, until the dictionary changes; a key it defines is still defined', () => {
    const encoder = new BatchWireEncoder();
    const reader = new BatchWireReader();
    const pod = new Map([['service.name', 'cart'], ['k8s.pod.name', 'cart-1']]);
    const batch = (name: string): TraceBatch => ({
      resourceSpans: [{ resource: { attributes: new Map(pod), droppedAttributesCount: 0 }, schemaUrl: '', scopeSpans: [{ scope: { name, version: '1', attributes: new Map([['lib', name]]), droppedAttributesCount: 0 }, schemaUrl: '', spans: [] }] }],
    });
    const read = (bytes: Uint8Array) => {
      const r = reader.open(bytes);
      assert.equal(r.varint(), 1);
      const resource = reader.resource(r);
      assert.equal(r.varint(), 1);
      const scope = reader.scope(r);
      assert.equal(r.varint(), 0);
      assert.ok(r.done);
      return { resource, scope };
    };
    // The first message defines the keys: read, not kept, so that reading it defines them.
    const first = read(encoder.encode(batch('grpc')).bytes);
    const second = read(encoder.encode(batch('grpc')).bytes);
    const third = read(encoder.encode(batch('grpc')).bytes);
    assert.notEqual(second.resource, first.resource);
    assert.equal(third.resource, second.resource, 'same bytes, same object');
    assert.equal(third.scope, second.scope);
    assert.deepEqual([...third.resource.resource.attributes], [...pod]);
    // Another scope name: another object, the resource still the one kept.
    const other = read(encoder.encode(batch('http')).bytes);
    assert.equal(other.resource, second.resource);
    assert.notEqual(other.scope, second.scope);
    assert.equal(other.scope.scope.name, 'http');
    // A mark taken back, or a new dictionary, empties what was kept.
    const mark = reader.mark();
    reader.restore(mark);
    const afterRestore = read(encoder.encode(batch('grpc')).bytes);
    assert.notEqual(afterRestore.resource, second.resource);
    assert.deepEqual([...afterRestore.resource.resource.attributes], [...pod]);
    encoder.restart();
    const restarted = read(encoder.encode(batch('grpc')).bytes);
    assert.notEqual(restarted.resource, afterRestore.resource);
    assert.equal(read(encoder.encode(batch('grpc')).bytes).scope.scope.attributes.get('lib'), 'grpc', 'keys defined by the restarted dictionary');
  });
});
