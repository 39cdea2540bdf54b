import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { createRoundRobin, createServiceRegistry } from '../bookinfo/serviceRegistry.js';
import type { Workload } from '../bookinfo/workloads.js';
import { closeServer, listenOnLoopback } from '../net/httpServers.js';
import { httpRequest } from '../../../test/demo/httpRequest.js';
import { createEnvoyTracing, istioNodeId } from './envoyTracing.js';
import { startSidecar, type Sidecar } from './startSidecar.js';
import type { ZipkinJsonSpan } from './zipkinJsonSpan.js';

const workload = (service: Workload['service'], ip: string): Workload => ({
  service,
  version: 'v1',
  name: `${service}-v1`,
  podName: `${service}-v1-abcdefghjk-lmnpq`,
  podIp: ip,
  podUid: '00000000-0000-4000-8000-000000000000',
  serviceAccount: `bookinfo-${service}`,
});
const PRODUCTPAGE = workload('productpage', '10.244.0.11');
const DETAILS = workload('details', '10.244.0.12');
const RATINGS = workload('ratings', '10.244.0.16');
const TRACE = '463ac35c9f6413ad48485a3953bb6124';
const APP_SPAN = 'a2fb4a1d1a96d312';

describe('startSidecar (istio)', () => {
  const reported: ZipkinJsonSpan[] = [];
  const seenByApp: IncomingHttpHeaders[] = [];
  let app: Server;
  let silent: Server;
  let caller: Sidecar;
  let callee: Sidecar;
  let calleeInbound: number;

  before(async () => {
    app = createServer((req, res) => {
      seenByApp.push(req.headers);
      req.resume();
      req.on('end', () => res.end('{"ok":true}'));
    });
    silent = createServer(() => undefined);
    const appPort = await listenOnLoopback(app);
    const silentPort = await listenOnLoopback(silent);
    const registry = createServiceRegistry();
    const common = { workloads: [PRODUCTPAGE, DETAILS, RATINGS], report: (s: ZipkinJsonSpan) => reported.push(s), timeoutMillis: 300, logger: pino({ level: 'silent' }) };
    caller = await startSidecar({ ...common, workload: PRODUCTPAGE, tracing: createEnvoyTracing(PRODUCTPAGE, { samplingPercent: 100 }), route: createRoundRobin(registry) });
    callee = await startSidecar({ ...common, workload: DETAILS, tracing: createEnvoyTracing(DETAILS, { samplingPercent: 100 }), route: createRoundRobin(registry) });
    calleeInbound = await callee.startInbound(appPort);
    registry.add({ workload: DETAILS, port: calleeInbound });
    // A ratings endpoint that accepts connections and never answers (route timeout).
    registry.add({ workload: RATINGS, port: silentPort });
  });
  after(async () => {
    await caller.close();
    await callee.close();
    await closeServer(app);
    await closeServer(silent);
  });

  const outbound = (host: string, options: { method?: string; body?: string } = {}) =>
    httpRequest(caller.outboundPort, '/details/0', { host, 'x-b3-traceid': TRACE, 'x-b3-spanid': APP_SPAN, 'x-b3-sampled': '1', 'x-request-id': 'req-1' }, options);

  test('an app call crosses both sidecars: B3 rewritten per hop, x-request-id kept, body sizes counted', async () => {
    reported.length = 0;
    seenByApp.length = 0;
    const res = await outbound('details:9080', { method: 'POST', body: 'hello' });
    assert.equal(res.status, 200);
    assert.equal(res.text, '{"ok":true}');
    const [inbound, out] = reported;
    assert.ok(inbound && out, 'the inbound span finishes first');
    assert.equal(out.parentId, APP_SPAN);
    assert.equal(inbound.parentId, out.id);
    assert.equal(out.tags.upstream_cluster, 'outbound|9080|v1|details.default.svc.cluster.local');
    assert.equal(inbound.tags.upstream_cluster, 'inbound|9080||details.default.svc.cluster.local');
    assert.equal(inbound.tags['peer.address'], PRODUCTPAGE.podIp, 'caller recognised by its peer metadata');
    for (const s of [out, inbound]) {
      assert.equal(s.traceId, TRACE);
      assert.equal(s.tags['guid:x-request-id'], 'req-1');
      assert.equal(s.tags.request_size, '5');
      assert.equal(s.tags.response_size, '11');
      assert.equal(s.tags['http.method'], 'POST');
    }
    const headers = seenByApp[0] ?? {};
    assert.equal(headers['x-b3-traceid'], TRACE);
    assert.equal(headers['x-b3-spanid'], inbound.id);
    assert.equal(headers['x-b3-parentspanid'], out.id);
    assert.equal(headers['x-b3-sampled'], '1');
    assert.equal(headers['x-request-id'], 'req-1');
    assert.equal(headers['x-envoy-peer-metadata-id'], undefined, 'metadata exchange stays between sidecars');
    assert.equal(headers.host, 'details:9080');
  });

  test('a host the mesh does not know: 404 with response flag NR', async () => {
    reported.length = 0;
    const res = await outbound('example.com');
    assert.equal(res.status, 404);
    assert.equal(reported.length, 1);
    assert.equal(reported[0]?.tags.response_flags, 'NR');
    assert.equal(reported[0]?.name, 'example.com');
  });

  test('an upstream that does not answer in the route timeout: 504 with UT and error', async () => {
    reported.length = 0;
    const res = await outbound('ratings:9080');
    assert.equal(res.status, 504);
    assert.equal(res.text, 'upstream request timeout');
    assert.deepEqual([reported[0]?.tags.response_flags, reported[0]?.tags['http.status_code'], reported[0]?.tags.error], ['UT', '504', 'true']);
  });

  test('an app that is down: 503 with UF, reported by the inbound sidecar', async () => {
    const down = await startSidecar({
      workload: DETAILS,
      workloads: [DETAILS],
      tracing: createEnvoyTracing(DETAILS, { samplingPercent: 100 }),
      route: () => undefined,
      report: (s) => reported.push(s),
      timeoutMillis: 300,
      logger: pino({ level: 'silent' }),
    });
    const closed = createServer();
    const closedPort = await listenOnLoopback(closed);
    await closeServer(closed);
    try {
      reported.length = 0;
      const port = await down.startInbound(closedPort);
      const res = await httpRequest(port, '/details/0', { host: 'details:9080', 'x-envoy-peer-metadata-id': istioNodeId(PRODUCTPAGE) });
      assert.equal(res.status, 503);
      assert.deepEqual([reported[0]?.tags.response_flags, reported[0]?.tags.error, reported[0]?.parentId], ['UF', 'true', undefined]);
      assert.match(reported[0]?.tags['guid:x-request-id'] ?? '', /^[0-9a-f-]{36}$/, 'a request id is created when missing');
    } finally {
      await down.close();
    }
  });
});
