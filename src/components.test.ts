import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OptionalKind, type Static, type TSchema } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import { configSections, factories } from './components.js';
import type { SpanbridgeConfig } from './app/loadServiceConfig.js';
import { serviceSectionSchema } from './config/serviceSection.js';
import { awsXrayExporterFactory } from './exporters/awsxray/factory.js';
import { debugExporterFactory } from './exporters/debug/factory.js';
import { loadBalancingExporterFactory } from './exporters/loadbalancing/factory.js';
import { otlpGrpcExporterFactory } from './exporters/otlp/factory.js';
import { otlpHttpExporterFactory } from './exporters/otlphttp/factory.js';
import { storeFactory } from './exporters/store/factory.js';
import { zipkinExporterFactory } from './exporters/zipkin/factory.js';
import { basicAuthFactory } from './extensions/basicauth/factory.js';
import { bearerTokenAuthFactory } from './extensions/bearertokenauth/factory.js';
import { fileStorageFactory } from './extensions/file_storage/factory.js';
import type { ConfigSchema, Factory } from './pipeline/component.js';
import { batchFactory } from './processors/batch/factory.js';
import { istioFactory } from './processors/istio/factory.js';
import { memoryLimiterFactory } from './processors/memory_limiter/factory.js';
import { probabilisticSamplerFactory } from './processors/probabilistic_sampler/factory.js';
import { awsXrayReceiverFactory } from './receivers/awsxray/factory.js';
import { awsxrayPollerFactory } from './receivers/awsxray_poller/factory.js';
import { otlpReceiverFactory } from './receivers/otlp/factory.js';
import { jaegerReceiverFactory } from './receivers/jaeger/factory.js';
import { zipkinReceiverFactory } from './receivers/zipkin/factory.js';
import type { TraceIdMode } from './xray/idcache/createTraceIdFixer.js';
import type { TimeRangeType } from './xray/poller/pollerSettings.js';

// Type-level half, checked by `tsc -p tsconfig.json` (npm run typecheck): the config a factory's create function
// takes is exactly the static type of the schema it registers, and the domain types a config feeds agree with it.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
type CreateConfig<F> = F extends { createReceiver(s: never, config: infer C, n: never): unknown }
  ? C
  : F extends { createProcessor(s: never, config: infer C, n: never): unknown }
    ? C
    : F extends { createExporter(s: never, config: infer C): unknown }
      ? C
      : F extends { createExtension(s: never, config: infer C): unknown }
        ? C
        : never;
type SchemaTyped<F> = F extends { configSchema: infer S extends TSchema } ? Equal<CreateConfig<F>, Static<S>> : false;
type EachSchemaTyped<T extends readonly unknown[]> = { [I in keyof T]: SchemaTyped<T[I]> };

const TYPED = [
  bearerTokenAuthFactory,
  basicAuthFactory,
  fileStorageFactory,
  zipkinReceiverFactory,
  otlpReceiverFactory,
  awsXrayReceiverFactory,
  awsxrayPollerFactory,
  jaegerReceiverFactory,
  batchFactory,
  memoryLimiterFactory,
  istioFactory,
  probabilisticSamplerFactory,
  otlpHttpExporterFactory,
  otlpGrpcExporterFactory,
  loadBalancingExporterFactory,
  zipkinExporterFactory,
  awsXrayExporterFactory,
  storeFactory,
  debugExporterFactory,
] as const;
type FactoriesAreSchemaTyped = Expect<Equal<EachSchemaTyped<typeof TYPED>[number], true>>;
type DomainTypesAgree = [
  Expect<Equal<Static<typeof awsxrayPollerFactory.configSchema>['time_range_type'], TimeRangeType>>,
  Expect<Equal<Static<typeof awsXrayExporterFactory.configSchema>['trace_id_mode'], TraceIdMode>>,
  Expect<Equal<NonNullable<SpanbridgeConfig['sections']['storage']>, Static<typeof configSections.storage>>>,
  Expect<Equal<NonNullable<SpanbridgeConfig['sections']['query']>, Static<typeof configSections.query>>>,
  Expect<Equal<NonNullable<SpanbridgeConfig['sections']['tenancy']>, Static<typeof configSections.tenancy>>>,
  Expect<Equal<SpanbridgeConfig['service'], Static<typeof serviceSectionSchema>>>,
];
export type { DomainTypesAgree, FactoriesAreSchemaTyped };

// Runtime half: what the schemas promise at run time matches what their types say.

