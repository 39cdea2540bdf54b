// One UDP datagram used to kill the all-in-one: a document with "aws": null, or metadata, aws, http or cause nested
// 4,000 deep. On PutTraceSegments the same documents failed the whole request with 500. Now each is refused by name
// (a dropped, counted datagram; an UnprocessedTraceSegments entry) while the process and the other documents go on.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { after, before, describe, test } from 'node:test';
import { startAllInOne, type AllInOne } from '../support/allInOne.js';
import { eventually, metricValue } from '../support/rawHttp.js';

const NOW = Math.floor(Date.now() / 1000);
const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const traceId = (n: number) => `1-${NOW.toString(16)}-a006649127e371903a2d${n.toString(16).padStart(4, '0')}`;
const plainTraceId = (xray: string) => xray.slice(2, 10) + xray.slice(11);

/** A document with `field` set to the JSON text `value`. */
function document(n: number, field: string, value: string): string {
  return `{"name":"svc","id":"70de5b6f19ff${n.toString(16).padStart(4, '0')}","trace_id":"${traceId(n)}","start_time":${NOW},"end_time":${NOW}.5,"${field}":${value}}`;
}

const HOSTILE: Array<[string, string]> = [
  ['aws', 'null'],
  ['http', 'null'],
  ['cause', 'null'],
  ['metadata', deep(4000)],
  ['aws', deep(4000)],
  ['http', deep(4000)],
  ['cause', deep(4000)],
];

describe('hostile X-Ray documents against the all-in-one CLI', () => {
  let a: AllInOne;
  before(async () => {
    a = await startAllInOne();
  });
  after(async () => {
    await a?.stop();
  });

  test('each hostile datagram is counted and dropped; the process answers and stores the next valid one', async () => {
    const [host, port] = [a.xrayUdp.slice(0, a.xrayUdp.lastIndexOf(':')), Number(a.xrayUdp.slice(a.xrayUdp.lastIndexOf(':') + 1))];
    const socket = createSocket('udp4');
    const send = (doc: string) => new Promise<void>((resolve, reject) => socket.send(`{"format":"json","version":1}\n${doc}`, port, host, (e) => (e ? reject(e) : resolve())));
    try {
      for (const [i, [field, value]] of HOSTILE.entries()) await send(document(i + 1, field, value));
      await send(document(100, 'annotations', '{"tier":"gold"}'));
    } finally {
      socket.close();
    }
    await eventually(async () => (await fetch(`${a.query}/api/v1/traces/${plainTraceId(traceId(100))}`)).status === 200, 'the valid datagram to be stored');
    assert.equal(a.cli.child.exitCode, null, 'the process is still running');
    assert.equal((await fetch(`${a.telemetry}/healthz`)).status, 200);
    assert.equal(await metricValue(a.telemetry, 'spanbridge_receiver_refused_spans_total', 'transport="udp"', 'code="SB_MALFORMED"'), HOSTILE.length);
    for (let i = 1; i <= HOSTILE.length; i++) assert.equal((await fetch(`${a.query}/api/v1/traces/${plainTraceId(traceId(i))}`)).status, 404);
  });

  test('PutTraceSegments lists each hostile document in UnprocessedTraceSegments and stores the valid one', async () => {
    const documents = [...HOSTILE.map(([field, value], i) => document(200 + i, field, value)), document(300, 'annotations', '{"tier":"gold"}')];
    const res = await fetch(`${a.xrayApi}/TraceSegments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ TraceSegmentDocuments: documents }) });
    assert.equal(res.status, 200);
    const out = (await res.json()) as { UnprocessedTraceSegments: Array<{ Id: string; ErrorCode: string; Message: string }> };
    assert.deepEqual(
      out.UnprocessedTraceSegments.map((u) => [u.Id, u.ErrorCode]),
      HOSTILE.map((_, i) => [`70de5b6f19ff${(200 + i).toString(16).padStart(4, '0')}`, 'InvalidSegment']),
    );
    assert.match(out.UnprocessedTraceSegments[0]?.Message ?? '', /aws: expected an object, got null/);
    assert.match(out.UnprocessedTraceSegments[3]?.Message ?? '', /metadata: nested deeper than 64 levels/);
    assert.equal((await fetch(`${a.query}/api/v1/traces/${plainTraceId(traceId(300))}`)).status, 200);
  });
});
