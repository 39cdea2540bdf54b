// The X-Ray segment document as JSON (AWS's "Segment documents" reference), and the options for writing one. Unknown
// keys may occur anywhere (X-Ray ignores them), hence the index signatures.

export interface XrayStackFrame {
  path?: string;
  line?: number;
  label?: string;
}

export interface XrayException {
  [key: string]: unknown;
  id?: string;
  message?: string;
  type?: string;
  remote?: boolean;
  truncated?: number;
  skipped?: number;
  cause?: string;
  stack?: XrayStackFrame[];
}

export interface XrayCause {
  [key: string]: unknown;
  working_directory?: string;
  paths?: string[];
  exceptions?: XrayException[];
}

export interface XrayHttpRequest {
  [key: string]: unknown;
  method?: string;
  url?: string;
  user_agent?: string;
  client_ip?: string;
  x_forwarded_for?: boolean;
  traced?: boolean;
}

export interface XrayHttpResponse {
  [key: string]: unknown;
  status?: number;
  /** A number, or (seen in real data) a numeric string. */
  content_length?: number | string;
}

export interface XrayHttp {
  [key: string]: unknown;
  request?: XrayHttpRequest;
  response?: XrayHttpResponse;
}

/** The `aws` object: documented fields plus the observed ones this codec maps. */
export interface XrayAws {
  [key: string]: unknown;
  account_id?: string;
  operation?: string;
  region?: string;
  request_id?: string;
  queue_url?: string;
  table_name?: string;
  table_names?: string[];
  retries?: number;
  function_name?: string;
  function_arn?: string;
  topic_arn?: string;
  message_id?: string;
  resource_names?: string[];
  api_gateway?: Record<string, unknown>;
  ec2?: Record<string, unknown>;
  ecs?: Record<string, unknown>;
  eks?: Record<string, unknown>;
  elastic_beanstalk?: Record<string, unknown>;
  xray?: Record<string, unknown>;
  cloudwatch_logs?: Array<{ log_group?: string; arn?: string }>;
}

export interface XraySql {
  [key: string]: unknown;
  url?: string;
  connection_string?: string;
  sanitized_query?: string;
  database_type?: string;
  database_version?: string;
  driver_version?: string;
  user?: string;
  preparation?: string;
}

export interface XrayLink {
  [key: string]: unknown;
  trace_id: string;
  id: string;
  attributes?: Record<string, unknown>;
}

/** A segment, an independent subsegment (`type: "subsegment"`), or an embedded subsegment (no trace_id). */
export interface XraySegmentDocument {
  [key: string]: unknown;
  name: string;
  id: string;
  start_time: number;
  trace_id?: string;
  end_time?: number;
  in_progress?: boolean;
  parent_id?: string;
  type?: string;
  namespace?: string;
  service?: { [key: string]: unknown; version?: string };
  user?: string;
  origin?: string;
  resource_arn?: string;
  http?: XrayHttp;
  aws?: XrayAws;
  sql?: XraySql;
  error?: boolean;
  throttle?: boolean;
  fault?: boolean;
  cause?: string | XrayCause;
  annotations?: Record<string, string | number | boolean>;
  metadata?: Record<string, unknown>;
  subsegments?: XraySegmentDocument[];
  precursor_ids?: string[];
  traced?: boolean;
  links?: XrayLink[];
  inferred?: boolean;
}

/** Options of the OpenTelemetry -> X-Ray direction (the `awsxray` exporter's config). */
export interface XrayEncodeOptions {
  /** Attribute keys written as annotations (indexed) rather than metadata; resource keys as `otel.resource.<key>`. */
  indexedAttributes?: readonly string[];
  /** Every scalar attribute becomes an annotation; arrays and maps still go to metadata. */
  indexAllAttributes?: boolean;
  /**
   * The X-Ray trace id to use per OpenTelemetry trace id, as chosen by the epoch fix (createTraceIdFixer). Where it
   * differs from the plain conversion, documents carry the original id in ORIGINAL_TRACE_ID_ANNOTATION.
   */
  xrayTraceIds?: ReadonlyMap<string, string>;
  /** Largest document in UTF-8 bytes (X-Ray takes at most 64 kB). */
  maxDocumentBytes?: number;
}

export const MAX_DOCUMENT_BYTES = 64 * 1024;
