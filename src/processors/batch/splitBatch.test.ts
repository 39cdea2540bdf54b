import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countSpans } from '../../model/batch.js';
import type { TraceBatch } from '../../model/span.js';
import { splitBatch } from './splitBatch.js';
import { spanNames, testBatch, testResource } from '../../../test/processors/batch/testBatches.js';

function twoResources(): TraceBatch {
  const a = testBatch(3, 'a', testResource('a'));
  const b = testBatch(4, 'b', testResource('b'));
  const extraScope = { schemaUrl: '', scope: { name: 'other', version: '', attributes: new Map(), droppedAttributesCount: 0 }, spans: testBatch(2, 'c').resourceSpans[0]!.scopeSpans[0]!.spans };
  b.resourceSpans[0]!.scopeSpans.push(extraScope);
  return { resourceSpans: [...a.resourceSpans, ...b.resourceSpans] };
}

void describe('splitBatch', () => {
  void test('takes whole resources without copying them', () => {
    const batch = twoResources();
    const firstResource = batch.resourceSpans[0]!.resource;
    const head = splitBatch(batch, 3);
    assert.deepEqual(spanNames(head), ['a0', 'a1', 'a2']);
    assert.equal(head.resourceSpans[0]!.resource, firstResource);
    assert.deepEqual(spanNames(batch), ['b0', 'b1', 'b2', 'b3', 'c0', 'c1']);
  });

  void test('cuts inside a scope and gives the head its own resource and scope copies', () => {
    const batch = twoResources();
    const head = splitBatch(batch, 5);
    assert.deepEqual(spanNames(head), ['a0', 'a1', 'a2', 'b0', 'b1']);
    assert.deepEqual(spanNames(batch), ['b2', 'b3', 'c0', 'c1']);
    const headB = head.resourceSpans[1]!;
    const tailB = batch.resourceSpans[0]!;
    assert.notEqual(headB.resource, tailB.resource);
    assert.notEqual(headB.resource.attributes, tailB.resource.attributes);
    assert.deepEqual(headB.resource, tailB.resource);
    assert.notEqual(headB.scopeSpans[0]!.scope.attributes, tailB.scopeSpans[0]!.scope.attributes);
    assert.equal(headB.scopeSpans[0]!.scope.name, 'lib');
    headB.resource.attributes.set('changed', true);
    assert.equal(tailB.resource.attributes.has('changed'), false);
  });

  void test('cuts between scopes of one resource', () => {
    const batch = twoResources();
    const head = splitBatch(batch, 7);
    assert.deepEqual(spanNames(head), ['a0', 'a1', 'a2', 'b0', 'b1', 'b2', 'b3']);
    assert.deepEqual(spanNames(batch), ['c0', 'c1']);
    assert.equal(batch.resourceSpans[0]!.scopeSpans[0]!.scope.name, 'other');
  });

  void test('taking more than there is takes everything', () => {
    const batch = twoResources();
    const head = splitBatch(batch, 100);
    assert.equal(countSpans(head), 9);
    assert.equal(countSpans(batch), 0);
  });
});
