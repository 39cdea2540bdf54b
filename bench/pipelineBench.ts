// Bench section 1 (pipeline): receiver codec -> istio -> batch -> null exporter on one thread, beside the same
// run's bare parse of the same bytes (JSON.parse / protobufjs decode) and the ratio of the two.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ExportTraceServiceRequestType } from '../src/codecs/otlp/otlpProto.js';
import { decodeOtlpProto } from '../src/codecs/otlp/decodeOtlpProto.js';
import { encodeOtlpProto } from '../src/codecs/otlp/encodeOtlpProto.js';
import { decodeZipkinV2Json } from '../src/codecs/zipkin/decodeZipkinV2Json.js';
import { countSpans } from '../src/model/batch.js';
import type { TraceBatch } from '../src/model/span.js';
import { batchFactory } from '../src/processors/batch/factory.js';
import type { BatchConfig } from '../src/processors/batch/config.js';
import { istioFactory } from '../src/processors/istio/factory.js';
import type { IstioConfig } from '../src/processors/istio/config.js';
import { benchHost, benchSettings, createNullExporter, defaultedConfig } from './benchComponents.js';
import type { BenchOptions, BenchSection, Print } from './benchSection.js';
import { envoyZipkinBodies } from './envoyZipkinSpans.js';
import { formatCount, formatMBps, formatMillis, formatRatio, formatTable, targetMark } from './formatTable.js';
import { httpPipelineFigures } from './httpPipelineBench.js';
import { nowMillis, percentile, perSecond, repeat, rssMiB, timeEach } from './measure.js';
import type { PassTiming } from './measure.js';
import { shopBatches } from './shopBatches.js';

/** Spans per request body (sidecars and SDKs send batches of about 100 spans). */
export const SPANS_PER_BODY = 100;
const BODIES = 300;
/** Batches handed on between yields to the event loop, so acknowledgements settle as they would under a server. */
const YIELD_EVERY = 40;

/** One pass: every body decoded and pushed through istio -> batch -> null; ends when every batch is acknowledged. */
async function pipelinePass(bodies: readonly Buffer[], decode: (body: Buffer) => TraceBatch, expectedSpans: number): Promise<PassTiming> {
  const sink = createNullExporter();
  const batch = batchFactory.createProcessor(benchSettings('batch'), defaultedConfig<BatchConfig>(batchFactory.configSchema), sink);
  const istio = istioFactory.createProcessor(benchSettings('istio'), defaultedConfig<IstioConfig>(istioFactory.configSchema), batch);
  const host = benchHost();
  await sink.start(host);
  await batch.start(host);
  await istio.start(host);
  const acks: Promise<void>[] = [];
  const itemMillis: number[] = [];
  const start = nowMillis();
  let last = start;
  for (let i = 0; i < bodies.length; i++) {
    acks.push(istio.consume(decode(bodies[i] as Buffer)));
    const t = nowMillis();
    itemMillis.push(t - last);
    last = t;
    if (i % YIELD_EVERY === YIELD_EVERY - 1) {
      await yieldToEventLoop();
      last = nowMillis();
    }
  }
  await istio.shutdown();
  await batch.shutdown();
  await Promise.all(acks);
  const millis = nowMillis() - start;
  await sink.shutdown();
  if (sink.spans !== expectedSpans) throw new Error(`pipeline delivered ${sink.spans} spans, expected ${expectedSpans}`);
  return { millis, itemMillis };
}

interface Row {
  path: string;
  spans: number;
  bytes: number;
  pipelineMillis: number;
  baselineMillis: number;
  itemMillis: number[];
  target: (spansPerSecond: number, ratio: number) => string;
}

async function measurePath(options: BenchOptions, path: string, bodies: Buffer[], decode: (b: Buffer) => TraceBatch, bareParse: (b: Buffer) => unknown, target: Row['target']): Promise<Row> {
  const bytes = bodies.reduce((n, b) => n + b.length, 0);
  const spans = bodies.reduce((n, b) => n + countSpans(decode(b)), 0);
  let keep: unknown;
  const baseline = await repeat(() => timeEach(bodies, (b) => (keep = bareParse(b))), options);
  const pipeline = await repeat(() => pipelinePass(bodies, decode, spans), options);
  if (keep === undefined) throw new Error('baseline produced nothing');
  return { path, spans, bytes, pipelineMillis: pipeline.medianMillis, baselineMillis: baseline.medianMillis, itemMillis: pipeline.itemMillis, target };
}

function otlpBodies(): Buffer[] {
  const bodies: Buffer[] = [];
  for (const b of shopBatches({ seed: 11, totalSpans: BODIES * SPANS_PER_BODY, spansPerBatch: SPANS_PER_BODY, fromNanos: BigInt(Date.now()) * 1_000_000n, toNanos: BigInt(Date.now() + 60_000) * 1_000_000n })) {
    const bytes = encodeOtlpProto(b);
    bodies.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  return bodies;
}

async function run(options: BenchOptions, print: Print): Promise<void> {
  const zipkin = envoyZipkinBodies(BODIES, SPANS_PER_BODY);
  const otlp = otlpBodies();
  const rows: Row[] = [
    await measurePath(options, 'Zipkin v2 JSON (Istio sidecars)', zipkin, (b) => decodeZipkinV2Json(b).batch, (b) => JSON.parse(b.toString('utf8')), (sps, ratio) => targetMark('>= 60k spans/s', sps >= 60_000) + ', ' + targetMark('ratio >= 0.35', ratio >= 0.35)),
    await measurePath(options, 'OTLP protobuf (SDK app spans)', otlp, decodeOtlpProto, (b) => ExportTraceServiceRequestType.decode(b), (sps) => targetMark('>= 100k spans/s', sps >= 100_000)),
  ];
  const table = rows.map((r) => {
    const sps = perSecond(r.spans, r.pipelineMillis);
    const baseSps = perSecond(r.spans, r.baselineMillis);
    const ratio = sps / baseSps;
    return [r.path, formatCount(sps), formatMBps(perSecond(r.bytes, r.pipelineMillis)), formatCount(baseSps), formatMBps(perSecond(r.bytes, r.baselineMillis)), formatRatio(ratio), formatMillis(percentile(r.itemMillis, 50)), formatMillis(percentile(r.itemMillis, 99)), r.target(sps, ratio)];
  });
  const http = await httpPipelineFigures(zipkin, SPANS_PER_BODY, options);
  table.push(['Zipkin v2 JSON over HTTP (fetch, same thread)', formatCount(http.spansPerSecond), formatMBps(http.bytesPerSecond), '', '', '', formatMillis(http.p50Millis), formatMillis(http.p99Millis), `${http.inFlight} requests in flight; no target`]);
  print(`${BODIES} bodies x ${SPANS_PER_BODY} spans per pass (${formatCount(rows[0]?.bytes ?? 0)}B Zipkin JSON, ${formatCount(rows[1]?.bytes ?? 0)}B OTLP); baseline = bare parse of the same bytes; p50/p99 per body`);
  print(formatTable(['path', 'spans/s', 'MB/s', 'parse spans/s', 'parse MB/s', 'ratio', 'p50', 'p99', 'target'], table));
  print(`RSS ${rssMiB().toFixed(0)} MiB`);
}

export const pipelineBench: BenchSection = {
  name: 'pipeline',
  title: '1. Pipeline: receiver codec -> istio -> batch -> null exporter',
  run,
};
