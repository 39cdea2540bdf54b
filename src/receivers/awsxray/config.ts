import type { CorsConfig } from '../../http/originGuard.js';
import type { SamplingRuleConfig } from '../../xray/api/sampling/samplingRuleConfig.js';

/** The `awsxray` receiver's configuration, as validated and defaulted by `awsXrayReceiverFactory.configSchema`. */
export interface AwsXrayReceiverConfig {
  /** UDP `host:port` of the daemon protocol (default `localhost:2000`). */
  endpoint: string;
  /** Datagrams decoded but not yet accepted by the pipeline, at most; more are dropped (counted SB_QUEUE_FULL). */
  max_pending_datagrams: number;
  api: {
    /** Serve the X-Ray API over TCP (default true). */
    enabled: boolean;
    /** TCP `host:port` of the X-Ray API (default `localhost:2000`). */
    endpoint: string;
    /** Bytes accepted on the wire. */
    max_request_body_size: number;
    /** Bytes accepted after Content-Encoding is undone. */
    max_decompressed_body_size: number;
    /** When set, requests must be SigV4-signed with these keys. */
    auth?: { access_key_id: string; secret_access_key: string };
    /** Web pages allowed to call the API (src/http/originGuard.ts). */
    cors: CorsConfig;
  };
  /** Rules served by GetSamplingRules / SamplingTargets (X-Ray's Default rule is added). */
  sampling_rules: SamplingRuleConfig[];
}

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