/** Settings a factory cannot default; every other factory is configured with `{}`. */
const REQUIRED_SETTINGS: Record<string, Record<string, unknown>> = {
  'extension:bearertokenauth': { token: 'a-token' },
  'extension:basicauth': { htpasswd: { inline: 'alice:pw' } },
  'extension:file_storage': { directory: 'data/queues' },
  'receiver:otlp': { protocols: { grpc: {}, http: {} } },
  'receiver:jaeger': { protocols: { grpc: {}, thrift_http: {}, thrift_compact: {}, thrift_binary: {} }, remote_sampling: {} },
  'processor:memory_limiter': { limit_mib: 512 },
  'exporter:otlp': { endpoint: 'localhost:4317' },
  'exporter:otlphttp': { endpoint: 'http://localhost:4318' },
  'exporter:loadbalancing': { resolver: { static: { hostnames: ['collector-1:4317', 'collector-2'] } } },
  'exporter:zipkin': { endpoint: 'http://localhost:9411/api/v2/spans' },
  'exporter:awsxray': { region: 'eu-west-1' },
};
const SECTIONS: Array<[string, ConfigSchema, Record<string, unknown>]> = [
  ...Object.entries(configSections).map(([key, schema]): [string, ConfigSchema, Record<string, unknown>] => [key, schema, {}]),
  ['service', serviceSectionSchema, { pipelines: { traces: { receivers: ['zipkin'], exporters: ['store'] } } }],
];

interface Node {
  [key: string]: unknown;
  [OptionalKind]?: string;
  properties?: Record<string, Node>;
  additionalProperties?: unknown;
  items?: unknown;
  required?: string[];
}

/** Every subschema with its path, depth first. */
function* subschemas(node: Node, path: string): Generator<[string, Node]> {
  yield [path, node];
  for (const [key, child] of Object.entries(node.properties ?? {})) yield* subschemas(child, `${path}.${key}`);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') yield* subschemas(node.additionalProperties as Node, `${path}.*`);
  if (node.items && typeof node.items === 'object') yield* subschemas(node.items as Node, `${path}[]`);
}

/**
 * The schema of the static type: the same schema, but every key not marked `Type.Optional` required. A config that
 * ajv has defaulted must satisfy it, or the type promises a key the running config may lack.
 */
function staticShape(node: Node): Node {
  const out: Node = { ...node };
  if (node.properties) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([key, child]) => [key, staticShape(child)]));
    out.required = Object.entries(node.properties).filter(([, child]) => child[OptionalKind] !== 'Optional').map(([key]) => key);
  }
  if (node.additionalProperties && typeof node.additionalProperties === 'object') out.additionalProperties = staticShape(node.additionalProperties as Node);
  if (node.items && typeof node.items === 'object') out.items = staticShape(node.items as Node);
  return out;
}

const registered = [...factories.entries()].map(([key, f]): [string, Factory, Record<string, unknown>] => [key, f, REQUIRED_SETTINGS[key] ?? {}]);
const schemas: Array<[string, ConfigSchema, Record<string, unknown>]> = [...registered.map(([key, f, settings]): [string, ConfigSchema, Record<string, unknown>] => [key, f.configSchema, settings]), ...SECTIONS];

void describe('config schemas and their types', () => {
  void test('every registered factory is in the type-level check above', () => {
    assert.deepEqual(new Set(TYPED.map((f) => `${f.kind}:${f.type}`)), new Set(factories.keys()));
    for (const f of TYPED) assert.equal(f, factories.get(`${f.kind}:${f.type}`));
  });

  void test("each default satisfies the schema it sits in (a default can't drift from its pattern, range or enum)", () => {
    const ajv = new Ajv({ useDefaults: true, strict: false, allErrors: true });
    for (const [name, schema] of schemas) {
      for (const [path, node] of subschemas(schema as Node, name)) {
        if (node.default === undefined) continue;
        const { default: value, ...rest } = node;
        const validate = ajv.compile(rest);
        assert.ok(validate(structuredClone(value)), `${path}: default ${JSON.stringify(value)}: ${ajv.errorsText(validate.errors)}`);
      }
    }
  });

  void test('a key with a default is never required (ajv fills it; the docs say it may be left out)', () => {
    for (const [name, schema] of schemas) {
      for (const [path, node] of subschemas(schema as Node, name)) {
        for (const key of node.required ?? []) assert.equal(node.properties?.[key]?.default, undefined, `${path}.${key} is required and has a default`);
      }
    }
  });

  void test('the defaulted config of every factory and section validates and has every key its type promises', () => {
    const ajv = new Ajv({ useDefaults: true, coerceTypes: true, strict: false, allErrors: true });
    const strict = new Ajv({ strict: false, allErrors: true });
    for (const [name, schema, settings] of schemas) {
      const config = structuredClone(settings);
      const validate = ajv.compile(schema);
      assert.ok(validate(config), `${name}: ${ajv.errorsText(validate.errors)}`);
      const shape = strict.compile(staticShape(schema as Node));
      assert.ok(shape(config), `${name}: ${JSON.stringify(config)} lacks what its type promises: ${strict.errorsText(shape.errors)}`);
    }
    for (const [key, factory, settings] of registered) {
      const config = structuredClone(settings);
      ajv.validate(factory.configSchema, config);
      assert.deepEqual(factory.validateConfig?.(key, config as never) ?? [], [], key);
    }
  });
});
