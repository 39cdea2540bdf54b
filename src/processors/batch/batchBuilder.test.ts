import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createBatchBuilder } from './batchBuilder.js';
import { spanNames, testBatch, testResource } from '../../../test/processors/batch/testBatches.js';

void describe('createBatchBuilder', () => {
  void test('joins batches of the same resource object into one ResourceSpans and ScopeSpans', () => {
    const resource = testResource('svc');
    const b = createBatchBuilder();
    b.add(testBatch(2, 'x', resource));
    b.add(testBatch(1, 'y', resource));
    const out = b.build();
    assert.equal(out.resourceSpans.length, 1);
    assert.equal(out.resourceSpans[0]!.scopeSpans.length, 1);
    assert.deepEqual(spanNames(out), ['x0', 'x1', 'y0']);
  });

  void test('joins equal resources that are different objects, and keeps different ones apart', () => {
    const b = createBatchBuilder();
    b.add(testBatch(1, 'a', testResource('a')));
    b.add(testBatch(1, 'b', testResource('b')));
    b.add(testBatch(1, 'c', testResource('a')));
    const withVersion = testResource('a');
    withVersion.attributes.set('service.version', '2');
    b.add(testBatch(1, 'd', withVersion));
    const int64 = testResource('a');
    int64.attributes.set('n', 1n);
    const double = testResource('a');
    double.attributes.set('n', 1);
    b.add(testBatch(1, 'e', int64));
    b.add(testBatch(1, 'f', double));
    const out = b.build();
    assert.deepEqual(out.resourceSpans.map((rs) => spanNames({ resourceSpans: [rs] }).join()), ['a0,c0', 'b0', 'd0', 'e0', 'f0']);
  });

  void test('keeps scopes with other names or attributes apart inside one resource', () => {
    const resource = testResource('svc');
    const one = testBatch(1, 'p', resource);
    const two = testBatch(1, 'q', resource);
    two.resourceSpans[0]!.scopeSpans[0]!.scope = { name: 'lib', version: '1', attributes: new Map([['k', 'v']]), droppedAttributesCount: 0 };
    const three = testBatch(1, 'r', resource);
    const b = createBatchBuilder();
    b.add(one);
    b.add(two);
    b.add(three);
    const out = b.build();
    assert.equal(out.resourceSpans.length, 1);
    assert.deepEqual(out.resourceSpans[0]!.scopeSpans.map((ss) => ss.spans.map((s) => s.name).join()), ['p0,r0', 'q0']);
  });

  void test('one ResourceSpans per pod of a service, joined whatever the key order; schema URL and dropped count count', () => {
    const pod = (n: number, reversed = false) => {
      const entries: [string, string][] = [['service.name', 'svc'], ['k8s.pod.name', `svc-${n}`]];
      return { attributes: new Map(reversed ? entries.reverse() : entries), droppedAttributesCount: 0 };
    };
    const b = createBatchBuilder();
    for (let i = 0; i < 300; i++) b.add(testBatch(1, `p${i % 100}-`, pod(i % 100, i >= 200)));
    const dropped = testBatch(1, 'dropped', pod(1));
    dropped.resourceSpans[0]!.resource.droppedAttributesCount = 1;
    b.add(dropped);
    const schema = testBatch(1, 'schema', pod(1));
    schema.resourceSpans[0]!.schemaUrl = 'https://opentelemetry.io/schemas/1.26.0';
    b.add(schema);
    const out = b.build();
    assert.equal(out.resourceSpans.length, 102);
    assert.deepEqual(spanNames({ resourceSpans: [out.resourceSpans[1]!] }), ['p1-0', 'p1-0', 'p1-0']);
    assert.deepEqual(out.resourceSpans.slice(100).map((rs) => spanNames({ resourceSpans: [rs] }).join()), ['dropped0', 'schema0']);
  });

  void test('empties what it was given', () => {
    const batch = testBatch(2);
    const b = createBatchBuilder();
    b.add(batch);
    assert.deepEqual(batch.resourceSpans, []);
  });
});
