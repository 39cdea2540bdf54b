import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AnyValue, TraceBatch } from './span.js';
import { repairLoneSurrogates, wellFormed } from './wellFormedStrings.js';

function batch(): TraceBatch {
  return {
    resourceSpans: [{
      resource: { attributes: new Map<string, AnyValue>([['service.name', 'cart\ud800'], ['ok', 'fine']]), droppedAttributesCount: 0 },
      schemaUrl: '',
      scopeSpans: [{
        scope: { name: 's\udc00', version: '', attributes: new Map(), droppedAttributesCount: 0 },
        schemaUrl: '',
        spans: [{
          traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', parentSpanId: '', traceState: '', flags: 0, name: 'get\ud800', kind: 1,
          startTimeUnixNano: 1n, endTimeUnixNano: 2n, attributes: new Map<string, AnyValue>([['k\ud800', ['a\udfff', new Map<string, AnyValue>([['x', '\ud800']])]], ['pair', '😀']]),
          droppedAttributesCount: 0, events: [{ timeUnixNano: 1n, name: 'e\ud800', attributes: new Map(), droppedAttributesCount: 0 }], droppedEventsCount: 0, links: [], droppedLinksCount: 0,
          status: { code: 2, message: '\udbff' },
        }],
      }],
    }],
  };
}

describe('repairLoneSurrogates', () => {
  test('replaces lone surrogates with U+FFFD in names, keys and nested values, and leaves pairs alone', () => {
    const b = batch();
    assert.equal(repairLoneSurrogates(b), 8);
    const rs = b.resourceSpans[0];
    const span = rs?.scopeSpans[0]?.spans[0];
    assert.equal(rs?.resource.attributes.get('service.name'), 'cart\ufffd');
    assert.equal(rs?.scopeSpans[0]?.scope.name, 's\ufffd');
    assert.equal(span?.name, 'get\ufffd');
    assert.deepEqual([...(span?.attributes.keys() ?? [])], ['k\ufffd', 'pair']);
    assert.deepEqual(span?.attributes.get('k\ufffd'), ['a\ufffd', new Map([['x', '\ufffd']])]);
    assert.equal(span?.attributes.get('pair'), '😀');
    assert.equal(span?.events[0]?.name, 'e\ufffd');
    assert.equal(span?.status.message, '\ufffd');
    assert.equal(repairLoneSurrogates(b), 0);
  });

  test('wellFormed returns the string itself when there is nothing to repair', () => {
    assert.equal(wellFormed('abc'), 'abc');
    assert.equal(wellFormed('\ud800x'), '\ufffdx');
  });
});
