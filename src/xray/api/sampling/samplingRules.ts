import type { SamplingRuleConfig } from './samplingRuleConfig.js';

/** X-Ray's built-in rule (developer guide, "Configuring sampling rules"): 1 request per second, then 5 %. */
export const DEFAULT_SAMPLING_RULE: SamplingRuleConfig = {
  rule_name: 'Default', priority: 10000, fixed_rate: 0.05, reservoir_size: 1,
  service_name: '*', service_type: '*', host: '*', http_method: '*', url_path: '*', resource_arn: '*', attributes: {},
};

/** Rule ARNs name a fixed region and account: there is no AWS account behind this API. */
export const RULE_ARN_PREFIX = 'arn:aws:xray:us-east-1:000000000000:sampling-rule/';

/**
 * The rules to serve: the configured ones by priority, then X-Ray's Default rule (priority 10000), or the configured
 * rule named Default in its place (keeping priority 10000, as X-Ray does).
 */
export function effectiveSamplingRules(configured: readonly SamplingRuleConfig[]): SamplingRuleConfig[] {
  const own = configured.find((r) => r.rule_name === 'Default');
  const rules = configured.filter((r) => r.rule_name !== 'Default').sort((a, b) => a.priority - b.priority || (a.rule_name < b.rule_name ? -1 : 1));
  rules.push(own === undefined ? DEFAULT_SAMPLING_RULE : { ...own, priority: 10000 });
  return rules;
}

/** One SamplingRuleRecord (X-Ray API reference) of GetSamplingRules. */
export function samplingRuleRecordJson(r: SamplingRuleConfig, modifiedSeconds: number): Record<string, unknown> {
  return {
    SamplingRule: {
      RuleName: r.rule_name,
      RuleARN: RULE_ARN_PREFIX + r.rule_name,
      ResourceARN: r.resource_arn,
      Priority: r.priority,
      FixedRate: r.fixed_rate,
      ReservoirSize: r.reservoir_size,
      ServiceName: r.service_name,
      ServiceType: r.service_type,
      Host: r.host,
      HTTPMethod: r.http_method,
      URLPath: r.url_path,
      Version: 1,
      Attributes: r.attributes,
    },
    CreatedAt: modifiedSeconds,
    ModifiedAt: modifiedSeconds,
  };
}
