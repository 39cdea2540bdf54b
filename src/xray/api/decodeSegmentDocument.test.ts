import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { xrayFixtures, XRAY_FIXTURES } from '../../../test/codecs/xray/xrayFixtures.js';
import { countSpans } from '../../model/batch.js';
import { decodeSegmentDocument } from './decodeSegmentDocument.js';

const TRACE = '1-5759e988-bd862e3fe1be46a994272793';

function refusal(text: string): { Id: string; ErrorCode: string; Message: string } {
  const d = decodeSegmentDocument(text);
  assert.equal(d.ok, false);
  return (d as Extract<typeof d, { ok: false }>).unprocessed;
}

describe('decodeSegmentDocument', () => {
  test('every valid fixture document decodes', () => {
    const docs = xrayFixtures().filter((f) => f.kind === 'document');
    assert.ok(docs.length >= 10);
    for (const f of docs) {
      const d = decodeSegmentDocument(f.text);
      assert.ok(d.ok, `${f.rel}: ${d.ok ? '' : d.unprocessed.Message}`);
      assert.ok(countSpans(d.batch) >= 1);
    }
  });

  test('invalid fixtures are refused with an X-Ray error code and the field in the cause', () => {
    const text = readFileSync(join(XRAY_FIXTURES, 'otel-collector-contrib/segmentValidationFailed.txt'), 'utf8');
    assert.deepEqual(refusal(text), { Id: 'bda182a644eee9b3', ErrorCode: 'MissingStartTime', Message: 'Invalid segment. ErrorCode: MissingStartTime, Cause: X-Ray document start_time: missing' });
    const ns = refusal(readFileSync(join(XRAY_FIXTURES, 'otel-collector-contrib/invalidNamespace.txt'), 'utf8'));
    assert.equal(ns.ErrorCode, 'InvalidSegment');
    assert.match(ns.Message, /subsegments\[0\]\.subsegments\[0\]\.namespace/);
  });

  test('codes by field, as X-Ray names them', () => {
    const base = { trace_id: TRACE, id: 'a1b2c3d4e5f60718', name: 'svc', start_time: 1, end_time: 2 };
    assert.equal(refusal(JSON.stringify({ ...base, trace_id: 'abc' })).ErrorCode, 'InvalidTraceId');
    assert.equal(refusal(JSON.stringify({ ...base, trace_id: undefined })).ErrorCode, 'MissingTraceId');
    assert.equal(refusal(JSON.stringify({ ...base, id: undefined })).ErrorCode, 'MissingId');
    assert.equal(refusal(JSON.stringify({ ...base, id: 'xyz' })).ErrorCode, 'InvalidId');
    assert.equal(refusal(JSON.stringify({ ...base, name: undefined })).ErrorCode, 'MissingName');
    assert.equal(refusal(JSON.stringify({ ...base, parent_id: 'zz' })).ErrorCode, 'InvalidParentId');
    assert.deepEqual(refusal(JSON.stringify({ ...base, type: 'subsegment' })), { Id: base.id, ErrorCode: 'MissingParentId', Message: 'Invalid subsegment. ErrorCode: MissingParentId, Cause: an independent subsegment needs parent_id' });
    assert.equal(refusal('{"trace_id": ').ErrorCode, 'InvalidSegment');
    assert.equal(refusal('[1, 2]').ErrorCode, 'InvalidSegment');
    assert.equal(refusal('"text"').Id, '');
    assert.equal(decodeSegmentDocument(JSON.stringify({ ...base, type: 'subsegment', parent_id: '0102030405060708' })).ok, true);
  });
});
