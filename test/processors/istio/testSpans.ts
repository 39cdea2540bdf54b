// Test helpers: spans shaped the way the Zipkin codec maps Zipkin v2 JSON (tags are string attributes, the local
// service is the resource's service.name). Used by this folder's tests only.
import { ZIPKIN_SHARED, ZIPKIN_TRACE_ID_64BIT } from '../../../src/model/attributeNames.js';
import { padHex } from '../../../src/model/ids.js';
import { SpanKind, StatusCode, type AnyValue, type Span, type TraceBatch } from '../../../src/model/span.js';
import { Ajv } from 'ajv';
import { istioConfigSchema, type IstioConfig } from '../../../src/processors/istio/config.js';
import { createMeshNormalizer } from '../../../src/processors/istio/meshNormalizer.js';

export interface SpanInit {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: SpanKind;
  tags?: Record<string, string>;
  attributes?: Array<[string, AnyValue]>;
  shared?: boolean;
}

export function makeSpan(init: SpanInit = {}): Span {
  const traceId = init.traceId ?? '4bf92f3577b34da6a3ce929d0e0e4736';
  const attributes = new Map<string, AnyValue>(Object.entries(init.tags ?? {}));
  if (traceId.length === 16) attributes.set(ZIPKIN_TRACE_ID_64BIT, true);
  if (init.shared) attributes.set(ZIPKIN_SHARED, true);
  for (const [k, v] of init.attributes ?? []) attributes.set(k, v);
  return {
    traceId: padHex(traceId, 32),
    spanId: init.spanId ?? '00f067aa0ba902b7',
    parentSpanId: init.parentSpanId ?? '',
    traceState: '',
    flags: 0,
    name: init.name ?? 'span',
    kind: init.kind ?? SpanKind.UNSPECIFIED,
    startTimeUnixNano: 1_700_000_000_000_000_000n,
    endTimeUnixNano: 1_700_000_000_001_000_000n,
    attributes,
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: StatusCode.UNSET, message: '' },
  };
}

/** One ResourceSpans per entry; `service` undefined gives a resource without service.name. */
export function makeBatch(...groups: Array<{ service?: string; spans: Span[] }>): TraceBatch {
  return {
    resourceSpans: groups.map((g) => ({
      resource: { attributes: new Map(g.service === undefined ? [] : [['service.name', g.service]]), droppedAttributesCount: 0 },
      schemaUrl: '',
      scopeSpans: [{ scope: { name: '', version: '', attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans: g.spans }],
    })),
  };
}

const validate = new Ajv({ useDefaults: true, strict: false }).compile(istioConfigSchema);

/** A config as the loader makes it: the overrides plus the schema's defaults (factory.ts). */
export function istioConfig(overrides: Partial<IstioConfig> = {}): IstioConfig {
  const config: Record<string, unknown> = { ...overrides };
  if (!validate(config)) throw new Error(`invalid istio config: ${JSON.stringify(validate.errors)}`);
  return config as unknown as IstioConfig;
}

export interface FoundSpan {
  span: Span;
  resource: Map<string, AnyValue>;
}

/** Every span of a batch with its resource attributes. */
export function allSpans(batch: TraceBatch): FoundSpan[] {
  const out: FoundSpan[] = [];
  for (const rs of batch.resourceSpans) for (const ss of rs.scopeSpans) for (const span of ss.spans) out.push({ span, resource: rs.resource.attributes });
  return out;
}

/** The one span with this name. */
export function spanNamed(batch: TraceBatch, name: string): FoundSpan {
  const found = allSpans(batch).filter((f) => f.span.name === name);
  if (found.length !== 1) throw new Error(`expected one span named ${name}, found ${found.length}`);
  return found[0] as FoundSpan;
}

/** Normalizes one span of `service` with a fresh normalizer; gives the span and its resulting resource. */
export function normalizeOne(span: Span, service: string | undefined, overrides: Partial<IstioConfig> = {}): FoundSpan {
  const batch = makeBatch({ service, spans: [span] });
  createMeshNormalizer(istioConfig(overrides)).normalize(batch);
  const found = allSpans(batch);
  if (found.length !== 1) throw new Error(`expected one span, found ${found.length}`);
  return found[0] as FoundSpan;
}

/** Istio 1.7-era productpage -> reviews tags (docs/zipkin-mesh.md, "Tags" and "Istio's custom tags"). */
export const PRODUCTPAGE_NODE = 'sidecar~10.244.0.20~productpage-v1-6b746f74dc-9stvs.default~default.svc.cluster.local';
export const REVIEWS_NODE = 'sidecar~10.244.0.31~reviews-v2-5b667bcbf8-8tvvk.default~default.svc.cluster.local';
