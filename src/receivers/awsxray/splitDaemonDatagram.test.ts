import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { XRAY_FIXTURES } from '../../../test/codecs/xray/xrayFixtures.js';
import { splitDaemonDatagram } from './splitDaemonDatagram.js';

describe('splitDaemonDatagram', () => {
  test('header line then document, with any JSON spacing in the header (fixture: contrib rawsegment)', () => {
    const raw = readFileSync(join(XRAY_FIXTURES, 'otel-collector-contrib/rawsegment/serverSample.txt'));
    const out = splitDaemonDatagram(raw);
    assert.ok(out.ok);
    assert.equal((JSON.parse(out.document) as { name: string }).name, 'SampleServer');
    assert.deepEqual(splitDaemonDatagram(Buffer.from('{"format":"json","version":1}\n{"a":1}')), { ok: true, document: '{"a":1}' });
  });

  test('refuses what is not the daemon protocol, saying why', () => {
    const problem = (text: string) => {
      const out = splitDaemonDatagram(Buffer.from(text));
      assert.equal(out.ok, false);
      return (out as { problem: string }).problem;
    };
    assert.match(problem('{"trace_id":"1-..."}'), /no header line/);
    assert.match(problem('format json\n{}'), /header line is not JSON/);
    assert.match(problem('{"format":"json","version":2}\n{}'), /unsupported header .*"version":2/);
    assert.match(problem('{"format":"xml","version":1}\n{}'), /unsupported header/);
    assert.match(problem('{"format":"json","version":1}\n  '), /no segment document/);
  });
});
