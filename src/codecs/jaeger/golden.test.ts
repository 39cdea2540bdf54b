// Golden tests over the Jaeger Thrift fixtures in test/fixtures/jaeger, recorded from jaeger-client and
// @opentelemetry/exporter-jaeger (README there). Run with UPDATE_GOLDEN=1 to rewrite testdata/golden/ after a
// deliberate mapping change, then review the diff.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TBinaryProtocol, TFramedTransport } from 'thrift';
import { renderBatch } from '../../../test/codecs/zipkin/renderDecodeResult.js';
import { encodeAgentMessage, encodeThriftBatch } from '../../../test/codecs/jaeger/writeThrift.js';
import { FIXTURES, srcPath } from '../../../test/support/paths.js';
import { decodeJaegerAgentMessage, decodeJaegerThriftBatch, jaegerThriftIdl } from './decodeJaegerThrift.js';
import { jaegerBatchToModel, type JaegerDecodeResult } from './jaegerBatchToModel.js';
import { readThriftStruct, type ThriftRecord } from './readThriftStruct.js';

const DIR = join(FIXTURES, 'jaeger');
const GOLDEN = srcPath('codecs', 'jaeger', 'testdata', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const files = readdirSync(DIR).filter((f) => f.endsWith('.bin')).sort();

const isAgentMessage = (file: string) => file.includes('emitBatch');
const render = (r: JaegerDecodeResult) => ({ rejected: r.rejected, problems: r.problems, resourceSpans: renderBatch(r.batch) });

function decode(file: string): JaegerDecodeResult {
  const bytes = readFileSync(join(DIR, file));
  return jaegerBatchToModel(isAgentMessage(file) ? decodeJaegerAgentMessage(bytes, 'binary') : decodeJaegerThriftBatch(bytes));
}

/** The fixture's jaeger.Batch as the generic reader sees it, to be written again in another protocol. */
function batchRecord(file: string): ThriftRecord {
  const protocol = new TBinaryProtocol(new TFramedTransport(readFileSync(join(DIR, file))));
  if (!isAgentMessage(file)) return readThriftStruct(protocol, jaegerThriftIdl, jaegerThriftIdl.structs.get('jaeger.Batch')!);
  protocol.readMessageBegin();
  return readThriftStruct(protocol, jaegerThriftIdl, jaegerThriftIdl.structs.get('agent.Agent.emitBatch')!).batch as ThriftRecord;
}

function golden(file: string): unknown {
  const path = join(GOLDEN, file.replace(/\.bin$/, '.json'));
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, `${JSON.stringify(render(decode(file)), null, 2)}\n`);
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}

void describe('jaeger codec goldens', () => {
  void test('the fixtures are there', () => {
    assert.deepEqual(files, ['jaeger-client-3.19.0-http-batch-binary.bin', 'jaeger-client-3.19.0-udp-emitBatch-binary.bin', 'otel-exporter-jaeger-2.11.0-udp-emitBatch-binary.bin']);
  });

  for (const file of files) {
    void test(`${file} decodes to its golden`, () => {
      assert.deepEqual(render(decode(file)), golden(file));
    });

    void test(`${file} written again in TCompactProtocol (and as a bare Batch) decodes the same`, () => {
      const record = batchRecord(file);
      const expected = golden(file);
      assert.deepEqual(render(jaegerBatchToModel(decodeJaegerAgentMessage(encodeAgentMessage(record, 'compact'), 'compact'))), expected);
      assert.deepEqual(render(jaegerBatchToModel(decodeJaegerThriftBatch(encodeThriftBatch(record)))), expected);
    });
  }
});
