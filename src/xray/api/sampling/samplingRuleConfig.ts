import { Type, type Static } from '@sinclair/typebox';
import { configObject, recordOf } from '../../../config/configSchema.js';

const wildcard = (description: string) => Type.String({ minLength: 1, maxLength: 255, default: '*', description: `${description}; * and ? are wildcards` });

/** One entry of the `awsxray` receiver's `sampling_rules` (X-Ray's SamplingRule, in the Collector's snake_case). */
export const samplingRuleConfigSchema = configObject({
  rule_name: Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'unique name (1-32 letters, digits, _ or -)' }),
  // X-Ray's Default rule is 10000, always last.
  priority: Type.Integer({ minimum: 1, maximum: 9999, description: 'lower numbers are matched first' }),
  fixed_rate: Type.Number({ minimum: 0, maximum: 1, description: 'share of requests sampled beyond the reservoir' }),
  // Shared by all clients.
  reservoir_size: Type.Integer({ minimum: 0, description: 'requests per second sampled before fixed_rate applies' }),
  service_name: wildcard('service name to match'),
  service_type: wildcard('service type (origin) to match'),
  host: wildcard('request host to match'),
  http_method: wildcard('HTTP method to match'),
  url_path: wildcard('URL path to match'),
  resource_arn: wildcard('resource ARN to match'),
  attributes: recordOf(Type.String(), { default: {}, description: 'segment attributes to match' }),
});

export type SamplingRuleConfig = Static<typeof samplingRuleConfigSchema>;

/** The schema of `sampling_rules` (defaults as in X-Ray's CreateSamplingRule console form). */
export const samplingRulesSchema = Type.Array(samplingRuleConfigSchema, {
  default: [],
  maxItems: 100,
  description: 'X-Ray sampling rules served by GetSamplingRules / SamplingTargets; X-Ray\'s Default rule (5%, 1/s) is added unless one is named Default',
});
