// The registry: one line per factory. A new protocol is a new folder plus one line here (CONTRIBUTING.md, "Adding a
// receiver, processor or exporter"); config validation, the graph builder and `npm run docs` all read this list.
import { awsXrayExporterFactory } from './exporters/awsxray/factory.js';
import { basicAuthFactory } from './extensions/basicauth/factory.js';
import { bearerTokenAuthFactory } from './extensions/bearertokenauth/factory.js';
import { fileStorageFactory } from './extensions/file_storage/factory.js';
import { debugExporterFactory } from './exporters/debug/factory.js';
import { loadBalancingExporterFactory } from './exporters/loadbalancing/factory.js';
import { otlpGrpcExporterFactory } from './exporters/otlp/factory.js';
import { storeFactory } from './exporters/store/factory.js';
import { otlpHttpExporterFactory } from './exporters/otlphttp/factory.js';
import { zipkinExporterFactory } from './exporters/zipkin/factory.js';
import type { Factory } from './pipeline/component.js';
import { queryConfigSchema } from './query/config.js';
import { tenancyConfigSchema } from './config/tenancyConfig.js';
import { storageConfigSchema } from './store/storageConfig.js';
import { batchFactory } from './processors/batch/factory.js';
import { istioFactory } from './processors/istio/factory.js';
import { memoryLimiterFactory } from './processors/memory_limiter/factory.js';
import { probabilisticSamplerFactory } from './processors/probabilistic_sampler/factory.js';
import { awsXrayReceiverFactory } from './receivers/awsxray/factory.js';
import { awsxrayPollerFactory } from './receivers/awsxray_poller/factory.js';
import { jaegerReceiverFactory } from './receivers/jaeger/factory.js';
import { otlpReceiverFactory } from './receivers/otlp/factory.js';
import { zipkinReceiverFactory } from './receivers/zipkin/factory.js';

const all: Factory[] = [
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
];

/** Factories by `kind:type`. */
export const factories: ReadonlyMap<string, Factory> = new Map(all.map((f) => [`${f.kind}:${f.type}`, f]));

/** Top-level config sections besides receivers/processors/exporters/service (storage, query, ...). */
export const configSections = { storage: storageConfigSchema, query: queryConfigSchema, tenancy: tenancyConfigSchema };
