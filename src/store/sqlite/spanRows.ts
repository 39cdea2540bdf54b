import type Database from 'better-sqlite3';
import { int64 } from './int64.js';

// Span rows are gathered for a whole write, ordered by trace (so that a trace's spans share pages, and reading one
// touches few), numbered here (one writer per database), and inserted CHUNK at a time with one multi-row statement.
const CHUNK = 64;
const COLUMNS = 11;

type Row = [traceSeq: number, serviceId: number, resourceId: number, scopeId: number, name: string, kind: number, startNanos: bigint, durationNanos: bigint, attrs: string, body: Buffer];

export interface SpanRows {
  /** A span's row; times and durations are clamped to int64. */
  add(traceSeq: number, serviceId: number, resourceId: number, scopeId: number, name: string, kind: number, startNanos: bigint, durationNanos: bigint, attrs: string, body: Buffer): void;
  /** Inserts what `add` gathered. */
  flush(): void;
  /** Drops what was gathered and renumbers from the table (after a rolled-back write). */
  reset(): void;
}

export function createSpanRows(db: Database.Database): SpanRows {
  const tuple = `(${new Array(COLUMNS).fill('?').join(', ')})`;
  const columns = 'id, trace_seq, service_id, resource_id, scope_id, name, kind, start_ns, duration_ns, attrs, body';
  const insertOne = db.prepare(`INSERT INTO spans (${columns}) VALUES ${tuple}`);
  const insertChunk = db.prepare(`INSERT INTO spans (${columns}) VALUES ${new Array(CHUNK).fill(tuple).join(', ')}`);
  const maxId = db.prepare('SELECT max(id) FROM spans').pluck();
  let rows: Row[] = [];
  let nextId = 0;

  function renumber(): void {
    nextId = Number((maxId.get() as bigint | null) ?? 0n) + 1;
  }
  renumber();

  return {
    add(traceSeq, serviceId, resourceId, scopeId, name, kind, startNanos, durationNanos, attrs, body) {
      rows.push([traceSeq, serviceId, resourceId, scopeId, name, kind, int64(startNanos), int64(durationNanos), attrs, body]);
    },
    flush() {
      rows.sort((a, b) => a[0] - b[0]);
      const values: (number | bigint | string | Buffer)[] = [];
      for (const r of rows) {
        values.push(nextId++, ...r);
        if (values.length === CHUNK * COLUMNS) {
          insertChunk.run(...values);
          values.length = 0;
        }
      }
      for (let i = 0; i < values.length; i += COLUMNS) insertOne.run(...values.slice(i, i + COLUMNS));
      rows = [];
    },
    reset() {
      rows = [];
      renumber();
    },
  };
}
