import type { ExporterHelperConfig } from '../../pipeline/queuedExporter.js';
import type { TraceIdMode } from '../../xray/idcache/createTraceIdFixer.js';

/** The `awsxray` exporter's configuration, as validated and defaulted by `awsXrayExporterFactory.configSchema`. */
export interface AwsXrayExporterConfig extends ExporterHelperConfig {
  /** AWS region; required unless `endpoint` is set (then it is only the signing region, default us-east-1). */
  region?: string;
  /** X-Ray endpoint URL instead of the region's, e.g. another Spanbridge's X-Ray API `http://host:2000`. */
  endpoint?: string;
  /** Role assumed through STS for the calls (with the static keys, or the default chain, as source). */
  role_arn?: string;
  /** Static keys; both or neither. Without them (and without role_arn) the SDK's default chain is used. */
  aws_access_key_id?: string;
  aws_secret_access_key?: string;
  /** Attribute keys written as annotations rather than metadata. */
  indexed_attributes: string[];
  /** Every scalar attribute as an annotation. */
  index_all_attributes: boolean;
  /**
   * `fix_epoch` rewrites ids whose epoch X-Ray would refuse (docs/xray-mapping.md, "The epoch fix"); `passthrough` only
   * reformats.
   */
  trace_id_mode: TraceIdMode;
  trace_id_cache: {
    /** How long a rewritten id is kept after its last use. */
    ttl: string;
    backend: 'memory' | 'redis';
    redis: { url?: string; cluster: boolean };
  };
  /** Log each PutTraceSegments call's documents (info level); for trying pipelines out. */
  log_sent_documents: boolean;
}

/** What the schema cannot say; problems as `path.key: ...`. */
export function validateAwsXrayExporterConfig(path: string, c: AwsXrayExporterConfig): string[] {
  const problems: string[] = [];
  if (c.region === undefined && c.endpoint === undefined) problems.push(`${path}.region: required (or set endpoint)`);
  if ((c.aws_access_key_id === undefined) !== (c.aws_secret_access_key === undefined)) {
    problems.push(`${path}.${c.aws_access_key_id === undefined ? 'aws_access_key_id' : 'aws_secret_access_key'}: required with ${c.aws_access_key_id === undefined ? 'aws_secret_access_key' : 'aws_access_key_id'}`);
  }
  if (c.trace_id_mode === 'fix_epoch' && c.trace_id_cache.backend === 'redis' && c.trace_id_cache.redis.url === undefined) {
    problems.push(`${path}.trace_id_cache.redis.url: required with backend redis`);
  }
  return problems;
}
