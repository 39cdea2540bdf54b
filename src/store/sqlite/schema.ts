// The SQLite schema (documented in README.md). Times are Unix nanoseconds in INTEGER columns (int64, so up to the
// year 2262; span bodies keep the exact 64-bit values). `seq` numbers traces in arrival order so that the tables
// keyed by it grow at their end; only `traces.trace_id` takes random inserts.
// Version 2 writes span bodies of format 2 (spanBody.ts), which version 1 cannot read; the tables are unchanged, so a
// version 1 file is used as it is (its bodies stay readable) and marked 2.
// Version 3 adds `span_blocks` (spanBlocks.ts): a file of version 1 or 2 gets the table, and `meta.blocks_from_span_id`
// notes the first span written with blocks, so that search reads the spans before it as it did (searchTraces.ts).
export const SCHEMA_VERSION = 3;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS services (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS operations (
  service_id INTEGER NOT NULL, name TEXT NOT NULL, kind INTEGER NOT NULL,
  PRIMARY KEY (service_id, name, kind)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS remote_services (
  service_id INTEGER NOT NULL, remote TEXT NOT NULL,
  PRIMARY KEY (service_id, remote)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS attribute_keys (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS attribute_values (
  key_id INTEGER NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (key_id, value)) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS resources (
  id INTEGER PRIMARY KEY, digest BLOB NOT NULL UNIQUE, service_id INTEGER NOT NULL,
  attrs TEXT NOT NULL, last_seen_ns INTEGER NOT NULL, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS scopes (
  id INTEGER PRIMARY KEY, digest BLOB NOT NULL UNIQUE, last_seen_ns INTEGER NOT NULL, body BLOB NOT NULL);

CREATE TABLE IF NOT EXISTS traces (
  seq INTEGER PRIMARY KEY, trace_id BLOB NOT NULL UNIQUE,
  start_ns INTEGER NOT NULL, end_ns INTEGER NOT NULL,
  root_rank INTEGER NOT NULL, root_start_ns INTEGER NOT NULL, root_service_id INTEGER NOT NULL, root_name TEXT NOT NULL,
  span_count INTEGER NOT NULL, error_count INTEGER NOT NULL, services TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS traces_by_start ON traces (start_ns, trace_id);

CREATE TABLE IF NOT EXISTS spans (
  id INTEGER PRIMARY KEY, trace_seq INTEGER NOT NULL, service_id INTEGER NOT NULL,
  resource_id INTEGER NOT NULL, scope_id INTEGER NOT NULL,
  name TEXT NOT NULL, kind INTEGER NOT NULL, start_ns INTEGER NOT NULL, duration_ns INTEGER NOT NULL,
  attrs TEXT NOT NULL, body BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS spans_by_trace ON spans (trace_seq);
CREATE INDEX IF NOT EXISTS spans_by_service ON spans (service_id, start_ns, duration_ns);

CREATE TABLE IF NOT EXISTS span_blocks (
  id INTEGER PRIMARY KEY, service_id INTEGER NOT NULL, min_start_ns INTEGER NOT NULL, max_start_ns INTEGER NOT NULL,
  first_span_id INTEGER NOT NULL, last_span_id INTEGER NOT NULL, bloom BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS span_blocks_by_service ON span_blocks (service_id, max_start_ns);

CREATE TABLE IF NOT EXISTS edges (
  tier INTEGER NOT NULL, bucket INTEGER NOT NULL, parent TEXT NOT NULL, child TEXT NOT NULL, virtual INTEGER NOT NULL,
  calls INTEGER NOT NULL, errors INTEGER NOT NULL, faults INTEGER NOT NULL, throttles INTEGER NOT NULL,
  min_ns INTEGER NOT NULL, max_ns INTEGER NOT NULL, histogram BLOB NOT NULL,
  PRIMARY KEY (tier, bucket, parent, child, virtual)) WITHOUT ROWID;
`;
