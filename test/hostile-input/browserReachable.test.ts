// A web page could reach a localhost all-in-one: a cross-origin text/plain POST needs no preflight (Zipkin answered
// 202, the X-Ray API 200), and the query server did not check Host, so DNS rebinding could read it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startAllInOne, type AllInOne } from '../support/allInOne.js';
import { metricValue, rawRequest } from '../support/rawHttp.js';

const PAGE = 'http://evil.example';
const ZIPKIN_SPAN = `[{"traceId":"6b1d3e1a9b7c4d2e","id":"6b1d3e1a9b7c4d2e","name":"x","timestamp":${Date.now() * 1000},"duration":10,"localEndpoint":{"serviceName":"page"}}]`;
const OTLP_SPAN = '{"resourceSpans":[]}';
const XRAY_BODY = JSON.stringify({ TraceSegmentDocuments: [`{"name":"page","id":"70de5b6f19ff0b0b","trace_id":"1-${Math.floor(Date.now() / 1000).toString(16)}-a006649127e371903a2de979","start_time":${Math.floor(Date.now() / 1000)}}`] });

describe('browsers cannot reach the all-in-one (CLI defaults)', () => {
  let a: AllInOne;
  before(async () => {
    a = await startAllInOne();
  });
  after(async () => {
    await a?.stop();
  });

  test('ingest refuses requests from a page origin (403) and bodies that skip the preflight (415)', async () => {
    for (const [url, body, type] of [
      [`${a.zipkin}/api/v2/spans`, ZIPKIN_SPAN, 'application/json'],
      [`${a.otlpHttp}/v1/traces`, OTLP_SPAN, 'application/json'],
      [`${a.xrayApi}/TraceSegments`, XRAY_BODY, 'application/json'],
      [`${a.jaeger.thriftHttp}/api/traces`, '', 'application/x-thrift'],
    ] as const) {
      const fromPage = await rawRequest(url, { method: 'POST', headers: { origin: PAGE, 'content-type': type }, body });
      assert.equal(fromPage.status, 403, `${url} ${fromPage.text}`);
      assert.match(fromPage.text, /origin \\?"http:\/\/evil\.example\\?" are not allowed/);
      assert.equal(fromPage.headers['access-control-allow-origin'], undefined);
      const preflight = await rawRequest(url, { method: 'OPTIONS', headers: { origin: PAGE, 'access-control-request-method': 'POST' } });
      assert.equal(preflight.status, 403);
    }
    for (const [url, body] of [[`${a.zipkin}/api/v2/spans`, ZIPKIN_SPAN], [`${a.xrayApi}/TraceSegments`, XRAY_BODY]] as const) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const simple = await rawRequest(url, { method: 'POST', headers: { 'content-type': type }, body });
        assert.equal(simple.status, 415, `${url} ${type} ${simple.text}`);
      }
    }
    assert.equal((await rawRequest(`${a.otlpHttp}/v1/traces`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: OTLP_SPAN })).status, 415);
    assert.equal((await rawRequest(`${a.jaeger.thriftHttp}/api/traces`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })).status, 415);
    assert.equal((await fetch(`${a.query}/api/v1/traces/00000000000000006b1d3e1a9b7c4d2e`)).status, 404, 'nothing was stored');
    assert.ok((await metricValue(a.telemetry, 'spanbridge_receiver_refused_spans_total', 'code="SB_ORIGIN_NOT_ALLOWED"')) >= 4);
    const direct = await rawRequest(`${a.zipkin}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ZIPKIN_SPAN });
    assert.equal(direct.status, 202, 'senders that are not browsers are served as before');
  });

  test('the query APIs answer only for localhost names (DNS rebinding gets 403)', async () => {
    const port = new URL(a.query).port;
    const rebound = await rawRequest(`${a.query}/api/v1/services`, { headers: { host: `evil.example:${port}` } });
    assert.equal(rebound.status, 403);
    assert.deepEqual((JSON.parse(rebound.text) as { error: { code: string } }).error.code, 'SB_HOST_NOT_ALLOWED');
    assert.equal((await rawRequest(`${a.query}/`, { headers: { host: `evil.example:${port}` } })).status, 403, 'the UI too');
    assert.equal((await rawRequest(`${a.query}/api/services`, { headers: { host: `evil.example:${port}` } })).status, 403, 'the Jaeger API too');
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      assert.equal((await rawRequest(`${a.query}/api/v1/services`, { headers: { host } })).status, 200, host);
    }
    const zipkinPort = new URL(a.zipkin).port;
    const zipkinRebound = await rawRequest(`${a.zipkin}/api/v2/services`, { headers: { host: `evil.example:${zipkinPort}` } });
    assert.equal(zipkinRebound.status, 403, 'the Zipkin query API on the receiver port too');
    assert.equal((await rawRequest(`${a.zipkin}/api/v2/services`, { headers: { host: `localhost:${zipkinPort}` } })).status, 200);
  });
});

describe('browsers the configuration allows (cors.allowed_origins, query.allowed_hosts)', () => {
  let a: AllInOne;
  before(async () => {
    a = await startAllInOne({
      edit: (c) => {
        c.setIn(['receivers', 'zipkin', 'cors'], { allowed_origins: ['https://*.example.com'], max_age: 600 });
        c.setIn(['query', 'allowed_hosts'], ['traces.example.com']);
      },
    });
  });
  after(async () => {
    await a?.stop();
  });

  test('a listed origin gets the CORS protocol: preflight 204, then its POST with Access-Control-Allow-Origin', async () => {
    const origin = 'https://ui.example.com';
    const preflight = await rawRequest(`${a.zipkin}/api/v2/spans`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], origin);
    assert.equal(preflight.headers['access-control-allow-methods'], 'POST');
    assert.equal(preflight.headers['access-control-max-age'], '600');
    const post = await rawRequest(`${a.zipkin}/api/v2/spans`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: ZIPKIN_SPAN });
    assert.equal(post.status, 202);
    assert.equal(post.headers['access-control-allow-origin'], origin);
    assert.equal((await rawRequest(`${a.zipkin}/api/v2/spans`, { method: 'POST', headers: { origin: 'https://example.com.evil', 'content-type': 'application/json' }, body: ZIPKIN_SPAN })).status, 403);
  });

  test('query.allowed_hosts replaces the default names', async () => {
    const port = new URL(a.query).port;
    assert.equal((await rawRequest(`${a.query}/api/v1/services`, { headers: { host: `traces.example.com:${port}` } })).status, 200);
    assert.equal((await rawRequest(`${a.query}/api/v1/services`, { headers: { host: `localhost:${port}` } })).status, 403);
  });
});
