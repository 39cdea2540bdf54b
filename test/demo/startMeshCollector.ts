// Test support: the pipeline's own Zipkin and OTLP receivers on 127.0.0.1 port 0 with collecting consumers, and the
// spans they got, flattened.
import { forEachSpan } from '../../src/model/batch.js';
import type { Span } from '../../src/model/span.js';
import { startTestReceiver as startOtlpReceiver } from '../receivers/otlp/startTestReceiver.js';
import { createCollectingConsumer, startTestReceiver as startZipkinReceiver } from '../receivers/zipkin/testReceiver.js';

export interface CollectedSpan {
  /** Which receiver got it: `zipkin` = sidecar spans, `otlp` = application spans. */
  via: 'zipkin' | 'otlp';
  /** The resource's `service.name`. */
  service: string;
  resource: Map<string, unknown>;
  span: Span;
}

export interface MeshCollector {
  zipkinUrl: string;
  otlpUrl: string;
  spans(): CollectedSpan[];
  close(): Promise<void>;
}

export async function startMeshCollector(): Promise<MeshCollector> {
  const consumer = createCollectingConsumer();
  const zipkin = await startZipkinReceiver(consumer);
  const otlp = await startOtlpReceiver({ config: { protocols: { http: { endpoint: '127.0.0.1:0' } } } });
  return {
    zipkinUrl: `${zipkin.url}/api/v2/spans`,
    otlpUrl: `${otlp.httpBaseUrl}/v1/traces`,
    spans() {
      const out: CollectedSpan[] = [];
      const collect = (via: CollectedSpan['via']) => (span: Span, rs: { resource: { attributes: Map<string, unknown> } }) =>
        out.push({ via, service: String(rs.resource.attributes.get('service.name') ?? ''), resource: rs.resource.attributes, span });
      for (const b of consumer.batches) forEachSpan(b, collect('zipkin'));
      for (const b of otlp.received) forEachSpan(b, collect('otlp'));
      return out;
    },
    async close() {
      await Promise.all([zipkin.close(), otlp.close()]);
    },
  };
}
