import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SpanKind, StatusCode, type Span } from '../../model/span.js';
import { makeSpan, normalizeOne } from '../../../test/processors/istio/testSpans.js';

const sidecar = (kind: SpanKind, tags: Record<string, string>): Span => makeSpan({ kind, tags: { component: 'proxy', node_id: 'n', ...tags } });
const status = (kind: SpanKind, tags: Record<string, string>) => normalizeOne(sidecar(kind, tags), 'x').span.status;

void describe('error signals', () => {
  void test('HTTP status: >= 500 is an error on SERVER spans, >= 400 on CLIENT spans', () => {
    assert.deepEqual(status(SpanKind.SERVER, { 'http.status_code': '503' }), { code: StatusCode.ERROR, message: '' });
    assert.equal(status(SpanKind.SERVER, { 'http.status_code': '404' }).code, StatusCode.UNSET);
    assert.equal(status(SpanKind.CLIENT, { 'http.status_code': '404' }).code, StatusCode.ERROR);
    assert.equal(status(SpanKind.CLIENT, { 'http.status_code': '200' }).code, StatusCode.UNSET);
  });

  void test('the kind is repaired first: an Istio <= 1.7 inbound CLIENT span with 404 is a SERVER span without error', () => {
    assert.equal(status(SpanKind.CLIENT, { 'http.status_code': '404', upstream_cluster: 'inbound|9080|http|x.default.svc.cluster.local' }).code, StatusCode.UNSET);
  });

  void test('explicit signals come first: otel.status_code, then the error tag (false = no error)', () => {
    assert.deepEqual(status(SpanKind.SERVER, { 'otel.status_code': 'ERROR', 'otel.status_description': 'boom' }), { code: StatusCode.ERROR, message: 'boom' });
    assert.equal(status(SpanKind.SERVER, { 'otel.status_code': 'STATUS_CODE_OK', 'http.status_code': '500' }).code, StatusCode.OK);
    assert.equal(status(SpanKind.SERVER, { error: 'false', 'http.status_code': '500' }).code, StatusCode.UNSET);
    assert.deepEqual(status(SpanKind.SERVER, { error: 'true', 'error.reason': 'upstream reset' }), { code: StatusCode.ERROR, message: 'upstream reset' });
    assert.deepEqual(status(SpanKind.SERVER, { error: 'connection refused' }), { code: StatusCode.ERROR, message: 'connection refused' });
    const { span } = normalizeOne(sidecar(SpanKind.SERVER, { error: 'true' }), 'x');
    assert.equal(span.attributes.has('error'), false);
  });

  void test('failure response flags mark an error even without a status code', () => {
    assert.deepEqual(status(SpanKind.CLIENT, { response_flags: 'UH' }), { code: StatusCode.ERROR, message: 'response_flags UH' });
    assert.equal(status(SpanKind.CLIENT, { response_flags: 'RL,UF' }).code, StatusCode.ERROR);
    assert.equal(status(SpanKind.CLIENT, { response_flags: 'RL' }).code, StatusCode.UNSET);
    assert.equal(status(SpanKind.CLIENT, { response_flags: '-' }).code, StatusCode.UNSET);
  });

  void test('a status the codec already decided is kept', () => {
    const span = sidecar(SpanKind.SERVER, { 'http.status_code': '503' });
    span.status = { code: StatusCode.OK, message: '' };
    assert.equal(normalizeOne(span, 'x').span.status.code, StatusCode.OK);
  });

  void test('off (semantic_conventions: false): no status is derived', () => {
    assert.equal(normalizeOne(sidecar(SpanKind.SERVER, { 'http.status_code': '503', response_flags: 'UF' }), 'x', { semantic_conventions: false }).span.status.code, StatusCode.UNSET);
  });
});
