import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { xrayDocumentToBatch } from './xrayDocumentToBatch.js';

// JSON values as JSON.parse gives them, `__proto__` and index-like keys included.
const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 6 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('__proto__', '0', '12', 'default')), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const namespaces = fc.dictionary(fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('default', 'Default', 'DEFAULT', '__proto__', '7')), json, { maxKeys: 4 });

/** Documents with metadata of every shape, and annotations that land on `aws.xray.metadata.*` attributes too. */
const documents = fc.record({ metadata: namespaces, annotations: fc.dictionary(fc.constantFrom('aws.xray.metadata.default', 'aws.xray.metadata.x', 'note'), fc.constantFrom('{"a":1}', '{}', '[1]', 'x', 1), { maxKeys: 2 }), child: fc.option(namespaces, { nil: undefined }) }).map(({ metadata, annotations, child }) => {
  const doc: Record<string, unknown> = { trace_id: '1-5f29ab21-d4ebf299219a65bd5c31d6da', id: '88ad1df59cd7a7be', name: 'svc', start_time: 1596566305.5928545, end_time: 1596566305.6, metadata, annotations };
  if (child !== undefined) doc.subsegments = [{ id: '88ad1df59cd7a7bf', name: 'child', start_time: 1596566305.59, end_time: 1596566305.599, namespace: 'remote', metadata: child }];
  return JSON.stringify(doc);
});

describe('xrayDocumentToBatch', () => {
  test('a document read from JSON text decodes exactly as the same document given parsed (the check reuses parsed metadata)', () => {
    fc.assert(
      fc.property(documents, (text) => {
        assert.deepStrictEqual(xrayDocumentToBatch(text), xrayDocumentToBatch(JSON.parse(text) as object));
      }),
      { numRuns: 500 },
    );
  });
});
