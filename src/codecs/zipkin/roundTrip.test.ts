// Property-based round trips (DESIGN section 11): arbitrary Zipkin v2 spans in the canonical form encodeZipkinV2Json
// writes survive decode -> encode unchanged, through JSON and through proto3.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decodeZipkinV2Json } from './decodeZipkinV2Json.js';
import { decodeZipkinV2Proto } from './decodeZipkinV2Proto.js';
import { encodeZipkinV2Json } from './encodeZipkinV2Json.js';
import { encodeZipkinV2Proto } from './encodeZipkinV2Proto.js';
import { renderBatch } from '../../../test/codecs/zipkin/renderDecodeResult.js';

const hex = (digits: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${digits}}$`));
const spanId = hex(16).filter((s) => !/^0+$/.test(s));
const traceId = fc.oneof(spanId, hex(32).filter((s) => !s.startsWith('0'.repeat(16))));
const text = (minLength = 0) => fc.string({ unit: 'binary', minLength, maxLength: 12 });
/** Tag keys that carry model fields are generated only through their own arbitraries below. */
const RESERVED = /^(otel\.|otlp\.link\.|zipkin\.|network\.|net\.|error$|w3c\.tracestate$|span\.kind$|peer\.service$|service\.peer\.name$|__proto__$)/;
const tagKey = text().filter((k) => !RESERVED.test(k));
/** IPv6 text as the WHATWG URL serializer writes it, which is how the proto path formats 16 address bytes. */
const ipv6 = fc.ipV6().map((ip) => new URL(`http://[${ip}]/`).hostname.slice(1, -1));
const endpoint = fc
  .record({ serviceName: text(1), ipv4: fc.ipV4(), ipv6, port: fc.integer({ min: 1, max: 65535 }) }, { requiredKeys: [] })
  .filter((e) => Object.keys(e).length > 0);
const micros = (max: number) => fc.integer({ min: 1, max });
const scalar = fc.oneof(text(), fc.boolean(), fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)));
const jsonAttributes = fc.dictionary(text(), scalar, { maxKeys: 3 }).map((o) => JSON.stringify(o));
const annotationValue = fc.oneof(
  text().filter((v) => !v.includes('|') && !['cs', 'cr', 'sr', 'ss', 'ms', 'mr', 'ws', 'wr'].includes(v)),
  // The structured form is canonical only when there is something to carry.
  fc.tuple(text().filter((v) => !v.includes('|')), jsonAttributes, fc.nat(5)).filter(([, json, dropped]) => json !== '{}' || dropped > 0).map(([name, json, dropped]) => `${name}|${json}|${dropped}`),
);
const message = text(1).filter((m) => m !== 'true' && m !== 'false');
const statusTags = fc.oneof(
  fc.constant({}),
  fc.constant({ error: 'true' }),
  fc.constantFrom({ error: 'false' }, { error: '' }),
  message.map((m) => ({ error: m })),
  fc.constant({ 'otel.status_code': 'OK' }),
  message.map((m) => ({ 'otel.status_code': 'OK', 'otel.status_description': m })),
  fc.constantFrom('true', 'false').map((m) => ({ 'otel.status_code': 'ERROR', 'otel.status_description': m, error: 'true' })),
);
const linkTags = fc
  .array(fc.tuple(hex(32).filter((s) => !/^0+$/.test(s)), spanId, fc.string({ maxLength: 8 }).filter((s) => !s.includes('|')), jsonAttributes, fc.nat(3)), { maxLength: 2 })
  .map((links) => Object.fromEntries(links.map((l, i) => [`otlp.link.${i}`, l.join('|')])));
const optionalTags = fc.record({ 'w3c.tracestate': text(1), 'otel.scope.name': text(1), 'otel.scope.version': text(1) }, { requiredKeys: [] });

const zipkinSpan = fc
  .record(
    {
      traceId,
      id: spanId,
      parentId: spanId,
      kind: fc.constantFrom('CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER', 'internal'),
      name: text(1),
      timestamp: micros(2 ** 52),
      duration: micros(2 ** 40),
      localEndpoint: endpoint,
      remoteEndpoint: endpoint,
      annotations: fc.array(fc.record({ timestamp: micros(2 ** 52), value: annotationValue }), { minLength: 1, maxLength: 3 }),
      tags: fc.tuple(fc.dictionary(tagKey, fc.string({ unit: 'binary' }), { maxKeys: 4 }), statusTags, linkTags, optionalTags).map((parts) => Object.assign({}, ...parts) as Record<string, string>),
      debug: fc.constant(true),
      shared: fc.constant(true),
    },
    { requiredKeys: ['traceId', 'id'] },
  )
  .map((s) => {
    const out: Record<string, unknown> = { ...s };
    if (s.parentId === s.id) delete out.parentId;
    // INTERNAL travels as the `span.kind` tag (spec section 2.6); `shared` never sits on CLIENT spans (section 1.1).
    if (s.kind === 'internal') {
      delete out.kind;
      out.tags = { ...s.tags, 'span.kind': 'internal' };
    }
    if (s.kind === 'CLIENT') delete out.shared;
    if (out.tags !== undefined && Object.keys(out.tags as object).length === 0) delete out.tags;
    return out;
  });

/** JSON with object keys sorted, so spans compare regardless of field order. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** Spans as a sorted list: the decoder groups them by service, so their order may change. */
function asSet(spans: unknown[]): string[] {
  return spans.map(stable).sort();
}

void describe('zipkin round trips', () => {
  void test('v2 JSON -> model -> v2 JSON is the identity on canonical spans, and decoding again gives the same model', () => {
    fc.assert(
      fc.property(fc.array(zipkinSpan, { maxLength: 5 }), (spans) => {
        const first = decodeZipkinV2Json(JSON.stringify(spans));
        assert.equal(first.rejected, 0, first.problems.join('; '));
        const encoded = encodeZipkinV2Json(first.batch);
        assert.deepEqual(asSet(JSON.parse(encoded) as unknown[]), asSet(spans));
        assert.deepEqual(renderBatch(decodeZipkinV2Json(encoded).batch), renderBatch(first.batch));
      }),
      { numRuns: 300 },
    );
  });

  void test('v2 JSON -> model -> proto3 -> model -> v2 JSON is the identity on canonical spans', () => {
    fc.assert(
      fc.property(fc.array(zipkinSpan, { maxLength: 5 }), (spans) => {
        const first = decodeZipkinV2Json(JSON.stringify(spans));
        const viaProto = decodeZipkinV2Proto(encodeZipkinV2Proto(first.batch));
        assert.equal(viaProto.rejected, 0, viaProto.problems.join('; '));
        assert.deepEqual(renderBatch(viaProto.batch), renderBatch(first.batch));
        assert.deepEqual(asSet(JSON.parse(encodeZipkinV2Json(viaProto.batch)) as unknown[]), asSet(spans));
      }),
      { numRuns: 300 },
    );
  });
});
