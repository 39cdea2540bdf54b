import type Database from 'better-sqlite3';
import { ByteWriter } from './byteWriter.js';
import { int64 } from './int64.js';
import { createMultiRowInsert, type Bind } from './multiRowInsert.js';

// Span rows are gathered for a whole write, ordered by trace (so that a trace's spans share pages, and reading one
// touches few), numbered here (one writer per database), and inserted 64 at a time with one multi-row statement.
// Rows are kept column by column and the bodies back to back in one buffer, so gathering a span allocates next to
// nothing.
const COLUMNS = 11;
/** Numbers kept per row: trace seq, service, resource and scope ids, kind, and where its body ends. */
const NUMBERS = 6;
/** Rows of one write numbered within 21 bits, and trace seqs below 2^32, pack into a double exactly (order()). */
const ROW_MASK = (1 << 21) - 1;
const PACKED_SEQ_LIMIT = 2 ** 32;
/** Columns grown past this many rows are given back after the write. */
const KEEP_ROWS = 1 << 16;
/** The body buffer is given back after a write that grew it past this. */
const KEEP_BODY_BYTES = 16 << 20;

export interface SpanRows {
  /** Where a span's body is written, before its `add`. */
  readonly body: ByteWriter;
  /** The id the next row inserted will have. */
  readonly nextId: number;
  /** A span's row, its body being what was written to `body` since the previous `add`; times are clamped to int64. */
  add(traceSeq: number, serviceId: number, resourceId: number, scopeId: number, name: string, kind: number, startNanos: bigint, durationNanos: bigint, attrs: string): void;
  /** Inserts what `add` gathered. */
  flush(): void;
  /** Drops what was gathered and renumbers from the table (after a rolled-back write). */
  reset(): void;
}

export function createSpanRows(db: Database.Database): SpanRows {
  const insert = createMultiRowInsert(db, { head: 'INSERT INTO spans (id, trace_seq, service_id, resource_id, scope_id, name, kind, start_ns, duration_ns, attrs, body)', columns: COLUMNS });
  const maxId = db.prepare('SELECT max(id) FROM spans').pluck();
  const body = new ByteWriter(1 << 16);
  // Columns, reused from write to write (grown, never shrunk below KEEP_ROWS): the numbers NUMBERS to a row.
  let count = 0;
  let numbers = new Float64Array(NUMBERS * 1024);
  let names: string[] = [];
  let starts: bigint[] = [];
  let durations: bigint[] = [];
  let attrsTexts: string[] = [];
  let nextId = 0;

  function renumber(): void {
    nextId = Number((maxId.get() as bigint | null) ?? 0n) + 1;
  }
  renumber();

  function clear(): void {
    if (count > KEEP_ROWS) {
      numbers = new Float64Array(NUMBERS * 1024);
      names = [];
      starts = [];
      durations = [];
      attrsTexts = [];
    }
    count = 0;
    body.reset(KEEP_BODY_BYTES);
  }

  /** Rows in trace order; rows of one trace keep the order they were added in. */
  function order(): ArrayLike<number> {
    const idx = new Float64Array(count);
    let sorted = true;
    let maxSeq = 0;
    for (let i = 0; i < count; i++) {
      const seq = numbers[i * NUMBERS] as number;
      if (seq > maxSeq) maxSeq = seq;
      if (i > 0 && seq < (numbers[(i - 1) * NUMBERS] as number)) sorted = false;
    }
    if (sorted) {
      for (let i = 0; i < count; i++) idx[i] = i;
    } else if (maxSeq < PACKED_SEQ_LIMIT && count <= ROW_MASK) {
      // (seq, row) packed into one exactly representable number, so the engine's numeric sort needs no comparator.
      for (let i = 0; i < count; i++) idx[i] = (numbers[i * NUMBERS] as number) * (ROW_MASK + 1) + i;
      idx.sort();
      for (let i = 0; i < count; i++) idx[i] = (idx[i] as number) % (ROW_MASK + 1);
    } else {
      for (let i = 0; i < count; i++) idx[i] = i;
      idx.sort((a, b) => (numbers[a * NUMBERS] as number) - (numbers[b * NUMBERS] as number) || a - b);
    }
    return idx;
  }

  function fill(params: Bind[], at: number, row: number): void {
    const n = row * NUMBERS;
    params[at] = nextId++;
    params[at + 1] = numbers[n] as number;
    params[at + 2] = numbers[n + 1] as number;
    params[at + 3] = numbers[n + 2] as number;
    params[at + 4] = numbers[n + 3] as number;
    params[at + 5] = names[row] as string;
    params[at + 6] = numbers[n + 4] as number;
    params[at + 7] = starts[row] as bigint;
    params[at + 8] = durations[row] as bigint;
    params[at + 9] = attrsTexts[row] as string;
    params[at + 10] = body.slice(row === 0 ? 0 : (numbers[n - 1] as number), numbers[n + 5] as number);
  }

  return {
    body,
    get nextId() {
      return nextId;
    },
    add(traceSeq, serviceId, resourceId, scopeId, name, kind, startNanos, durationNanos, attrs) {
      let n = count * NUMBERS;
      if (n + NUMBERS > numbers.length) {
        const grown = new Float64Array(2 * numbers.length);
        grown.set(numbers);
        numbers = grown;
      }
      numbers[n++] = traceSeq;
      numbers[n++] = serviceId;
      numbers[n++] = resourceId;
      numbers[n++] = scopeId;
      numbers[n++] = kind;
      numbers[n] = body.position;
      names[count] = name;
      starts[count] = int64(startNanos);
      durations[count] = int64(durationNanos);
      attrsTexts[count] = attrs;
      count++;
    },
    flush() {
      const idx = order();
      insert.run(idx.length, (params, at, i) => fill(params, at, idx[i] as number));
      clear();
    },
    reset() {
      clear();
      renumber();
    },
  };
}
