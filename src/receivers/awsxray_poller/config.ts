import type { TimeRangeType } from '../../xray/poller/pollerSettings.js';

/** The `awsxray_poller` receiver's configuration, as validated and defaulted by `awsxrayPollerFactory.configSchema`. */
export interface AwsXrayPollerConfig {
  /** AWS region; '' lets the SDK's default chain decide (AWS_REGION, profile), or is us-east-1 with `endpoint`. */
  region: string;
  /** X-Ray API URL instead of the region's (e.g. a Spanbridge `awsxray` receiver's `api.endpoint`). */
  endpoint?: string;
  /** A role to assume through STS (with the static keys, or the default chain's credentials). */
  role_arn?: string;
  aws_access_key_id?: string;
  aws_secret_access_key?: string;
  /** Durations like "300s": wait between catch-ups once current. */
  polling_interval: string;
  /** Longest time window one GetTraceSummaries scan covers. */
  window: string;
  /** Windows end this long before now, so X-Ray has indexed what they return. */
  settle_delay: string;
  /** Each query also reaches this far behind its window, for late-indexed traces (repeats are dropped). */
  overlap: string;
  /** Where a poller with no checkpoint starts: this long before now. */
  max_replay: string;
  time_range_type: TimeRangeType;
  /** X-Ray filter expression ('' for none). */
  filter_expression: string;
  /** Bound of the dedupe memory. */
  max_seen_trace_ids: number;
  /** Per-request timeout of an X-Ray call. */
  request_timeout: string;
  backoff: { initial_interval: string; max_interval: string };
  checkpoint: {
    backend: 'sqlite' | 'redis';
    sqlite: { path: string };
    redis: { url?: string };
    /** Names the poller group sharing one checkpoint and lease; '' means the receiver id. */
    key: string;
  };
  lease: { ttl: string };
  /** Optional HTTP admin routes (POST /start, POST /stop, GET /status). */
  admin?: { endpoint: string };
  /** Start polling with the receiver (else on POST /start). */
  autostart: boolean;
}
