import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { ConfigError } from '../../config/configError.js';
import { loadConfig } from '../../config/loadConfig.js';
import { PipelineError } from '../../errors.js';
import type { Consumer, Factory } from '../../pipeline/component.js';
import type { TraceBatch } from '../../model/span.js';
import { SpanKind } from '../../model/span.js';
import { createTelemetry } from '../../telemetry/telemetry.js';
import type { IstioConfig } from './config.js';
import { istioFactory } from './factory.js';
import { makeBatch, makeSpan } from '../../../test/processors/istio/testSpans.js';

const unused = () => {
  throw new Error('not created in these tests');
};
const fakes: Factory[] = [
  { kind: 'receiver', type: 'zipkin', description: '', configSchema: { type: 'object' }, createReceiver: unused },
  { kind: 'exporter', type: 'debug', description: '', configSchema: { type: 'object' }, createExporter: unused },
];
const factories = new Map<string, Factory>([['processor:istio', istioFactory], ...fakes.map((f) => [`${f.kind}:${f.type}`, f] as const)]);
const yaml = (processorBody: string) => `
receivers: { zipkin: {} }
processors:
  istio:${processorBody}
exporters: { debug: {} }
service:
  pipelines:
    traces: { receivers: [zipkin], processors: [istio], exporters: [debug] }
`;

function load(processorBody: string): unknown {
  try {
    return loadConfig(yaml(processorBody), 'test.yaml', { factories }).processors.istio;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems.filter((p) => p.startsWith('processors.'));
  }
}

const settings = { id: 'istio', logger: pino({ level: 'silent' }), telemetry: createTelemetry() };

void describe('istioFactory', () => {
  void test('defaults: every rule on except keep_original_attributes', () => {
    assert.deepEqual(load(' {}'), {
      span_kind: true,
      service_name: true,
      service_name_source: 'canonical',
      resource_attributes: true,
      peer_service: true,
      semantic_conventions: true,
      keep_original_attributes: false,
      trace_id_upgrade: true,
      trace_id_cache_size: 100_000,
      shared_span_ids: true,
      shared_span_cache_size: 100_000,
      mark_proxy_spans: true,
    });
  });

  void test('unknown keys and bad values are reported with their paths', () => {
    const problems = load('\n    span_knd: true\n    trace_id_cache_size: 0\n    service_name_source: both') as string[];
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('span_knd')));
    assert.ok(problems.some((p) => p.includes('trace_id_cache_size')));
    assert.ok(problems.some((p) => p.includes('service_name_source')));
  });

  void test('the processor normalizes, hands the same batch on, and propagates the next consumer\'s refusal', async () => {
    const seen: TraceBatch[] = [];
    let refuse = false;
    const next: Consumer = {
      async consume(batch) {
        seen.push(batch);
        if (refuse) throw new PipelineError('SB_QUEUE_FULL', 'full');
      },
    };
    const config = load(' {}') as IstioConfig;
    const p = istioFactory.createProcessor(settings, config, next);
    await p.start({ logger: settings.logger, telemetry: settings.telemetry });
    const span = makeSpan({ kind: SpanKind.CLIENT, tags: { component: 'proxy', upstream_cluster: 'inbound|9080||', 'istio.canonical_service': 'reviews' } });
    const batch = makeBatch({ service: 'reviews.default', spans: [span] });
    await p.consume(batch);
    assert.equal(seen[0], batch);
    assert.equal(span.kind, SpanKind.SERVER);
    assert.equal(batch.resourceSpans[0]?.resource.attributes.get('service.name'), 'reviews');
    refuse = true;
    await assert.rejects(p.consume(makeBatch({ service: 'x', spans: [makeSpan()] })), (e: unknown) => e instanceof PipelineError && e.code === 'SB_QUEUE_FULL');
    await p.shutdown();
  });
});
