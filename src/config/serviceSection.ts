import { Type, type Static } from '@sinclair/typebox';
import { telemetryConfigSchema } from './telemetrySection.js';
import { configObject, recordOf } from './configSchema.js';

/** One pipeline: component ids in the order data flows. */
export const pipelineConfigSchema = configObject({
  receivers: Type.Array(Type.String(), { minItems: 1 }),
  processors: Type.Array(Type.String(), { default: [] }),
  exporters: Type.Array(Type.String(), { minItems: 1 }),
});

export type PipelineConfig = Static<typeof pipelineConfigSchema>;

/**
 * The top-level `service` section: the extensions that run, the pipelines by name (`traces[/name]`) and the service's
 * own telemetry.
 */
export const serviceSectionSchema = configObject({
  extensions: Type.Array(Type.String(), { default: [], description: 'ids of the extensions to run (an authenticator must be listed here to be used)' }),
  // Empty only in a query-only instance (see runsWithoutPipelines in loadConfig.ts).
  pipelines: recordOf(pipelineConfigSchema, { default: {}, propertyNames: { pattern: '^traces(/[^\\s/]+)?$' }, description: 'pipelines by id, traces or traces/NAME' }),
  telemetry: telemetryConfigSchema,
});

export type ServiceSection = Static<typeof serviceSectionSchema>;
