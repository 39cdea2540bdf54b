import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { arbitraryAnyValue, arbitraryTraceBatch } from '../../../test/model/arbitraries.js';
import { forEachSpan } from '../../model/batch.js';
import type { AnyValue, Resource, Span, TraceBatch } from '../../model/span.js';
import { batchToXrayDocuments } from './batchToXrayDocuments.js';
import { completeXrayNode, xrayNodeJson } from './nodeParts.js';
import { encodeXrayNode, encodeXrayNodeParts } from './spanToXraySegment.js';
import type { XrayEncodeOptions } from './xraySegmentDocument.js';

// Keys where joining text could go wrong: resource-like keys, array indices (ordered first by JavaScript),
// `__proto__`, metadata namespaces (one merging into `default`), patches, and the attribute that marks X-Ray spans.
const trickyKey = fc.constantFrom(
  'otel.resource.service.name', 'otel.resource.x', '42', '0', '__proto__', 'constructor', 'aws.xray.metadata.default', 'aws.xray.metadata.Default',
  'aws.xray.metadata.5', 'aws.xray.metadata.ns', 'aws.xray.annotations', 'aws.xray.extra_fields', 'aws.xray.omitted_fields', 'aws.xray.document_kind',
  'service.name', 'server.address', 'http.response.status_code', 'peer.service', 'aws.operation', 'rpc.system',
);
const trickyValue = fc.oneof(
  arbitraryAnyValue(),
  fc.constantFrom<AnyValue>('{"a":1,"otel.resource.service.name":"z","7":2}', '{"b":[1,2]}', 'embedded', 'segment', 'aws-api', 'not json', ['service.name', '42'], ['/metadata/default', '/aws'], new Map<string, AnyValue>([['0', 'x']]), 200n),
);
const tricky = fc.array(fc.tuple(trickyKey, trickyValue), { maxLength: 4 });

/** Batches whose spans and resources also hold tricky keys; spans are made native segments and subsegments alike. */
const batches = fc.tuple(arbitraryTraceBatch({ maxResourceSpans: 2, maxScopeSpans: 2, maxSpans: 3 }), fc.array(tricky, { minLength: 8, maxLength: 8 }), fc.boolean()).map(([batch, extras, withParents]) => {
  let i = 0;
  for (const rs of batch.resourceSpans) {
    for (const [k, v] of extras[7] ?? []) rs.resource.attributes.set(k.replace(/^otel\.resource\./, ''), v);
    if (i % 2 === 0) rs.resource.attributes.set('cloud.provider', 'aws').set('cloud.platform', 'aws_eks').set('k8s.pod.name', 'pod-1').set('service.version', '1.2');
    for (const ss of rs.scopeSpans) {
      for (const s of ss.spans) {
        for (const [k, v] of extras[i % 7] ?? []) s.attributes.set(k, v);
        if (withParents && i > 0) s.parentSpanId = ss.spans[0]?.spanId ?? '';
        i++;
      }
    }
  }
  return batch;
});

const optionSets: XrayEncodeOptions[] = [{}, { indexAllAttributes: true }, { indexedAttributes: ['otel.resource.service.name', 'otel.resource.x', '42', 'server.address'] }];

function spansWithResources(batch: TraceBatch): Array<[Span, Resource]> {
  const out: Array<[Span, Resource]> = [];
  forEachSpan(batch, (s, rs) => out.push([s, rs.resource]));
  return out;
}

describe('xrayNodeJson (document text joined from parts)', () => {
  test('is JSON.stringify of the finished node, for any span, resource and options', () => {
    fc.assert(
      fc.property(batches, fc.constantFrom(...optionSets), (batch, options) => {
        const resources = new Map();
        for (const [span, resource] of spansWithResources(batch)) {
          for (const placement of ['top', 'embedded'] as const) {
            const text = xrayNodeJson(encodeXrayNodeParts(span, resource, options, placement, { resources }));
            const expected = JSON.stringify(completeXrayNode(encodeXrayNodeParts(span, resource, options, placement)));
            if (text !== undefined) assert.equal(text, expected);
            assert.equal(JSON.stringify(encodeXrayNode(span, resource, options, placement)), expected);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('batchToXrayDocuments writes each span as JSON.stringify of its node', () => {
    fc.assert(
      fc.property(batches, fc.constantFrom(...optionSets), (batch, options) => {
        // No span nested into another: each is a document of its own.
        forEachSpan(batch, (s) => s.attributes.get('aws.xray.document_kind') === 'embedded' && s.attributes.delete('aws.xray.document_kind'));
        const { documents } = batchToXrayDocuments(batch, options);
        const expected = spansWithResources(batch)
          .filter(([s]) => /^[0-9a-f]{32}$/.test(s.traceId) && /^[0-9a-f]{16}$/.test(s.spanId) && !/^0+$/.test(s.traceId) && !/^0+$/.test(s.spanId))
          .map(([s, r]) => JSON.stringify(encodeXrayNode(s, r, options, 'top')));
        assert.deepEqual(documents, expected);
      }),
      { numRuns: 200 },
    );
  });

  test('a resource changed in place between two batches is read again (what is memoised is compared first)', () => {
    const resource: Resource = { attributes: new Map<string, AnyValue>([['service.name', 'shop'], ['cloud.provider', 'aws'], ['cloud.platform', 'aws_eks'], ['k8s.pod.name', 'pod-1']]), droppedAttributesCount: 0 };
    const span: Span = {
      traceId: '5f2aebccb475d14618c51eaa28753d37', spanId: 'bda182a644eee9b3', parentSpanId: '', traceState: '', flags: 1, name: 'GET /', kind: 2,
      startTimeUnixNano: 1_700_000_000_000_000_000n, endTimeUnixNano: 1_700_000_000_100_000_000n, attributes: new Map(), droppedAttributesCount: 0,
      events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: 0, message: '' },
    };
    const batch: TraceBatch = { resourceSpans: [{ resource, schemaUrl: '', scopeSpans: [{ scope: { name: '', version: '', attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans: [span] }] }] };
    const first = JSON.parse(batchToXrayDocuments(batch).documents[0] as string) as { aws: { eks: { pod: string } }; metadata: { default: Record<string, unknown> } };
    assert.equal(first.aws.eks.pod, 'pod-1');
    resource.attributes.set('k8s.pod.name', 'pod-2').set('extra', true);
    const second = JSON.parse(batchToXrayDocuments(batch).documents[0] as string) as typeof first;
    assert.equal(second.aws.eks.pod, 'pod-2');
    assert.equal(second.metadata.default['otel.resource.extra'], true);
    const doc = encodeXrayNode(span, resource, {}, 'top');
    (doc.aws?.eks as Record<string, unknown>).pod = 'changed';
    assert.equal((encodeXrayNode(span, resource, {}, 'top').aws?.eks as Record<string, unknown>).pod, 'pod-2', 'documents do not share objects');
  });
});
