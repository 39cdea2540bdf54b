import { formatIdentifier } from './sqlLiteral.js';

// The ClickHouse schema (README.md, "Schema"). Every statement here is built from constants and the configured
// database and cluster names, which formatIdentifier checks and quotes. On a cluster each table is a local table on
// every shard (created ON CLUSTER) plus a Distributed table of the plain name over it; the trace tables are sharded
// by trace id, so one trace lives on one shard and a query may join them shard by shard.

/** Table names as queries use them: `read` reaches every shard, `local` only the shard that runs the query. */
export interface TableNames {
  spans: string;
  spansLocal: string;
  traceTimes: string;
  traceTimesLocal: string;
  operations: string;
  remoteServices: string;
  attributeKeys: string;
  attributeValues: string;
  edgeCalls: string;
  edges: string;
  /** Tables whose day partitions retention drops, as ALTER statements name them (local tables on a cluster). */
  partitioned: { read: string; alter: string }[];
  /** ` ON CLUSTER `name``, or ''. */
  onCluster: string;
}

const SPAN_COLUMNS = `
  day Date,
  trace_id String, span_id String, parent_span_id String, trace_state String, flags UInt32,
  service String, name String, kind UInt8,
  start_ns UInt64, end_ns UInt64, duration_ns UInt64,
  status_code UInt8, status_message String,
  attr_keys Array(String), attr_types Array(UInt8), attr_values Array(String), attr_raws Array(String), dropped_attributes UInt32,
  event_times Array(UInt64), event_names Array(String), event_attributes Array(String), event_dropped Array(UInt32), dropped_events UInt32,
  link_trace_ids Array(String), link_span_ids Array(String), link_trace_states Array(String), link_attributes Array(String),
  link_dropped Array(UInt32), link_flags Array(UInt32), dropped_links UInt32,
  resource_keys Array(String), resource_types Array(UInt8), resource_values Array(String), resource_raws Array(String),
  resource_dropped UInt32, resource_schema_url String,
  scope_name String, scope_version String, scope_attributes String, scope_dropped UInt32, scope_schema_url String`;

interface TableSpec {
  name: string;
  columns: string;
  engine: string;
  /** The Distributed table's sharding expression. */
  shardBy: string;
}

// The spans table reads a trace by time range in every (service, name); granules of 1024 rows instead of 8192 make
// that 8 times fewer rows read per trace, for 8 times more marks (a few MB per billion spans).
const TABLES: TableSpec[] = [
  { name: 'spans', columns: SPAN_COLUMNS, engine: 'MergeTree PARTITION BY day ORDER BY (service, name, start_ns) SETTINGS index_granularity = 1024', shardBy: 'cityHash64(trace_id)' },
  {
    name: 'trace_times',
    columns: 'day Date, trace_id String, start_min UInt64, start_max UInt64',
    engine: 'MergeTree PARTITION BY day ORDER BY trace_id',
    shardBy: 'cityHash64(trace_id)',
  },
  { name: 'operations', columns: 'service String, name String, kind UInt8', engine: 'ReplacingMergeTree ORDER BY (service, name, kind)', shardBy: 'cityHash64(service)' },
  { name: 'remote_services', columns: 'service String, remote String', engine: 'ReplacingMergeTree ORDER BY (service, remote)', shardBy: 'cityHash64(service)' },
  { name: 'attribute_keys', columns: 'key String', engine: 'ReplacingMergeTree ORDER BY key', shardBy: 'cityHash64(key)' },
  { name: 'attribute_values', columns: 'key String, value String', engine: 'ReplacingMergeTree ORDER BY (key, value)', shardBy: 'cityHash64(key, value)' },
  {
    name: 'edge_calls',
    columns: `day Date, minute Int64, parent String, child String, virtual UInt8, calls UInt64, errors UInt64, faults UInt64, throttles UInt64,
  min_ns UInt64, max_ns UInt64, histogram_buckets Array(UInt8), histogram_counts Array(UInt64)`,
    engine: 'Null',
    shardBy: 'cityHash64(parent, child)',
  },
  {
    name: 'edges',
    columns: `day Date, minute Int64, parent String, child String, virtual UInt8,
  calls AggregateFunction(sum, UInt64), errors AggregateFunction(sum, UInt64), faults AggregateFunction(sum, UInt64),
  throttles AggregateFunction(sum, UInt64), min_ns AggregateFunction(min, UInt64), max_ns AggregateFunction(max, UInt64),
  histogram AggregateFunction(sumMap, Array(UInt8), Array(UInt64))`,
    engine: 'AggregatingMergeTree PARTITION BY day ORDER BY (minute, parent, child, virtual)',
    shardBy: 'cityHash64(parent, child)',
  },
];

/** Calls written to edge_calls (a Null table) are added up per minute into edges as they arrive. */
const EDGES_VIEW = `SELECT day, minute, parent, child, virtual, sumState(calls) AS calls, sumState(errors) AS errors, sumState(faults) AS faults,
  sumState(throttles) AS throttles, minState(min_ns) AS min_ns, maxState(max_ns) AS max_ns, sumMapState(histogram_buckets, histogram_counts) AS histogram
  FROM {calls} GROUP BY day, minute, parent, child, virtual`;

export function tableNames(database: string, cluster: string | undefined): TableNames {
  const db = formatIdentifier(database);
  const q = (name: string) => `${db}.${formatIdentifier(name)}`;
  const local = (name: string) => q(cluster === undefined ? name : `${name}_local`);
  return {
    spans: q('spans'),
    spansLocal: local('spans'),
    traceTimes: q('trace_times'),
    traceTimesLocal: local('trace_times'),
    operations: q('operations'),
    remoteServices: q('remote_services'),
    attributeKeys: q('attribute_keys'),
    attributeValues: q('attribute_values'),
    edgeCalls: q('edge_calls'),
    edges: q('edges'),
    partitioned: ['spans', 'trace_times', 'edges'].map((n) => ({ read: q(n), alter: local(n) })),
    onCluster: cluster === undefined ? '' : ` ON CLUSTER ${formatIdentifier(cluster)}`,
  };
}

/** The statements that create the database and every table and view, each idempotent, in order. */
export function schemaStatements(database: string, cluster: string | undefined): string[] {
  const db = formatIdentifier(database);
  const on = cluster === undefined ? '' : ` ON CLUSTER ${formatIdentifier(cluster)}`;
  const q = (name: string) => `${db}.${formatIdentifier(name)}`;
  const local = (name: string) => (cluster === undefined ? name : `${name}_local`);
  const out = [`CREATE DATABASE IF NOT EXISTS ${db}${on}`];
  for (const t of TABLES) {
    out.push(`CREATE TABLE IF NOT EXISTS ${q(local(t.name))}${on} (${t.columns}\n) ENGINE = ${t.engine}`);
    if (cluster !== undefined) {
      const engine = `Distributed(${formatIdentifier(cluster)}, ${db}, ${formatIdentifier(local(t.name))}, ${t.shardBy})`;
      out.push(`CREATE TABLE IF NOT EXISTS ${q(t.name)}${on} AS ${q(local(t.name))} ENGINE = ${engine}`);
    }
  }
  out.push(`CREATE MATERIALIZED VIEW IF NOT EXISTS ${q(local('edges_view'))}${on} TO ${q(local('edges'))} AS ${EDGES_VIEW.replace('{calls}', q(local('edge_calls')))}`);
  return out;
}
