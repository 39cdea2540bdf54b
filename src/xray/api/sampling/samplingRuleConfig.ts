/** One entry of the `awsxray` receiver's `sampling_rules` (X-Ray's SamplingRule, in the Collector's snake_case). */
export interface SamplingRuleConfig {
  rule_name: string;
  /** 1 (first) to 9999; X-Ray's Default rule is 10000, always last. */
  priority: number;
  /** 0..1: the share of requests sampled once the reservoir is used up. */
  fixed_rate: number;
  /** Requests per second sampled before fixed_rate applies, shared by all clients. */
  reservoir_size: number;
  service_name: string;
  service_type: string;
  host: string;
  http_method: string;
  url_path: string;
  resource_arn: string;
  attributes: Record<string, string>;
}

const wildcard = (description: string) => ({ type: 'string', minLength: 1, maxLength: 255, default: '*', description: `${description}; * and ? are wildcards` });

/** The ajv schema of `sampling_rules` (defaults as in X-Ray's CreateSamplingRule console form). */
export const samplingRulesSchema = {
  type: 'array',
  default: [],
  maxItems: 100,
  description: 'X-Ray sampling rules served by GetSamplingRules / SamplingTargets; X-Ray\'s Default rule (5%, 1/s) is added unless one is named Default',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['rule_name', 'priority', 'fixed_rate', 'reservoir_size'],
    properties: {
      rule_name: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'unique name (1-32 letters, digits, _ or -)' },
      priority: { type: 'integer', minimum: 1, maximum: 9999, description: 'lower numbers are matched first' },
      fixed_rate: { type: 'number', minimum: 0, maximum: 1, description: 'share of requests sampled beyond the reservoir' },
      reservoir_size: { type: 'integer', minimum: 0, description: 'requests per second sampled before fixed_rate applies' },
      service_name: wildcard('service name to match'),
      service_type: wildcard('service type (origin) to match'),
      host: wildcard('request host to match'),
      http_method: wildcard('HTTP method to match'),
      url_path: wildcard('URL path to match'),
      resource_arn: wildcard('resource ARN to match'),
      attributes: { type: 'object', additionalProperties: { type: 'string' }, default: {}, description: 'segment attributes to match' },
    },
  },
} as const;
