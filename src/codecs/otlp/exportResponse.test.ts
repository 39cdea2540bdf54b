import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { decodeExportResponseJson, decodeExportResponseProto, encodeExportResponseJson, encodeExportResponseProto } from './exportResponse.js';
import { ExportTraceServiceResponseType } from './otlpProto.js';

void describe('ExportTraceServiceResponse codec', () => {
  void test('full success is an empty message', () => {
    assert.equal(encodeExportResponseProto().length, 0);
    assert.equal(encodeExportResponseJson(), '{}');
    assert.equal(encodeExportResponseJson({ rejectedSpans: 0, errorMessage: '' }), '{}');
    assert.equal(decodeExportResponseProto(new Uint8Array(0)), undefined);
    assert.equal(decodeExportResponseJson(''), undefined);
    assert.equal(decodeExportResponseJson('{}'), undefined);
  });

  void test('partial success round-trips in both encodings', () => {
    const partial = { rejectedSpans: 7, errorMessage: '7 spans had no name' };
    assert.deepStrictEqual(decodeExportResponseProto(encodeExportResponseProto(partial)), partial);
    assert.deepStrictEqual(decodeExportResponseJson(encodeExportResponseJson(partial)), partial);
    assert.deepStrictEqual(JSON.parse(encodeExportResponseJson(partial)), { partialSuccess: { rejectedSpans: '7', errorMessage: '7 spans had no name' } });
    const warning = { rejectedSpans: 0, errorMessage: 'deprecated attribute used' };
    assert.deepStrictEqual(decodeExportResponseProto(encodeExportResponseProto(warning)), warning);
  });

  void test('the protobuf form is what the .proto says (field 1 = partial_success, int64 rejected_spans)', () => {
    const decoded = ExportTraceServiceResponseType.toObject(ExportTraceServiceResponseType.decode(encodeExportResponseProto({ rejectedSpans: 3, errorMessage: 'x' })), { longs: String });
    assert.deepStrictEqual(decoded, { partialSuccess: { rejectedSpans: '3', errorMessage: 'x' } });
  });

  void test('JSON responses from other servers: snake_case, numbers', () => {
    assert.deepStrictEqual(decodeExportResponseJson('{"partial_success":{"rejected_spans":2}}'), { rejectedSpans: 2, errorMessage: '' });
    assert.deepStrictEqual(decodeExportResponseJson(Buffer.from('{"partialSuccess":{}}')), undefined);
  });

  void test('malformed responses are SB_MALFORMED', () => {
    assert.throws(() => decodeExportResponseJson('{'), (e) => e instanceof PipelineError && e.code === 'SB_MALFORMED');
    assert.throws(() => decodeExportResponseJson('{"partialSuccess":{"rejectedSpans":"x"}}'), /partialSuccess\.rejectedSpans/);
    assert.throws(() => decodeExportResponseProto(Buffer.from([0x0a, 0x05, 0x01])), (e) => e instanceof PipelineError && e.code === 'SB_MALFORMED');
  });
});
