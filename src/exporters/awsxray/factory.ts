import { ConfigError } from '../../config/configError.js';
import type { ExporterFactory } from '../../pipeline/component.js';
import { createAwsXrayExporter } from './awsxrayExporter.js';
import { awsXrayExporterConfigSchema, validateAwsXrayExporterConfig, type AwsXrayExporterConfig } from './config.js';

export const awsXrayExporterFactory = {
  kind: 'exporter',
  type: 'awsxray',
  description: 'Sends spans to AWS X-Ray (PutTraceSegments) as segment documents, with the trace-id epoch fix, a queue and retries.',
  configSchema: awsXrayExporterConfigSchema,
  validateConfig: validateAwsXrayExporterConfig,
  createExporter(settings, config) {
    const problems = validateAwsXrayExporterConfig(`exporters.${settings.id}`, config);
    if (problems.length > 0) throw new ConfigError(`exporter ${settings.id}`, problems);
    return createAwsXrayExporter(settings, config);
  },
} satisfies ExporterFactory<AwsXrayExporterConfig>;
