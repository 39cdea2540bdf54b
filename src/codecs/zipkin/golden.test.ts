// Golden tests over every Zipkin fixture in test/fixtures/zipkin (README.txt there describes each file). Run with
// UPDATE_GOLDEN=1 to rewrite testdata/golden/ after a deliberate mapping change, then review the diff.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { FIXTURES as ALL_FIXTURES, srcPath } from '../../../test/support/paths.js';
import { decodeZipkinV1Json } from './decodeZipkinV1Json.js';
import { decodeZipkinV2Json } from './decodeZipkinV2Json.js';
import { decodeZipkinV2Proto } from './decodeZipkinV2Proto.js';
import { renderDecodeResult } from '../../../test/codecs/zipkin/renderDecodeResult.js';
import type { ZipkinDecodeOptions, ZipkinDecodeResult } from './zipkinDecodeResult.js';
import { ListOfSpansType } from './zipkinProto.js';

const FIXTURES = join(ALL_FIXTURES, 'zipkin');
const GOLDEN = srcPath('codecs', 'zipkin', 'testdata', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

type Decoder = (file: string, options?: ZipkinDecodeOptions) => ZipkinDecodeResult;
const v2: Decoder = (file, options) => decodeZipkinV2Json(readFileSync(file), options);
const v1: Decoder = (file, options) => decodeZipkinV1Json(readFileSync(file), options);
/** The protojson renderings (zipkin.proto field names, bytes as base64) turned into binary proto first. */
const proto: Decoder = (file, options) => {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return decodeZipkinV2Proto(ListOfSpansType.encode(ListOfSpansType.fromObject(json as Record<string, unknown>)).finish(), options);
};

/** Which decoder reads each fixture; files that are no decoder's valid input are tested in invalidFixtures.test.ts. */
function decoderFor(rel: string): Decoder | 'invalid' | 'not-json' {
  if (!rel.endsWith('.json')) return 'not-json';
  if (rel.startsWith('jaeger/thrift-zipkin-fixtures/') || rel.includes('thrift') || rel.endsWith('zipkin_v1_multiple_batches.json')) return 'invalid';
  if (rel.startsWith('jaeger/collector-handler-testdata/zipkin_proto_')) return proto;
  if (rel.startsWith('otel-collector/translator-zipkinv1/') || rel.endsWith('envoy-issue-1414-v1-client-span.excerpt.json')) return v1;
  return v2;
}

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function check(name: string, result: ZipkinDecodeResult): void {
  const path = join(GOLDEN, name);
  const actual = `${JSON.stringify(renderDecodeResult(result), null, 1)}\n`;
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`);
}

void describe('zipkin codec goldens', () => {
  const files = walk(FIXTURES).map((f) => relative(FIXTURES, f));
  void test('the fixture folder is there', () => assert.ok(files.length > 30));
  for (const rel of files) {
    const decoder = decoderFor(rel);
    if (typeof decoder !== 'function') continue;
    void test(rel, () => check(`${rel.replaceAll('/', '__')}`, decoder(join(FIXTURES, rel))));
  }
  void test('zipkin_v2_single.json with parse_string_tags', () => {
    const rel = 'otel-collector/translator-zipkinv2/zipkin_v2_single.json';
    check('zipkin_v2_single.parse_string_tags.json', v2(join(FIXTURES, rel), { parseStringTags: true }));
  });
});
