// No single request may take unbounded work: a small gzip body inflating to 1 GiB, a small protobuf body holding a
// million spans, an X-Ray document with a million subsegments, a search regex that backtracks exponentially in other
// engines. Each used to cost seconds or gigabytes; each is refused (or answered) after bounded work, through the CLI.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createGzip, gzipSync } from 'node:zlib';
import { residentBytes } from '../fuzz/fuzzRunner.js';
import { startAllInOne, type AllInOne } from '../support/allInOne.js';
import { eventually, metricValue, rawRequest } from '../support/rawHttp.js';

const MIB = 1024 * 1024;

/** gzip of `totalBytes` zero bytes, streamed, so the test never holds the inflated size. */
async function gzipOfZeros(totalBytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const chunk = Buffer.alloc(4 * MIB);
  for (let sent = 0; sent < totalBytes; sent += chunk.length) {
    if (!gzip.write(chunk)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(out);
}

function varint(n: number): number[] {
  const out: number[] = [];
  for (; n > 0x7f; n >>>= 7) out.push((n & 0x7f) | 0x80);
  out.push(n);
  return out;
}

function field(number: number, bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from([...varint((number << 3) | 2), ...varint(bytes.length)]), bytes]);
}

/** An OTLP ExportTraceServiceRequest with `n` copies of one small span in one scope, gzipped. */
function otlpWithSpans(n: number): Buffer {
  const span = field(2, Buffer.concat([field(1, Buffer.alloc(16, 0x4b)), field(2, Buffer.alloc(8, 0x0f)), field(5, Buffer.from('op'))]));
  // request.resource_spans(1) -> ResourceSpans.scope_spans(2) -> ScopeSpans.spans(2) x n
  return gzipSync(field(1, field(2, Buffer.concat(Array.from({ length: n }, () => span)))));
}

/** PutTraceSegments with one segment holding `n` subsegments, gzipped. */
function xrayWithSubsegments(n: number): Buffer {
  const now = Math.floor(Date.now() / 1000);
  const sub = `{"name":"s","id":"70de5b6f19ff9a0b","start_time":${now},"end_time":${now}},`;
  const doc = `{"name":"big","id":"70de5b6f19ff9a0a","trace_id":"1-${now.toString(16)}-a006649127e371903a2de979","start_time":${now},"end_time":${now},"subsegments":[${sub.repeat(n).slice(0, -1)}]}`;
  return gzipSync(JSON.stringify({ TraceSegmentDocuments: [doc] }));
}

