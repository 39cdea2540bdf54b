import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import type { AnyValue, Span, TraceBatch } from '../../model/span.js';
import { createTelemetry, type Telemetry } from '../../telemetry/telemetry.js';
import type { DebugConfig } from './config.js';
import { createDebugExporter } from './debugExporter.js';

type Line = Record<string, unknown> & { level: number; msg: string };

function span(name: string, spanId: string, extra: Partial<Span> = {}): Span {
  return {
    traceId: '5b8efff798038103d269b633813fc60c', spanId, parentSpanId: '', traceState: '', flags: 1, name, kind: 2,
    startTimeUnixNano: 1_700_000_000_123_456_789n, endTimeUnixNano: 1_700_000_000_223_456_789n, attributes: new Map(), droppedAttributesCount: 0,
    events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0, status: { code: 0, message: '' }, ...extra,
  };
}

function batch(): TraceBatch {
  const detailed = span('GET /api', 'eee19b7ec3c1b174', {
    kind: 3,
    parentSpanId: 'eee19b7ec3c1b173',
    attributes: new Map<string, AnyValue>([
      ['http.request.method', 'GET'],
      ['big', 9_007_199_254_740_993n],
      ['ratio', 0.5],
      ['raw', new Uint8Array([1, 2, 3])],
      ['list', ['a', 1n]],
      ['map', new Map([['k', true]])],
      ['empty', null],
    ]),
    events: [{ timeUnixNano: 1_700_000_000_200_000_000n, name: 'retry', attributes: new Map([['attempt', 2n]]), droppedAttributesCount: 0 }],
    links: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceState: 'a=b', attributes: new Map(), droppedAttributesCount: 0, flags: 1 }],
    status: { code: 2, message: 'boom' },
  });
  return {
    resourceSpans: [
      {
        schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
        resource: { attributes: new Map([['service.name', 'frontend']]), droppedAttributesCount: 0 },
        scopeSpans: [{ schemaUrl: '', scope: { name: 'http', version: '1.0', attributes: new Map(), droppedAttributesCount: 0 }, spans: [detailed, span('render', 'eee19b7ec3c1b175')] }],
      },
      {
        schemaUrl: '',
        resource: { attributes: new Map([['service.name', 'backend']]), droppedAttributesCount: 0 },
        scopeSpans: [{ schemaUrl: '', scope: { name: '', version: '', attributes: new Map(), droppedAttributesCount: 0 }, spans: [span('query', 'eee19b7ec3c1b176', { kind: 1 })] }],
      },
    ],
  };
}

function setup(config: Partial<DebugConfig>, telemetry: Telemetry = createTelemetry(), now?: () => number) {
  const lines: Line[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Line) });
  const full: DebugConfig = { verbosity: 'basic', sampling_initial: 2, sampling_thereafter: 1, ...config };
  return { exporter: createDebugExporter({ id: 'debug', logger, telemetry }, full, { now }), lines };
}

async function sentSpans(telemetry: Telemetry): Promise<number> {
  const metric = await telemetry.registry.getSingleMetric('spanbridge_exporter_sent_spans_total')?.get();
  return metric?.values.find((v) => v.labels.exporter === 'debug')?.value ?? 0;
}

void describe('debug exporter', () => {
  void test('basic: one info line per batch with the counts, and the spans count as sent', async () => {
    const telemetry = createTelemetry();
    const { exporter, lines } = setup({}, telemetry);
    await exporter.start({ logger: pino({ level: 'silent' }), telemetry });
    await exporter.consume(batch());
    await exporter.consume(batch());
    assert.deepEqual(lines.map((l) => [l.level, l.msg, l.resourceSpans, l.spans]), [[30, 'Traces', 2, 3], [30, 'Traces', 2, 3]]);
    assert.equal(await sentSpans(telemetry), 6);
    await exporter.shutdown();
  });

  void test('normal: adds one line per span with trace id, span id, name, kind and service', async () => {
    const { exporter, lines } = setup({ verbosity: 'normal' });
    await exporter.consume(batch());
    assert.equal(lines[0]?.msg, 'Traces');
    assert.deepEqual(lines.slice(1).map(({ traceId, spanId, name, kind, service, msg, level }) => ({ traceId, spanId, name, kind, service, msg, level })), [
      { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'GET /api', kind: 'CLIENT', service: 'frontend', msg: 'span', level: 30 },
      { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b175', name: 'render', kind: 'SERVER', service: 'frontend', msg: 'span', level: 30 },
      { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b176', name: 'query', kind: 'INTERNAL', service: 'backend', msg: 'span', level: 30 },
    ]);
  });

  void test('detailed: every field of the span with its resource and scope, values kept exact', async () => {
    const { exporter, lines } = setup({ verbosity: 'detailed' });
    await exporter.consume(batch());
    assert.equal(lines.length, 4);
    const first = lines[1] as Line & { span: Record<string, unknown>; resource: Record<string, unknown>; scope: Record<string, unknown> };
    assert.deepEqual(first.resource, { schemaUrl: 'https://opentelemetry.io/schemas/1.26.0', attributes: { 'service.name': 'frontend' }, droppedAttributesCount: 0 });
    assert.deepEqual(first.scope, { name: 'http', version: '1.0', schemaUrl: '', attributes: {}, droppedAttributesCount: 0 });
    assert.deepEqual(first.span, {
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      traceState: '',
      flags: 1,
      name: 'GET /api',
      kind: 'CLIENT',
      startTimeUnixNano: '1700000000123456789',
      endTimeUnixNano: '1700000000223456789',
      attributes: { 'http.request.method': 'GET', big: '9007199254740993', ratio: 0.5, raw: 'AQID', list: ['a', 1], map: { k: true }, empty: null },
      droppedAttributesCount: 0,
      events: [{ timeUnixNano: '1700000000200000000', name: 'retry', attributes: { attempt: 2 }, droppedAttributesCount: 0 }],
      droppedEventsCount: 0,
      links: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceState: 'a=b', flags: 1, attributes: {}, droppedAttributesCount: 0 }],
      droppedLinksCount: 0,
      status: { code: 'ERROR', message: 'boom' },
    });
    assert.equal((lines[3] as Line & { span: { name: string } }).span.name, 'query');
  });

  void test('sampling skips whole batches but still counts them as sent', async () => {
    const telemetry = createTelemetry();
    const now = 42_000;
    const { exporter, lines } = setup({ verbosity: 'normal', sampling_initial: 1, sampling_thereafter: 2 }, telemetry, () => now);
    for (let i = 0; i < 4; i++) await exporter.consume(batch());
    // Entries 1 (initial) and 3 (every 2nd after it) are written, each with its span lines.
    assert.equal(lines.filter((l) => l.msg === 'Traces').length, 2);
    assert.equal(lines.length, 8);
    assert.equal(await sentSpans(telemetry), 12);
  });
});
