import { encodeOtlpProto } from '../../src/codecs/otlp/encodeOtlpProto.js';
import type { SeedTrace } from './seedTrace.js';

/** `host:port` of the receivers the seeds go to. */
export interface SeedReceivers {
  otlpHttp: string;
  zipkin: string;
}

async function post(url: string, contentType: string, body: Uint8Array | string, accepted: number): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  if (res.status !== accepted) throw new Error(`POST ${url} answered ${res.status}, not ${accepted}: ${await res.text()}`);
}

/**
 * Sends each trace as its mesh would: the application spans as OTLP/HTTP protobuf (`POST /v1/traces`, 200), the
 * sidecar spans as Zipkin v2 JSON (`POST /api/v2/spans`, 202). The receivers answer once the store has the spans
 * (the batch processor acknowledges only what the store exporter accepted).
 */
export async function sendSeedTraces(receivers: SeedReceivers, seeds: readonly SeedTrace[]): Promise<void> {
  for (const seed of seeds) {
    if (seed.otlp.resourceSpans.length > 0) await post(`http://${receivers.otlpHttp}/v1/traces`, 'application/x-protobuf', encodeOtlpProto(seed.otlp), 200);
    if (seed.zipkin.length > 0) await post(`http://${receivers.zipkin}/api/v2/spans`, 'application/json', JSON.stringify(seed.zipkin), 202);
  }
}