describe('bounded work per request and per query (all-in-one CLI)', () => {
  let a: AllInOne;
  before(async () => {
    a = await startAllInOne();
  });
  after(async () => {
    await a?.stop();
  });

  test('a 1 MB gzip body that inflates to 1 GiB is refused with 413 on every HTTP receiver, and RSS stays bounded', async () => {
    const bomb = await gzipOfZeros(1024 * MIB);
    assert.ok(bomb.length < 2 * MIB, `the bomb is ${bomb.length} bytes`);
    for (const [url, type] of [
      [`${a.zipkin}/api/v2/spans`, 'application/json'],
      [`${a.otlpHttp}/v1/traces`, 'application/x-protobuf'],
      [`${a.xrayApi}/TraceSegments`, 'application/json'],
      [`${a.jaeger.thriftHttp}/api/traces`, 'application/x-thrift'],
    ] as const) {
      const res = await rawRequest(url, { method: 'POST', headers: { 'content-type': type, 'content-encoding': 'gzip' }, body: bomb });
      assert.equal(res.status, 413, `${url}: ${res.text}`);
      assert.match(res.text, /decompressed body is over the limit of 104857600 bytes/);
    }
    // Inflation stops at the limit (100 MiB), so the process never held anything near the gigabyte.
    assert.ok(residentBytes(a.cli.child.pid) < 768 * MIB, `RSS ${Math.round(residentBytes(a.cli.child.pid) / MIB)} MiB`);
    assert.equal((await fetch(`${a.telemetry}/healthz`)).status, 200);
  });

  test('an OTLP protobuf body with a million spans is refused 413 from its count on the wire, before decoding', async () => {
    const body = otlpWithSpans(1_000_000);
    const res = await rawRequest(`${a.otlpHttp}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync('{}') });
    assert.equal(res.status, 200, 'an empty request is fine');
    const big = await rawRequest(`${a.otlpHttp}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' }, body });
    assert.equal(big.status, 413, big.text);
    assert.equal(await metricValue(a.telemetry, 'spanbridge_receiver_refused_spans_total', 'transport="http"', 'code="SB_TOO_MANY_SPANS"'), 1_000_000);
    assert.ok(residentBytes(a.cli.child.pid) < 768 * MIB, `RSS ${Math.round(residentBytes(a.cli.child.pid) / MIB)} MiB`);
  });

  test('PutTraceSegments with a document of a million subsegments is refused 413 before any span is built', async () => {
    const res = await rawRequest(`${a.xrayApi}/TraceSegments`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: xrayWithSubsegments(1_000_000) });
    assert.equal(res.status, 413, res.text);
    assert.equal(res.headers['x-amzn-errortype'], 'RequestEntityTooLargeException');
    assert.match(res.text, /more than 100000 spans .*api\.max_spans_per_request/);
    const small = await rawRequest(`${a.xrayApi}/TraceSegments`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: xrayWithSubsegments(10) });
    assert.equal(small.status, 200, small.text);
  });

  test('a span with 50,000 attributes and a 1 MiB value keeps the first 1,024 and 64 Ki characters, counted, read back whole', async () => {
    const traceId = '5a1d3e1a9b7c4d2e5a1d3e1a9b7c4d2e';
    const attributes = [{ key: 'big', value: { stringValue: 'x'.repeat(MIB) } }, ...Array.from({ length: 50_000 }, (_, i) => ({ key: `k${i}`, value: { stringValue: String(i) } }))];
    const now = BigInt(Date.now()) * 1_000_000n;
    const body = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'wide' } }] }, scopeSpans: [{ spans: [{ traceId, spanId: '5a1d3e1a9b7c4d2e', name: 'wide', kind: 2, startTimeUnixNano: String(now), endTimeUnixNano: String(now + 1000n), attributes }] }] }] });
    const res = await rawRequest(`${a.otlpHttp}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(res.status, 200, res.text);
    assert.equal(await metricValue(a.telemetry, 'spanbridge_receiver_limited_total', 'limit="max_attributes_per_span"'), 50_001 - 1024);
    assert.equal(await metricValue(a.telemetry, 'spanbridge_receiver_limited_total', 'limit="max_attribute_value_length"'), 1);
    const read = await rawRequest(`${a.query}/api/v1/traces/${traceId}`);
    assert.equal(read.status, 200, read.text);
    const stored = JSON.parse(read.text) as { resourceSpans: { scopeSpans: { spans: { attributes: { key: string; value: { stringValue?: string } }[]; droppedAttributesCount?: number }[] }[] }[] };
    const span = stored.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    assert.equal(span?.attributes.length, 1024);
    assert.equal(span?.attributes[0]?.value.stringValue?.length, 65_536);
    assert.equal(span?.droppedAttributesCount, 50_001 - 1024);
  });

  test('an OTLP protobuf span of a million attributes (a small gzip body) keeps 1,024 and skips the rest unread', async () => {
    // KeyValue { key: "a<n>" } x 1M, about 12 MB inflated: as map entries it would be hundreds of megabytes.
    const n = 1_000_000;
    const kvs = Buffer.concat(Array.from({ length: n }, (_, i) => field(9, field(1, Buffer.from(`a${i}`)))));
    const span = Buffer.concat([field(1, Buffer.alloc(16, 0x6b)), field(2, Buffer.alloc(8, 0x0e)), field(5, Buffer.from('wide')), kvs]);
    const body = gzipSync(field(1, field(2, field(2, span))));
    const before = await metricValue(a.telemetry, 'spanbridge_receiver_limited_total', 'limit="max_attributes_per_span"');
    const res = await rawRequest(`${a.otlpHttp}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' }, body });
    assert.equal(res.status, 200, res.text);
    assert.equal(await metricValue(a.telemetry, 'spanbridge_receiver_limited_total', 'limit="max_attributes_per_span"'), before + n - 1024);
    const read = await rawRequest(`${a.query}/api/v1/traces/${'6b'.repeat(16)}`);
    assert.equal(read.status, 200, read.text);
    const stored = JSON.parse(read.text) as { resourceSpans: { scopeSpans: { spans: { attributes: unknown[]; droppedAttributesCount?: number }[] }[] }[] };
    assert.equal(stored.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes.length, 1024);
    assert.equal(stored.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.droppedAttributesCount, n - 1024);
  });

  test('search regexes that backtrack exponentially elsewhere are answered, on a linear-time engine', async () => {
    const id = '3c1d3e1a9b7c4d2e';
    const span = `[{"traceId":"${id}","id":"${id}","name":"x","timestamp":${Date.now() * 1000},"duration":10,"localEndpoint":{"serviceName":"regex"},"tags":{"key":"${'a'.repeat(24)}"}}]`;
    assert.equal((await fetch(`${a.zipkin}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: span })).status, 202);
    await eventually(async () => (await fetch(`${a.query}/api/v1/traces/0000000000000000${id}`)).status === 200, 'the span to be stored');
    for (const [pattern, matches] of [['(a*){1,99}b', false], ['(a{1,30}){1,30}b', false], ['(.*a){12}b', false], ['(a*){1,99}$', true]] as const) {
      const res = await fetch(`${a.query}/api/v1/traces?service=regex&attr=${encodeURIComponent(`key~${pattern}`)}`);
      assert.equal(res.status, 200, pattern);
      const found = ((await res.json()) as { traces: unknown[] }).traces.length;
      assert.equal(found, matches ? 1 : 0, pattern);
    }
    const backref = await fetch(`${a.query}/api/v1/traces?service=regex&attr=${encodeURIComponent('key~(a)\\1')}`);
    assert.equal(backref.status, 400, 'RE2 has no backreferences; the refusal names the parameter');
    assert.match(await backref.text(), /attr/);
  });
});
