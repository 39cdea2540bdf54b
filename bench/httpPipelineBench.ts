// The HTTP path of the pipeline section: the real `zipkin` receiver on 127.0.0.1:0 -> istio -> batch -> null, fed by
// Node's fetch from the same thread (so the figure also pays for the client; it is a floor, not the receiver's limit).
import { batchFactory } from '../src/processors/batch/factory.js';
import type { BatchConfig } from '../src/processors/batch/config.js';
import { istioFactory } from '../src/processors/istio/factory.js';
import type { IstioConfig } from '../src/processors/istio/config.js';
import type { ZipkinReceiverConfig } from '../src/receivers/zipkin/config.js';
import { zipkinReceiverFactory } from '../src/receivers/zipkin/factory.js';
import { benchHost, benchSettings, createNullExporter, defaultedConfig } from './benchComponents.js';
import type { BenchOptions } from './benchSection.js';
import { nowMillis, percentile, perSecond, repeat } from './measure.js';

/**
 * Requests in flight. The batch processor acknowledges a request only once the batch holding its spans was sent
 * (size 8192 or after 200 ms), so fewer than 8192 / 100 requests in flight would measure the timeout, not the work.
 */
const IN_FLIGHT = 128;
/** Each pass sends every body this many times, so the last batch's timeout weighs little. */
const ROUNDS = 3;

export interface HttpFigures {
  spansPerSecond: number;
  bytesPerSecond: number;
  p50Millis: number;
  p99Millis: number;
  inFlight: number;
}

export async function httpPipelineFigures(bodies: readonly Buffer[], spansPerBody: number, options: BenchOptions): Promise<HttpFigures> {
  const sink = createNullExporter();
  const batch = batchFactory.createProcessor(benchSettings('batch'), defaultedConfig<BatchConfig>(batchFactory.configSchema), sink);
  const istio = istioFactory.createProcessor(benchSettings('istio'), defaultedConfig<IstioConfig>(istioFactory.configSchema), batch);
  const receiver = zipkinReceiverFactory.createReceiver(benchSettings('zipkin'), defaultedConfig<ZipkinReceiverConfig>(zipkinReceiverFactory.configSchema, { endpoint: '127.0.0.1:0' }), istio);
  const host = benchHost();
  await batch.start(host);
  await istio.start(host);
  await receiver.start(host);
  try {
    const url = `http://${receiver.endpoints?.().http ?? ''}/api/v2/spans`;
    const work = Array.from({ length: ROUNDS }, () => bodies).flat();
    const latencies: number[] = [];
    const pass = async () => {
      let next = 0;
      const passLatencies: number[] = [];
      const start = nowMillis();
      const worker = async () => {
        while (next < work.length) {
          const body = work[next++] as Buffer;
          const t = nowMillis();
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          await res.arrayBuffer();
          if (res.status !== 202) throw new Error(`zipkin receiver answered ${res.status}`);
          passLatencies.push(nowMillis() - t);
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      return { millis: nowMillis() - start, itemMillis: passLatencies };
    };
    const r = await repeat(pass, { warmups: Math.min(options.warmups, 1), runs: Math.min(options.runs, 3) });
    latencies.push(...r.itemMillis);
    const bytes = work.reduce((n, b) => n + b.length, 0);
    const spans = work.length * spansPerBody;
    return {
      spansPerSecond: perSecond(spans, r.medianMillis),
      bytesPerSecond: perSecond(bytes, r.medianMillis),
      p50Millis: percentile(latencies, 50),
      p99Millis: percentile(latencies, 99),
      inFlight: IN_FLIGHT,
    };
  } finally {
    await receiver.shutdown();
    await istio.shutdown();
    await batch.shutdown();
  }
}
