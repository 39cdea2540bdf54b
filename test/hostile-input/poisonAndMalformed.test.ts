// A poison trace used to break reads: a 202-accepted Zipkin span whose annotation held JSON nested 3,000 deep made
// trace-by-id and every search returning it answer 500. And malformed values were answered as retryable: a
// "1e999" timestamp got 503 "Infinity cannot be converted to a BigInt", tags nested 10,000 deep 503 "Maximum call
// stack size exceeded", both with Retry-After, so senders retried them forever.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startAllInOne, type AllInOne } from '../support/allInOne.js';
import { eventually } from '../support/rawHttp.js';

const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const micros = () => Date.now() * 1000;

async function post(url: string, body: string, contentType = 'application/json'): Promise<{ status: number; text: string; retryAfter: string | null }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.status, text: await res.text(), retryAfter: res.headers.get('retry-after') };
}

describe('poison traces and malformed values (all-in-one CLI)', () => {
  let a: AllInOne;
  before(async () => {
    a = await startAllInOne();
  });
  after(async () => {
    await a?.stop();
  });

  test('a span whose annotation holds JSON nested 3,000 deep is stored as text and reads back on every API', async () => {
    const id = '7a1d3e1a9b7c4d2e';
    const annotation = JSON.stringify(`ev|${deep(3000)}|0`);
    const res = await post(`${a.zipkin}/api/v2/spans`, `[{"traceId":"${id}","id":"${id}","name":"x","timestamp":${micros()},"duration":10,"localEndpoint":{"serviceName":"poison"},"annotations":[{"timestamp":${micros()},"value":${annotation}}]}]`);
    assert.equal(res.status, 202, res.text);
    const long = `0000000000000000${id}`;
    await eventually(async () => (await fetch(`${a.query}/api/v1/traces/${long}`)).status === 200, 'the poison span to be stored');
    const annotationText = 'ev|{\\"a\\":';
    for (const [url, expected] of [
      [`${a.zipkin}/api/v2/trace/${id}`, annotationText],
      [`${a.zipkin}/api/v2/traces?serviceName=poison`, annotationText],
      [`${a.query}/api/traces/${id}`, annotationText],
      [`${a.query}/api/traces?service=poison&lookback=1h`, annotationText],
      [`${a.query}/api/v3/traces/${long}`, annotationText],
      [`${a.query}/api/v1/traces/${long}`, annotationText],
      [`${a.query}/api/v1/traces?service=poison`, long],
    ] as const) {
      const r = await fetch(url);
      const text = await r.text();
      assert.equal(r.status, 200, `${url}: ${text.slice(0, 200)}`);
      assert.ok(text.includes(expected), `${url} returns ${expected}`);
    }
  });

  test('malformed Zipkin values are 400 naming the field, without Retry-After', async () => {
    const v2 = (extra: string) => `[{"traceId":"5f0d3e1a9b7c4d2e","id":"5f0d3e1a9b7c4d2e","name":"x","timestamp":${micros()},"duration":10,"localEndpoint":{"serviceName":"svc"}${extra}}]`;
    const v1 = (extra: string) => `[{"traceId":"5f0d3e1a9b7c4d2e","id":"5f0d3e1a9b7c4d2e","name":"x","timestamp":${micros()},"duration":10${extra}}]`;
    const cases: Array<[string, string, RegExp]> = [
      ['/api/v2/spans', v2(',"timestamp":"1e999"'), /span\[0\]\.timestamp: not a finite number/],
      ['/api/v2/spans', v2(',"timestamp":1e999'), /span\[0\]\.timestamp: not a finite number/],
      ['/api/v2/spans', v2(`,"tags":{"a":${deep(10_000)}}`), /span\[0\]\.tags\.a: nested deeper than 64 levels/],
      ['/api/v1/spans', v1(',"duration":"1e999"'), /span\[0\]\.duration: not a finite number/],
      ['/api/v1/spans', v1(`,"binaryAnnotations":[{"key":"k","value":${deep(10_000)}}]`), /binaryAnnotations\[0\]\.value: nested deeper than 64 levels/],
    ];
    for (const [path, body, message] of cases) {
      const res = await post(`${a.zipkin}${path}`, body);
      assert.equal(res.status, 400, `${path} ${res.text}`);
      assert.match(res.text, message);
      assert.equal(res.retryAfter, null);
    }
  });

  test('malformed OTLP and X-Ray values are refused for good too', async () => {
    const span = (attributes: string, start = '"1"') =>
      `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5f0d3e1a9b7c4d2e5f0d3e1a9b7c4d2e","spanId":"5f0d3e1a9b7c4d2e","name":"x","startTimeUnixNano":${start},"attributes":${attributes}}]}]}]}`;
    let kv = '{"stringValue":"x"}';
    for (let i = 0; i < 10_000; i++) kv = `{"kvlistValue":{"values":[{"key":"a","value":${kv}}]}}`;
    // An all-zero span id used to pass the decoder and fail the store for every sender merged into the same batch.
    const zeroId = span('[]').replace('"spanId":"5f0d3e1a9b7c4d2e"', '"spanId":"0000000000000000"');
    for (const body of [span(`[{"key":"deep","value":${kv}}]`), span('[]', '"1e999"'), span('[]', '1e999'), zeroId]) {
      const res = await post(`${a.otlpHttp}/v1/traces`, body);
      assert.equal(res.status, 400, res.text);
      assert.equal(res.retryAfter, null);
    }
    const now = Math.floor(Date.now() / 1000);
    const doc = `{"name":"svc","id":"70de5b6f19ff0a0a","trace_id":"1-${now.toString(16)}-a006649127e371903a2de979","start_time":1e999,"end_time":${now}}`;
    const res = await post(`${a.xrayApi}/TraceSegments`, JSON.stringify({ TraceSegmentDocuments: [doc] }));
    assert.equal(res.status, 200, res.text);
    assert.match(res.text, /InvalidStartTime/);
  });
});
