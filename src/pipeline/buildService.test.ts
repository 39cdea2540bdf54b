import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../config/loadConfig.js';
import { countSpans } from '../model/batch.js';
import type { TraceBatch } from '../model/span.js';
import { createTelemetry } from '../telemetry/telemetry.js';
import { buildService } from './buildService.js';
import type { Consumer, Factory } from './component.js';

const events: string[] = [];
const received = new Map<string, TraceBatch[]>();
const inputs = new Map<string, Consumer>();
const schema = { type: 'object', additionalProperties: false, properties: {} };
const lifecycle = (id: string) => ({
  async start() {
    events.push(`start ${id}`);
  },
  async shutdown() {
    events.push(`stop ${id}`);
  },
});
const factories: Factory[] = [
  { kind: 'receiver', type: 'in', description: '', configSchema: schema, createReceiver: (s, _c, next) => (inputs.set(s.id, next), lifecycle(s.id)) },
  {
    kind: 'processor', type: 'tag', description: '', configSchema: schema,
    createProcessor: (s, _c, next) => ({ ...lifecycle(s.id), consume: (b) => (b.resourceSpans[0]?.resource.attributes.set(s.id, true), next.consume(b)) }),
  },
  { kind: 'exporter', type: 'out', description: '', configSchema: schema, createExporter: (s) => ({ ...lifecycle(s.id), consume: async (b) => void received.set(s.id, [...(received.get(s.id) ?? []), b]) }) },
];

test('builds pipelines, fans out with copies, starts downstream first and stops upstream first', async () => {
  const cfg = loadConfig(
    `
receivers: {in: {}}
processors: {tag/a: {}, tag/b: {}}
exporters: {out/1: {}, out/2: {}}
service:
  pipelines:
    traces/x: {receivers: [in], processors: [tag/a], exporters: [out/1, out/2]}
    traces/y: {receivers: [in], processors: [tag/b], exporters: [out/2]}
`,
    't',
    { factories: new Map(factories.map((f) => [`${f.kind}:${f.type}`, f])) },
  );
  const svc = buildService(cfg, { factories: new Map(factories.map((f) => [`${f.kind}:${f.type}`, f])), logger: pino({ level: 'silent' }), telemetry: createTelemetry() });
  await svc.start();
  assert.ok(svc.ready);
  assert.deepEqual(events.splice(0), ['start out/1', 'start out/2', 'start tag/a', 'start tag/b', 'start in']);
  const batch: TraceBatch = { resourceSpans: [{ schemaUrl: '', resource: { attributes: new Map(), droppedAttributesCount: 0 }, scopeSpans: [] }] };
  await inputs.get('in')?.consume(batch);
  const one = received.get('out/1') ?? [];
  const two = received.get('out/2') ?? [];
  assert.equal(one.length, 1);
  assert.equal(two.length, 2);
  // Each pipeline saw only its own processor: the fan-out copied the batch.
  assert.deepEqual([...(one[0]?.resourceSpans[0]?.resource.attributes.keys() ?? [])], ['tag/a']);
  const tags = two.map((b) => [...(b.resourceSpans[0]?.resource.attributes.keys() ?? [])].join());
  assert.deepEqual(tags.sort(), ['tag/a', 'tag/b']);
  assert.notEqual(one[0], two.find((b) => b.resourceSpans[0]?.resource.attributes.has('tag/a')));
  assert.equal(countSpans(batch), 0);
  await svc.shutdown();
  assert.ok(!svc.ready);
  assert.deepEqual(events.splice(0), ['stop in', 'stop tag/a', 'stop tag/b', 'stop out/1', 'stop out/2']);
});
