// Fuzz targets for the jaeger receiver's transports: Thrift binary over HTTP (POST /api/traces), the agent's UDP ports
// (emitBatch in TCompactProtocol and TBinaryProtocol) and gRPC PostSpans; and the canary another sender keeps sending.
import { createSocket } from 'node:dgram';
import { Client, credentials, status as GrpcStatus } from '@grpc/grpc-js';
import fc from 'fast-check';
import { PostSpansRequestType } from '../../../src/codecs/jaeger/jaegerProto.js';
import type { ThriftRecord } from '../../../src/codecs/jaeger/readThriftStruct.js';
import { encodeAgentMessage, encodeThriftBatch } from '../../codecs/jaeger/writeThrift.js';
import type { AllInOne } from '../../support/allInOne.js';
import { rawRequest } from '../../support/rawHttp.js';
import { httpOutcome, type FuzzTarget, type Outcome } from '../fuzzRunner.js';
import { hostileString, mutatedBytes } from '../mutate.js';
import { CANARY_AGENT } from './ingestTargets.js';
import { nowMicros } from './sampleData.js';

const THRIFT_TYPE = { 'content-type': 'application/x-thrift' };
const MAX_I64 = (1n << 63n) - 1n;

/** A valid Jaeger Thrift batch: a server span and its child, tags of every type, a log. */
export function jaegerThriftBatch(service = 'fuzz-jaeger', traceIdLow = 0x5f0d3e1a9b7c4d2en): ThriftRecord {
  const t = BigInt(nowMicros());
  return {
    process: { serviceName: service, tags: [{ key: 'hostname', vType: 0, vStr: 'h1' }] },
    spans: [
      {
        traceIdLow, traceIdHigh: 7n, spanId: 1n, parentSpanId: 0n, operationName: 'GET /', flags: 1, startTime: t, duration: 1500n,
        tags: [{ key: 'span.kind', vType: 0, vStr: 'server' }, { key: 'ratio', vType: 1, vDouble: 0.5 }, { key: 'ok', vType: 2, vBool: true }, { key: 'n', vType: 3, vLong: 42n }, { key: 'raw', vType: 4, vBinary: Buffer.from([1, 2]) }],
        logs: [{ timestamp: t + 10n, fields: [{ key: 'event', vType: 0, vStr: 'ev' }] }],
      },
      { traceIdLow, traceIdHigh: 7n, spanId: 2n, parentSpanId: 1n, operationName: 'SELECT', flags: 1, startTime: t + 100n, duration: 800n, references: [{ refType: 0, traceIdLow, traceIdHigh: 7n, spanId: 1n }] },
    ],
  };
}

/** Thrift batches with hostile strings, times and ids (the encoder writes any value of the right wire type). */
const hostileThriftBatch: fc.Arbitrary<ThriftRecord> = fc
  .record({
    service: hostileString,
    name: hostileString,
    key: hostileString,
    value: hostileString,
    time: fc.constantFrom(0n, -1n, MAX_I64, -MAX_I64 - 1n),
    id: fc.constantFrom(0n, 1n, -1n, MAX_I64),
    vType: fc.integer({ min: -2, max: 9 }),
  })
  .map(({ service, name, key, value, time, id, vType }) => {
    const batch = jaegerThriftBatch(service);
    const spans = batch.spans as ThriftRecord[];
    const span = spans[0] as ThriftRecord;
    span.operationName = name;
    span.startTime = time;
    span.duration = time;
    span.spanId = id;
    (span.tags as ThriftRecord[]).push({ key, vType, vStr: value });
    return batch;
  });

/**
 * A TBinaryProtocol `jaeger.Batch` whose first field is an unknown struct nested `depth` deep: a reader skips unknown
 * fields, and a recursive skip must not overflow the stack.
 */
