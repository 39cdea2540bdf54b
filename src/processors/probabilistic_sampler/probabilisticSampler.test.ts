import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { PipelineError } from '../../errors.js';
import { countSpans, forEachSpan } from '../../model/batch.js';
import type { AnyValue, ResourceSpans, Span, TraceBatch } from '../../model/span.js';
import type { Consumer } from '../../pipeline/component.js';
import { createTelemetry, type Telemetry } from '../../telemetry/telemetry.js';
import type { ProbabilisticSamplerConfig } from './config.js';
import { createProbabilisticSampler } from './probabilisticSampler.js';

let spanCounter = 0;
function span(traceId: string, attributes: Array<[string, AnyValue]> = []): Span {
  spanCounter++;
  return {
    traceId, spanId: spanCounter.toString(16).padStart(16, '0'), parentSpanId: '', traceState: '', flags: 1, name: `op${spanCounter}`, kind: 1,
    startTimeUnixNano: 1n, endTimeUnixNano: 2n, attributes: new Map(attributes), droppedAttributesCount: 0,
    events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: 0, message: '' },
  };
}

function resourceSpans(service: string, spans: Span[]): ResourceSpans {
  return {
    schemaUrl: '', resource: { attributes: new Map([['service.name', service]]), droppedAttributesCount: 0 },
    scopeSpans: [{ schemaUrl: '', scope: { name: 'lib', version: '', attributes: new Map(), droppedAttributesCount: 0 }, spans }],
  };
}

function setup(config: Partial<ProbabilisticSamplerConfig>, telemetry: Telemetry = createTelemetry()) {
  const received: TraceBatch[] = [];
  const next: Consumer = { consume: async (b) => void received.push(b) };
  const full: ProbabilisticSamplerConfig = { sampling_percentage: 0, hash_seed: 0, mode: 'hash_seed', ...config };
  const sampler = createProbabilisticSampler({ id: 'probabilistic_sampler', logger: pino({ level: 'silent' }), telemetry }, full, next);
  return { sampler, received };
}

const keptSpanIds = (batches: TraceBatch[]) => {
  const ids: string[] = [];
  for (const b of batches) forEachSpan(b, (s) => ids.push(s.spanId));
  return ids.sort();
};

/** 200 traces of three spans each, spread over two services and two batches like a real trace. */
function traces(): { first: () => TraceBatch; second: () => TraceBatch } {
  const ids = Array.from({ length: 200 }, () => randomBytes(16).toString('hex'));
  const spansA = ids.map((t) => span(t));
  const spansB = ids.flatMap((t) => [span(t), span(t)]);
  const copy = (spans: Span[]) => spans.map((s) => ({ ...s, attributes: new Map(s.attributes) }));
  return {
    first: () => ({ resourceSpans: [resourceSpans('frontend', copy(spansA))] }),
    second: () => ({ resourceSpans: [resourceSpans('backend', copy(spansB.filter((_, i) => i % 2 === 0))), resourceSpans('db', copy(spansB.filter((_, i) => i % 2 === 1)))] }),
  };
}

async function droppedSpans(telemetry: Telemetry): Promise<number> {
  const metric = await telemetry.registry.getSingleMetric('spanbridge_processor_dropped_spans_total')?.get();
  return metric?.values.find((v) => v.labels.processor === 'probabilistic_sampler')?.value ?? 0;
}

void describe('probabilistic_sampler', () => {
  void test('every span of a trace gets the same decision, across resources and batches', async () => {
    const { sampler, received } = setup({ sampling_percentage: 50, hash_seed: 9 });
    const t = traces();
    await sampler.consume(t.first());
    await sampler.consume(t.second());
    const perTrace = new Map<string, number>();
    for (const b of received) forEachSpan(b, (s) => perTrace.set(s.traceId, (perTrace.get(s.traceId) ?? 0) + 1));
    assert.ok(perTrace.size > 50 && perTrace.size < 150, `kept ${perTrace.size} of 200 traces`);
    for (const [traceId, n] of perTrace) assert.equal(n, 3, `trace ${traceId} kept partly`);
  });

  void test('two instances with the same seed keep exactly the same spans', async () => {
    const t = traces();
    const one = setup({ sampling_percentage: 30, hash_seed: 77 });
    const two = setup({ sampling_percentage: 30, hash_seed: 77 });
    await one.sampler.consume(t.first());
    await one.sampler.consume(t.second());
    await two.sampler.consume(t.second());
    await two.sampler.consume(t.first());
    assert.deepEqual(keptSpanIds(one.received), keptSpanIds(two.received));
  });

  void test('counts dropped spans and removes scopes and resources left empty', async () => {
    const telemetry = createTelemetry();
    const { sampler, received } = setup({ sampling_percentage: 50 }, telemetry);
    const t = traces();
    const batch = t.second();
    const total = countSpans(batch);
    await sampler.consume(batch);
    const kept = countSpans(received[0] ?? { resourceSpans: [] });
    assert.equal(await droppedSpans(telemetry), total - kept);
    for (const b of received) for (const rs of b.resourceSpans) {
      assert.ok(rs.scopeSpans.length > 0);
      for (const ss of rs.scopeSpans) assert.ok(ss.spans.length > 0);
    }
  });

  void test('0% passes nothing on and 100% passes everything on', async () => {
    const telemetry = createTelemetry();
    const none = setup({ sampling_percentage: 0 }, telemetry);
    const t = traces();
    await none.sampler.consume(t.first());
    assert.equal(none.received.length, 0, 'an empty batch is not passed on');
    assert.equal(await droppedSpans(telemetry), 200);
    const all = setup({ sampling_percentage: 100 });
    await all.sampler.consume(t.second());
    assert.equal(countSpans(all.received[0]!), 400);
  });

  void test('sampling.priority overrides the hash: 0 drops, other numbers keep, other types are ignored', async () => {
    const traceId = randomBytes(16).toString('hex');
    const batch = (): TraceBatch => ({
      resourceSpans: [resourceSpans('svc', [
        span(traceId, [['sampling.priority', 0n]]),
        span(traceId, [['sampling.priority', '0']]),
        span(traceId, [['sampling.priority', 1n]]),
        span(traceId, [['sampling.priority', 0.5]]),
        span(traceId, [['sampling.priority', '2']]),
        span(traceId, [['sampling.priority', true]]),
        span(traceId, [['sampling.priority', 'high']]),
      ])],
    });
    const none = setup({ sampling_percentage: 0 });
    await none.sampler.consume(batch());
    assert.deepEqual(none.received.flatMap((b) => b.resourceSpans[0]!.scopeSpans[0]!.spans.map((s) => s.attributes.get('sampling.priority'))), [1n, 0.5, '2']);
    const all = setup({ sampling_percentage: 100 });
    await all.sampler.consume(batch());
    assert.deepEqual(all.received.flatMap((b) => b.resourceSpans[0]!.scopeSpans[0]!.spans.map((s) => s.attributes.get('sampling.priority'))), [1n, 0.5, '2', true, 'high']);
  });

  void test('passes a refusal from the next consumer back', async () => {
    const refusal = new PipelineError('SB_QUEUE_FULL', 'full');
    const sampler = createProbabilisticSampler(
      { id: 'probabilistic_sampler', logger: pino({ level: 'silent' }), telemetry: createTelemetry() },
      { sampling_percentage: 100, hash_seed: 0, mode: 'hash_seed' },
      { consume: () => Promise.reject(refusal) },
    );
    await assert.rejects(sampler.consume(traces().first()), (e) => e === refusal);
  });
});
