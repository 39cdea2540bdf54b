import { Type, type Static } from '@sinclair/typebox';
import { spanLimitProperties } from '../../config/spanLimitsConfig.js';
import { configObject } from '../../config/configSchema.js';
import { endpointSchema } from '../../config/endpoint.js';
import { tlsProperty } from '../../config/tlsConfig.js';
import { samplingRulesSchema } from '../../xray/api/sampling/samplingRuleConfig.js';
import { httpLimitProperties } from '../../http/httpServer.js';
import { corsProperty } from '../../http/originGuard.js';

/** The `awsxray` receiver's configuration: validated, defaulted and documented from this schema. */
export const awsXrayReceiverConfigSchema = configObject({
  endpoint: endpointSchema('localhost:2000', 'UDP address of the X-Ray daemon protocol'),
  // Datagrams decoded but not yet accepted by the pipeline; more are dropped and counted as SB_QUEUE_FULL.
  max_pending_datagrams: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 10_000, description: 'datagrams waiting for the pipeline at most; more are dropped and counted' }),
  api: configObject(
    {
      enabled: Type.Boolean({ default: true, description: 'serve the X-Ray API over TCP' }),
      endpoint: endpointSchema('localhost:2000', 'TCP address of the X-Ray API'),
      ...httpLimitProperties,
      // Counted before any span is built (413 RequestEntityTooLargeException above).
      max_spans_per_request: Type.Integer({ minimum: 1, default: 100_000, description: 'segments and subsegments accepted in one PutTraceSegments call (413 above)' }),
      auth: Type.Optional(
        configObject(
          { access_key_id: Type.String({ minLength: 1 }), secret_access_key: Type.String({ minLength: 1 }) },
          { description: 'verify SigV4 signatures against these keys (unset: signatures are accepted unchecked)' },
        ),
      ),
      ...tlsProperty,
      ...corsProperty,
    },
    { default: {} },
  ),
  ...spanLimitProperties,
  // X-Ray's Default rule is added to these.
  sampling_rules: samplingRulesSchema,
});

export type AwsXrayReceiverConfig = Static<typeof awsXrayReceiverConfigSchema>;

/** What the schema cannot say: sampling rule names are unique. Problems as `path.key: ...`. */
export function validateAwsXrayReceiverConfig(path: string, config: AwsXrayReceiverConfig): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  config.sampling_rules.forEach((r, i) => {
    if (names.has(r.rule_name)) problems.push(`${path}.sampling_rules[${i}].rule_name: "${r.rule_name}" is used by an earlier rule`);
    names.add(r.rule_name);
  });
  return problems;
}
