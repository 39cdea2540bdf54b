// Fuzz targets per receiver transport, and a canary per group: the valid request another sender keeps sending.
import { createSocket } from 'node:dgram';
import { Agent } from 'node:http';
import { Client, credentials, status as GrpcStatus } from '@grpc/grpc-js';
import fc from 'fast-check';
import { encodeOtlpJson } from '../../../src/codecs/otlp/encodeOtlpJson.js';
import { encodeOtlpProto } from '../../../src/codecs/otlp/encodeOtlpProto.js';
import { encodeZipkinV2Proto } from '../../../src/codecs/zipkin/encodeZipkinV2.js';
import type { AllInOne } from '../../support/allInOne.js';
import { rawRequest } from '../../support/rawHttp.js';
import { httpOutcome, type FuzzTarget, type Outcome } from '../fuzzRunner.js';
import { mutatedBytes, mutatedJson } from '../mutate.js';
import { deepOtlpRequest, hostileBatch, sampleBatch, xraySegment, zipkinV1Spans, zipkinV2Spans } from './sampleData.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const PROTO_TYPE = { 'content-type': 'application/x-protobuf' };

function show(b: Buffer): string {
  const text = b.toString('utf8');
  return text.isWellFormed() && !text.includes('\ufffd') ? text : `base64:${b.toString('base64')}`;
}

function post(url: string, headers: Record<string, string>, body: Buffer): Promise<Outcome> {
  return httpOutcome(url, { method: 'POST', headers, body });
}

function httpTarget(name: string, url: string, headers: Record<string, string>, inputs: fc.Arbitrary<Buffer>): FuzzTarget<Buffer> {
  return { name, inputs, send: (b) => post(url, headers, b), describe: show };
}

/** Proto bodies: valid encodings with bytes edited, encodings of hostile batches, arbitrary bytes. */
function protoInputs(encode: (batch: ReturnType<typeof sampleBatch>) => Uint8Array): fc.Arbitrary<Buffer> {
  return fc.oneof(mutatedBytes([encode(sampleBatch())]), hostileBatch.map((b) => Buffer.from(encode(b))));
}

/** OTLP protobuf bodies: protoInputs, and requests nested past protobuf's limit. */
const otlpProtoInputs: fc.Arbitrary<Buffer> = fc.oneof({ weight: 9, arbitrary: protoInputs(encodeOtlpProto) }, { weight: 1, arbitrary: fc.constantFrom(50, 99, 101, 1000, 5000).map(deepOtlpRequest) });

export function zipkinTargets(a: AllInOne): Array<FuzzTarget<Buffer>> {
  return [
    httpTarget('zipkin v1 JSON', `${a.zipkin}/api/v1/spans`, JSON_TYPE, mutatedJson([zipkinV1Spans()])),
    httpTarget('zipkin v2 JSON', `${a.zipkin}/api/v2/spans`, JSON_TYPE, mutatedJson([zipkinV2Spans(), zipkinV2Spans()[0]])),
    httpTarget('zipkin v2 proto', `${a.zipkin}/api/v2/spans`, PROTO_TYPE, protoInputs((b) => encodeZipkinV2Proto(b))),
  ];
}

export function otlpTargets(a: AllInOne): Array<FuzzTarget<Buffer>> {
  const grpc = new Client(a.otlpGrpc, credentials.createInsecure());
  const identity = (b: Buffer) => b;
  const grpcTarget: FuzzTarget<Buffer> = {
    name: 'otlp gRPC',
    inputs: otlpProtoInputs,
    describe: show,
    send: (body) =>
      new Promise((resolve) => {
        grpc.makeUnaryRequest('/opentelemetry.proto.collector.trace.v1.TraceService/Export', identity, identity, body, (err) => {
          const code = err?.code ?? GrpcStatus.OK;
          // INTERNAL, UNKNOWN and DATA_LOSS are faults; UNAVAILABLE only stands for overload, which fuzzing must not cause.
          const faults: number[] = [GrpcStatus.INTERNAL, GrpcStatus.UNKNOWN, GrpcStatus.DATA_LOSS, GrpcStatus.UNAVAILABLE];
          resolve(faults.includes(code) ? { answer: `grpc ${code}`, failure: `grpc ${code}: ${err?.details ?? ''}` } : { answer: `grpc ${code}` });
        });
      }),
  };
  return [
    httpTarget('otlp HTTP JSON', `${a.otlpHttp}/v1/traces`, JSON_TYPE, mutatedJson([JSON.parse(encodeOtlpJson(sampleBatch()))])),
    httpTarget('otlp HTTP proto', `${a.otlpHttp}/v1/traces`, PROTO_TYPE, otlpProtoInputs),
    grpcTarget,
  ];
}