function deepThriftBatch(depth: number): Buffer {
  const open = Buffer.from([12, 0, 99]); // STRUCT, field id 99
  return Buffer.concat([...Array.from({ length: depth }, () => open), Buffer.alloc(depth + 1, 0)]);
}

function thriftInputs(encode: (batch: ThriftRecord) => Buffer): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { weight: 6, arbitrary: mutatedBytes([encode(jaegerThriftBatch())]) },
    { weight: 3, arbitrary: hostileThriftBatch.map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(100, 1000, 20_000).map(deepThriftBatch) },
  );
}

function show(b: Buffer): string {
  return `base64:${b.toString('base64')}`;
}

function udpTarget(name: string, address: string, encode: (batch: ThriftRecord) => Buffer): FuzzTarget<Buffer> {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon);
  const port = Number(address.slice(colon + 1));
  const socket = createSocket('udp4');
  socket.unref();
  return {
    name,
    inputs: thriftInputs(encode).map((d) => d.subarray(0, 65_000)),
    describe: show,
    send: (d) => new Promise((resolve) => socket.send(d, port, host, (e) => resolve(e ? { answer: 'not sent' } : { answer: 'sent' }))),
  };
}

function postSpansBytes(): Buffer {
  const spans = [1, 2].map((i) => ({ traceId: Buffer.alloc(16, 0x4b), spanId: Buffer.from([0, 0, 0, 0, 0, 0, 0, i]), operationName: `op${i}`, tags: [{ key: 'k', vStr: 'v' }, { key: 'n', vType: 3, vInt64: 7 }] }));
  return Buffer.from(PostSpansRequestType.encode(PostSpansRequestType.fromObject({ batch: { process: { serviceName: 'fuzz-grpc' }, spans } })).finish());
}

export function jaegerTargets(a: AllInOne): Array<FuzzTarget<Buffer>> {
  const grpc = new Client(a.jaeger.grpc, credentials.createInsecure());
  const identity = (b: Buffer) => b;
  const grpcTarget: FuzzTarget<Buffer> = {
    name: 'jaeger gRPC PostSpans',
    inputs: mutatedBytes([postSpansBytes()]),
    describe: show,
    send: (body) =>
      new Promise<Outcome>((resolve) => {
        grpc.makeUnaryRequest('/jaeger.api_v2.CollectorService/PostSpans', identity, identity, body, (err) => {
          const code = err?.code ?? GrpcStatus.OK;
          const faults: number[] = [GrpcStatus.INTERNAL, GrpcStatus.UNKNOWN, GrpcStatus.DATA_LOSS, GrpcStatus.UNAVAILABLE];
          resolve(faults.includes(code) ? { answer: `grpc ${code}`, failure: `grpc ${code}: ${err?.details ?? ''}` } : { answer: `grpc ${code}` });
        });
      }),
  };
  return [
    { name: 'jaeger thrift HTTP', inputs: thriftInputs((b) => encodeThriftBatch(b)), describe: show, send: (b) => httpOutcome(`${a.jaeger.thriftHttp}/api/traces`, { method: 'POST', headers: THRIFT_TYPE, body: b }) },
    udpTarget('jaeger UDP compact', a.jaeger.udpCompact, (b) => encodeAgentMessage(b, 'compact')),
    udpTarget('jaeger UDP binary', a.jaeger.udpBinary, (b) => encodeAgentMessage(b, 'binary')),
    grpcTarget,
  ];
}

/** A valid Jaeger batch from another sender over HTTP: it must be accepted (202). */
export function jaegerCanary(a: AllInOne): () => Promise<string | undefined> {
  return async () => {
    const res = await rawRequest(`${a.jaeger.thriftHttp}/api/traces`, { method: 'POST', headers: THRIFT_TYPE, body: encodeThriftBatch(jaegerThriftBatch('canary')), agent: CANARY_AGENT });
    return res.status === 202 ? undefined : `jaeger canary answered ${res.status} ${res.text}`;
  };
}
