import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSqliteStore } from '../../store/sqlite/createSqliteStore.js';
import { startTestReceiver, type TestReceiver } from '../../../test/receivers/zipkin/testReceiver.js';
import { FIXTURES } from '../../../test/support/paths.js';
import { registerZipkinQueryApi } from './registerZipkinQueryApi.js';

// End to end on one port, as the all-in-one runs it (docs/ports.md): Zipkin JSON posted to the Zipkin receiver is
// stored, then read back through the query API mounted on the receiver's server.

// openzipkin/zipkin zipkin-lens/testdata/messaging-kafka.json (Apache-2.0): 28 spans of one 64-bit trace, kafka
// producers and consumers, `error` tags.
const FIXTURE = join(FIXTURES, 'zipkin', 'openzipkin-zipkin', 'zipkin-lens-testdata', 'messaging-kafka.json');
const TRACE = '0562809467078eab';
const END_TS = 1541405400000;

interface ZipkinSpanJson {
  traceId: string;
  id: string;
  parentId?: string;
  kind?: string;
  name?: string;
  timestamp?: number;
  duration?: number;
  localEndpoint?: { serviceName?: string };
  remoteEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

void describe('the Zipkin query API on the Zipkin receiver port', () => {
  const store = createSqliteStore({ path: ':memory:' });
  let receiver: TestReceiver;
  let posted: ZipkinSpanJson[] = [];
  const get = async (path: string) => fetch(`${receiver.url}${path}`);

  before(async () => {
    receiver = await startTestReceiver({ consume: (batch) => store.write(batch) }, {}, { registerRoutes: (app) => registerZipkinQueryApi(app, store) });
    const body = await readFile(FIXTURE, 'utf8');
    posted = JSON.parse(body) as ZipkinSpanJson[];
    const res = await fetch(`${receiver.url}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(res.status, 202);
  });
  after(async () => {
    await receiver.close();
    await store.close();
  });

  void test('services and span names come back lower-cased and sorted', async () => {
    assert.deepEqual(await (await get('/api/v2/services')).json(), ['servicea', 'serviceb']);
    assert.deepEqual(await (await get('/api/v2/spans?serviceName=serviceb')).json(), ['on-message', 'poll']);
  });

  void test('the trace reads back with every span, id, parent, kind, name, time and endpoint it was sent with', async () => {
    const res = await get(`/api/v2/trace/${TRACE}`);
    assert.equal(res.status, 200);
    const spans = (await res.json()) as ZipkinSpanJson[];
    const byId = new Map(spans.map((s) => [s.id, s]));
    assert.equal(spans.length, posted.length);
    for (const sent of posted) {
      const got = byId.get(sent.id);
      assert.ok(got, sent.id);
      assert.deepEqual(
        [got.traceId, got.parentId, got.kind, got.name, got.timestamp, got.duration, got.localEndpoint?.serviceName, got.remoteEndpoint?.serviceName],
        [sent.traceId, sent.parentId, sent.kind, sent.name, sent.timestamp, sent.duration, sent.localEndpoint?.serviceName, sent.remoteEndpoint?.serviceName],
        sent.id,
      );
      for (const [k, v] of Object.entries(sent.tags ?? {})) if (k !== 'error' || v !== '') assert.equal(got.tags?.[k], v, `${sent.id} ${k}`);
    }
  });

  void test('searches by service, span name, remote service and annotationQuery in the trace time', async () => {
    const search = async (q: string) => ((await (await get(`/api/v2/traces?endTs=${END_TS}&lookback=600000&${q}`)).json()) as ZipkinSpanJson[][]).map((t) => t.length);
    assert.deepEqual(await search('serviceName=serviceb'), [posted.length]);
    assert.deepEqual(await search('serviceName=serviceb&spanName=poll'), [posted.length]);
    assert.deepEqual(await search('serviceName=servicea&remoteServiceName=kafka'), [posted.length]);
    assert.deepEqual(await search(`annotationQuery=${encodeURIComponent('error=some error')}`), [posted.length]);
    assert.deepEqual(await search(`annotationQuery=${encodeURIComponent('kafka.topic=command-messages and error')}`), [], 'no single span has both');
    assert.deepEqual(await search('serviceName=serviceb&minDuration=1000000'), []);
    assert.deepEqual(((await (await get('/api/v2/traces?serviceName=serviceb')).json()) as unknown[]).length, 0, 'outside the default lookback of one day');
  });

  void test('autocomplete values come from the stored tags', async () => {
    assert.deepEqual(await (await get('/api/v2/autocompleteValues?key=kafka.topic')).json(), ['central.messages', 'command-messages', 'messages']);
  });
});
