// Golden tests over every X-Ray fixture in test/fixtures/xray (README.txt there describes each file): the decoded
// model is compared with testdata/golden/, and X-Ray -> model -> X-Ray must give back the same document (as parsed
// JSON; key order irrelevant). Run with UPDATE_GOLDEN=1 to rewrite the goldens after a deliberate mapping change.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import { srcPath } from '../../../test/support/paths.js';
import { batchToXrayDocuments } from './batchToXrayDocuments.js';
import { jsonEqual } from './documentPatch.js';
import { renderBatchForGolden } from '../../../test/codecs/xray/renderBatchForGolden.js';
import { xrayDocumentToBatch, xrayTracesToBatch } from './xrayDocumentToBatch.js';
import { xrayFixtures } from '../../../test/codecs/xray/xrayFixtures.js';

const GOLDEN = srcPath('codecs', 'xray', 'testdata', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function checkGolden(rel: string, value: unknown): void {
  const path = join(GOLDEN, `${rel.replace(/\//g, '__')}.json`);
  const actual = `${JSON.stringify(value, null, 1)}\n`;
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${rel} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`);
}

function assertRoundTrip(doc: unknown): void {
  const { documents, problems } = batchToXrayDocuments(xrayDocumentToBatch(doc as object));
  assert.deepEqual(problems, []);
  assert.equal(documents.length, 1);
  const back: unknown = JSON.parse(documents[0] as string);
  assert.ok(jsonEqual(back, doc), `not the same document:\n${JSON.stringify(back)}\n${JSON.stringify(doc)}`);
}

function rejection(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    assert.ok(err instanceof PipelineError, `expected a PipelineError, got ${String(err)}`);
    assert.equal(err.code, 'SB_MALFORMED');
    return err.message;
  }
  assert.fail('expected a rejection');
}

describe('x-ray codec goldens and lossless round trips', () => {
  const fixtures = xrayFixtures();
  test('the fixture folder is there', () => assert.ok(fixtures.length >= 40));

  for (const f of fixtures) {
    if (f.kind === 'document') {
      test(`${f.rel}: decodes as its golden and re-encodes to the same document`, () => {
        checkGolden(f.rel, renderBatchForGolden(xrayDocumentToBatch(f.text)));
        assertRoundTrip(f.json);
      });
    } else if (f.kind === 'batchGetTraces') {
      test(`${f.rel}: every Document decodes as its golden and re-encodes to itself`, () => {
        const result = xrayTracesToBatch(f.json);
        assert.deepEqual(result.problems, []);
        checkGolden(f.rel, renderBatchForGolden(result.batch));
        for (const t of (f.json as { Traces: Array<{ Segments: Array<{ Document: string }> }> }).Traces) {
          for (const s of t.Segments) assertRoundTrip(JSON.parse(s.Document));
        }
      });
    } else if (f.kind === 'fragment') {
      test(`${f.rel}: alone it is refused for its missing trace_id; embedded in a segment it round-trips`, () => {
        assert.match(rejection(() => xrayDocumentToBatch(f.text)), /trace_id: missing/);
        const parent = { trace_id: '1-581cf771-a006649127e371903a2de979', id: 'defdfd9912dc5a56', name: 'parent', start_time: 1484789387.5, end_time: 1484789387.6, subsegments: [f.json] };
        checkGolden(f.rel, renderBatchForGolden(xrayDocumentToBatch(parent)));
        assertRoundTrip(parent);
      });
    } else if (f.kind === 'invalid') {
      test(`${f.rel}: refused, naming ${f.field}`, () => {
        const message = rejection(() => xrayDocumentToBatch(f.text));
        assert.ok(message.includes(`X-Ray document ${f.field}:`), message);
        checkGolden(f.rel, { rejected: message });
      });
    } else if (f.kind === 'notJson') {
      test(`${f.rel}: not JSON, refused as such`, () => {
        assert.match(rejection(() => xrayDocumentToBatch(f.text)), /not valid JSON/);
      });
    }
  }
});
