// The X-Ray segment document (docs/xray-mapping.md, "Documents, segments and subsegments"), as JSON. Unknown keys may
// occur anywhere (they are ignored by X-Ray), hence the index signatures.

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

/** The `aws` object: the fields X-Ray documents plus those seen in real data that this codec maps. */
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