export function xrayTargets(a: AllInOne): Array<FuzzTarget<Buffer>> {
  const colon = a.xrayUdp.lastIndexOf(':');
  const host = a.xrayUdp.slice(0, colon);
  const port = Number(a.xrayUdp.slice(colon + 1));
  const socket = createSocket('udp4');
  socket.unref();
  const header = Buffer.from('{"format":"json","version":1}\n');
  const datagrams = fc.oneof(
    { weight: 8, arbitrary: mutatedJson([xraySegment(), { ...xraySegment(), type: 'subsegment', parent_id: '70de5b6f19ff9a0c' }]).map((doc) => Buffer.concat([header, doc])) },
    { weight: 1, arbitrary: mutatedJson([{ format: 'json', version: 1 }]).map((h) => Buffer.concat([h, Buffer.from('\n'), Buffer.from(JSON.stringify(xraySegment()))])) },
  );
  const segmentDocuments = fc.oneof(
    mutatedJson([{ TraceSegmentDocuments: [JSON.stringify(xraySegment())] }]),
    fc.array(mutatedJson([xraySegment()]), { minLength: 1, maxLength: 3 }).map((docs) => Buffer.from(JSON.stringify({ TraceSegmentDocuments: [...docs.map((d) => d.toString('utf8')), JSON.stringify(xraySegment(2))] }))),
  );
  return [
    {
      name: 'xray UDP',
      inputs: datagrams.map((d) => d.subarray(0, 65_000)),
      describe: show,
      send: (d) => new Promise((resolve) => socket.send(d, port, host, (e) => resolve(e ? { answer: 'not sent' } : { answer: 'sent' }))),
    },
    httpTarget('xray PutTraceSegments', `${a.xrayApi}/TraceSegments`, JSON_TYPE, segmentDocuments),
  ];
}

/** Another sender: its own connections (node:http, a fresh one per request), not the fuzzer's. */
export const CANARY_AGENT = new Agent({ keepAlive: false });

/** A valid Zipkin span from another sender: it must be accepted (202). */
export function zipkinCanary(a: AllInOne): () => Promise<string | undefined> {
  return async () => {
    const res = await rawRequest(`${a.zipkin}/api/v2/spans`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify(zipkinV2Spans()), agent: CANARY_AGENT });
    return res.status === 202 ? undefined : `zipkin canary answered ${res.status} ${res.text}`;
  };
}

export function otlpCanary(a: AllInOne): () => Promise<string | undefined> {
  return async () => {
    const res = await rawRequest(`${a.otlpHttp}/v1/traces`, { method: 'POST', headers: JSON_TYPE, body: encodeOtlpJson(sampleBatch('canary')), agent: CANARY_AGENT });
    return res.status === 200 ? undefined : `otlp canary answered ${res.status} ${res.text}`;
  };
}

export function xrayCanary(a: AllInOne): () => Promise<string | undefined> {
  return async () => {
    const res = await rawRequest(`${a.xrayApi}/TraceSegments`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ TraceSegmentDocuments: [JSON.stringify(xraySegment(3))] }), agent: CANARY_AGENT });
    return res.status === 200 && res.text === '{"UnprocessedTraceSegments":[]}' ? undefined : `xray canary answered ${res.status} ${res.text}`;
  };
}
