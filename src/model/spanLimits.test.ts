import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AnyValue, Span, TraceBatch } from './span.js';
import { DEFAULT_SPAN_LIMITS, limitBatch } from './spanLimits.js';

const entries = (n: number, value = 'v'): [string, AnyValue][] => Array.from({ length: n }, (_, i) => [`k${i}`, value]);

function span(attributes: Map<string, AnyValue>, events = 0, links = 0): Span {
  return {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', parentSpanId: '', traceState: '', flags: 0, name: 'get', kind: 1,
    startTimeUnixNano: 1n, endTimeUnixNano: 2n, attributes, droppedAttributesCount: 1,
    events: Array.from({ length: events }, () => ({ timeUnixNano: 1n, name: 'e', attributes: new Map(entries(4)), droppedAttributesCount: 0 })), droppedEventsCount: 0,
    links: Array.from({ length: links }, () => ({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b8', traceState: '', attributes: new Map(), droppedAttributesCount: 0, flags: 0 })), droppedLinksCount: 0,
    status: { code: 0, message: '' },
  };
}

function batchOf(s: Span, resourceAttrs = new Map<string, AnyValue>()): TraceBatch {
  return { resourceSpans: [{ resource: { attributes: resourceAttrs, droppedAttributesCount: 0 }, schemaUrl: '', scopeSpans: [{ scope: { name: '', version: '', attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans: [s] }] }] };
}

describe('limitBatch', () => {
  test('within the limits nothing changes and nothing is counted', () => {
    const s = span(new Map(entries(20, 'x'.repeat(100))), 3, 2);
    const before = structuredClone(s);
    assert.deepEqual(limitBatch(batchOf(s), DEFAULT_SPAN_LIMITS), { dropped: 0, truncated: 0 });
    assert.deepEqual(s, before);
  });

  test('attributes past the count are dropped (the first ones kept) and added to droppedAttributesCount', () => {
    const s = span(new Map(entries(10)));
    const resource = new Map(entries(6));
    const counts = limitBatch(batchOf(s, resource), { maxAttributes: 4, maxValueLength: 100 });
    assert.deepEqual([...s.attributes.keys()], ['k0', 'k1', 'k2', 'k3']);
    assert.equal(s.droppedAttributesCount, 1 + 6);
    assert.deepEqual([...resource.keys()], ['k0', 'k1', 'k2', 'k3']);
    assert.deepEqual(counts, { dropped: 6 + 2, truncated: 0 });
  });

  test('long strings are cut at any nesting, never between the halves of a surrogate pair', () => {
    const nested = new Map<string, AnyValue>([['deep', 'abcdefgh']]);
    const s = span(new Map<string, AnyValue>([['long', 'abcdefgh'], ['emoji', 'abcd😀xyz'], ['list', ['abcdefgh', 'ok']], ['map', nested], ['n', 12345678n]]));
    const counts = limitBatch(batchOf(s), { maxAttributes: 100, maxValueLength: 5 });
    assert.equal(s.attributes.get('long'), 'abcde');
    assert.equal(s.attributes.get('emoji'), 'abcd', 'the pair that straddles the limit is left out whole');
    assert.deepEqual(s.attributes.get('list'), ['abcde', 'ok']);
    assert.equal(nested.get('deep'), 'abcde');
    assert.equal(s.attributes.get('n'), 12345678n, 'only strings are cut');
    assert.deepEqual(counts, { dropped: 0, truncated: 4 });
  });

  test('arrays, events and links past the count are dropped and counted on the span', () => {
    const s = span(new Map<string, AnyValue>([['list', ['a', 'b', 'c', 'd', 'e']]]), 5, 4);
    const counts = limitBatch(batchOf(s), { maxAttributes: 3, maxValueLength: 100 });
    assert.deepEqual(s.attributes.get('list'), ['a', 'b', 'c']);
    assert.equal(s.events.length, 3);
    assert.equal(s.droppedEventsCount, 2);
    assert.equal(s.links.length, 3);
    assert.equal(s.droppedLinksCount, 1);
    for (const e of s.events) {
      assert.equal(e.attributes.size, 3);
      assert.equal(e.droppedAttributesCount, 1);
    }
    assert.deepEqual(counts, { dropped: 2 + 2 + 1 + 3, truncated: 0 });
  });
});
