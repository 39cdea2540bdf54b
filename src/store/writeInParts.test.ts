import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { forEachSpan } from '../model/batch.js';
import type { Span, TraceBatch } from '../model/span.js';
import { testBatch, testResource } from '../../test/processors/batch/testBatches.js';
import { writeInParts } from './writeInParts.js';

function names(batch: TraceBatch): string[] {
  const out: string[] = [];
  forEachSpan(batch, (s) => out.push(s.name));
  return out;
}

/** Two resources of 8 and 3 spans. */
function batch(): TraceBatch {
  return { resourceSpans: [...testBatch(8, 'a').resourceSpans, ...testBatch(3, 'b', testResource('other')).resourceSpans] };
}

describe('writeInParts', () => {
  test('stores every span but the bad ones, each refused alone, with their resource and scope', async () => {
    const stored: string[] = [];
    const writes: TraceBatch[] = [];
    const bad = new Set(['a5', 'b1']);
    const result = await writeInParts(batch(), new Error('first'), (part) => {
      writes.push(part);
      if (names(part).some((n) => bad.has(n))) throw new Error(`bad span in ${names(part).join(',')}`);
      stored.push(...names(part));
    }, () => true);
    assert.deepEqual(result.refused.map((s: Span) => s.name).sort(), ['a5', 'b1']);
    assert.match(String(result.firstError), /bad span in a5/);
    assert.deepEqual(stored.sort(), ['a0', 'a1', 'a2', 'a3', 'a4', 'a6', 'a7', 'b0', 'b2']);
    for (const w of writes) for (const rs of w.resourceSpans) assert.equal(rs.resource.attributes.get('service.name'), names({ resourceSpans: [rs] })[0]?.startsWith('a') ? 'svc' : 'other');
    assert.ok(writes.length <= 2 * 2 * Math.ceil(Math.log2(11)) + 2, `${writes.length} writes`);
  });

  test('when the parts all go through, nothing is refused', async () => {
    let calls = 0;
    const result = await writeInParts(batch(), new Error('once'), () => void calls++, () => true);
    assert.deepEqual(result.refused, []);
    assert.equal(calls, 2);
  });

  test('a failure that is not caused by the data ends the search and is thrown', async () => {
    await assert.rejects(() => writeInParts(batch(), new Error('x'), () => {
      throw new Error('disk full');
    }, () => false), /disk full/);
  });

  test('a batch of one span is refused without writing it again', async () => {
    const result = await writeInParts(testBatch(1), new Error('the failure'), () => assert.fail('not written again'), () => true);
    assert.equal(result.refused.length, 1);
    assert.match(String(result.firstError), /the failure/);
  });
});
