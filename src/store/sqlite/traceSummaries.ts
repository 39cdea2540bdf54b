import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { TraceSummary } from '../store.js';
import { createMultiRowInsert } from './multiRowInsert.js';

// Per-trace summaries kept current as spans arrive, late ones included. The root is the span with no parent, else the
// earliest span: candidates compare by (rank, start) with rank 0 for a parentless span and 1 otherwise, so a late
// root replaces an earlier guess. Recently written traces are remembered in memory (bounded), so a trace that keeps
// receiving spans is read from SQLite once.

/** Traces remembered, the ones written last (reads do not count as a use). */
const MAX_CACHED_TRACES = 20_000;

/**
 * Spans and errors by service id, as consecutive triples (id, spans, errors) in first-seen order: a trace touches a
 * few services, and 20k remembered traces hold one small array each rather than a Map and an object per service.
 */
type ServiceCounts = number[];

interface TraceState {
  seq: number;
  start: bigint;
  end: bigint;
  rootRank: number;
  rootStart: bigint;
  rootServiceId: number;
  rootName: string;
  spanCount: number;
  errorCount: number;
  services: ServiceCounts;
}

/** `services` column: `<service id>:<spans>:<errors>` joined by `;`. */
function formatServices(c: ServiceCounts): string {
  let s = '';
  for (let i = 0; i < c.length; i += 3) s += `${i === 0 ? '' : ';'}${c[i]}:${c[i + 1]}:${c[i + 2]}`;
  return s;
}

function parseServices(text: string): ServiceCounts {
  const c: ServiceCounts = [];
  if (text === '') return c;
  for (const part of text.split(';')) {
    const [id, spans, errors] = part.split(':').map(Number);
    c.push(id ?? 0, spans ?? 0, errors ?? 0);
  }
  return c;
}

/** Counts a span of `serviceId` into `c`. */
function countService(c: ServiceCounts, serviceId: number, isError: boolean): void {
  for (let i = 0; i < c.length; i += 3) {
    if (c[i] !== serviceId) continue;
    c[i + 1] = (c[i + 1] as number) + 1;
    if (isError) c[i + 2] = (c[i + 2] as number) + 1;
    return;
  }
  c.push(serviceId, 1, isError ? 1 : 0);
}

export interface TraceSummaries {
  /** Counts a span into its trace (read, or created, on first use in a write); returns the trace's seq. */
  addSpan(traceId: string, serviceId: number, name: string, hasParent: boolean, start: bigint, end: bigint, isError: boolean): number;
  /** Writes every trace touched since the last flush; returns the longest trace duration among them. */
  flush(): bigint;
  /** Forgets remembered traces (after a rolled-back write, or when retention deleted them). */
  forget(traceIds?: Iterable<string>): void;
}

/** The summaries as readers see them, from the table (the writer may run on another connection). */
export interface TraceSummaryReader {
  seqOf(traceId: string): number | undefined;
  /** Start and trace id of a trace by seq. */
  startOf(seq: number): { startNanos: bigint; traceId: string } | undefined;
  read(traceId: string): TraceSummary | undefined;
  readBySeq(seq: number): TraceSummary | undefined;
}

export function createTraceSummaryReader(db: Database.Database, serviceName: (id: number) => string): TraceSummaryReader {
  const selectSeq = db.prepare('SELECT seq FROM traces WHERE trace_id = ?').pluck().safeIntegers(false);
  const selectStart = db.prepare('SELECT start_ns, trace_id FROM traces WHERE seq = ?').raw();
  const summaryBySeq = db.prepare('SELECT trace_id, start_ns, end_ns, root_service_id, root_name, span_count, error_count, services FROM traces WHERE seq = ?').raw();

  function summary(row: unknown[]): TraceSummary {
    const [traceId, start, end, rootServiceId, rootName, spanCount, errorCount, counts] = row as [Buffer, bigint, bigint, bigint, string, bigint, bigint, string];
    const c = parseServices(counts);
    const services: TraceSummary['services'] = [];
    for (let i = 0; i < c.length; i += 3) services.push({ service: serviceName(c[i] as number), spanCount: c[i + 1] as number, errorCount: c[i + 2] as number });
    services.sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
    return {
      traceId: traceId.toString('hex'), rootService: serviceName(Number(rootServiceId)), rootOperation: rootName,
      startTimeUnixNano: start, durationNanos: end - start, spanCount: Number(spanCount), errorCount: Number(errorCount), services,
    };
  }

  function seqOf(traceId: string): number | undefined {
    return selectSeq.get(Buffer.from(traceId, 'hex')) as number | undefined;
  }

  function readBySeq(seq: number): TraceSummary | undefined {
    const row = summaryBySeq.get(seq) as unknown[] | undefined;
    return row === undefined ? undefined : summary(row);
  }

  return {
    seqOf,
    startOf(seq) {
      const r = selectStart.get(seq) as [bigint, Buffer] | undefined;
      return r === undefined ? undefined : { startNanos: r[0], traceId: r[1].toString('hex') };
    },
    read(traceId) {
      const seq = seqOf(traceId);
      return seq === undefined ? undefined : readBySeq(seq);
    },
    readBySeq,
  };
}

interface Pending {
  state: TraceState;
  isNew: boolean;
}

export function createTraceSummaries(db: Database.Database): TraceSummaries {
  const selectState = db.prepare('SELECT seq, start_ns, end_ns, root_rank, root_start_ns, root_service_id, root_name, span_count, error_count, services FROM traces WHERE trace_id = ?');
  const maxSeq = db.prepare('SELECT max(seq) FROM traces').pluck();
  const insertTraces = createMultiRowInsert(db, {
    head: 'INSERT INTO traces (seq, trace_id, start_ns, end_ns, root_rank, root_start_ns, root_service_id, root_name, span_count, error_count, services)',
    columns: 11,
  });
  const updateTrace = db.prepare('UPDATE traces SET start_ns = ?, end_ns = ?, root_rank = ?, root_start_ns = ?, root_service_id = ?, root_name = ?, span_count = ?, error_count = ?, services = ? WHERE seq = ?');

  const cache = new LRUCache<string, TraceState>({ max: MAX_CACHED_TRACES });
  const pending = new Map<string, Pending>();
  let nextSeq = Number((maxSeq.get() as bigint | null) ?? 0n) + 1;

  function load(traceId: string): Pending {
    const cached = cache.peek(traceId);
    if (cached !== undefined) return { state: cached, isNew: false };
    const r = selectState.get(Buffer.from(traceId, 'hex')) as Record<string, bigint | string> | undefined;
    if (r === undefined) {
      const state: TraceState = { seq: nextSeq++, start: 0n, end: 0n, rootRank: 2, rootStart: 0n, rootServiceId: 0, rootName: '', spanCount: 0, errorCount: 0, services: [] };
      return { state, isNew: true };
    }
    const state: TraceState = {
      seq: Number(r.seq), start: r.start_ns as bigint, end: r.end_ns as bigint, rootRank: Number(r.root_rank), rootStart: r.root_start_ns as bigint,
      rootServiceId: Number(r.root_service_id), rootName: r.root_name as string, spanCount: Number(r.span_count), errorCount: Number(r.error_count),
      services: parseServices(r.services as string),
    };
    return { state, isNew: false };
  }

  return {
    addSpan(traceId, serviceId, name, hasParent, start, end, isError) {
      let p = pending.get(traceId);
      if (p === undefined) pending.set(traceId, (p = load(traceId)));
      const state = p.state;
      if (state.spanCount === 0 || start < state.start) state.start = start;
      if (state.spanCount === 0 || end > state.end) state.end = end;
      const rank = hasParent ? 1 : 0;
      if (rank < state.rootRank || (rank === state.rootRank && start < state.rootStart)) {
        state.rootRank = rank;
        state.rootStart = start;
        state.rootServiceId = serviceId;
        state.rootName = name;
      }
      state.spanCount++;
      if (isError) state.errorCount++;
      countService(state.services, serviceId, isError);
      return state.seq;
    },
    flush() {
      let longest = 0n;
      const inserted: [string, TraceState][] = [];
      for (const [traceId, { state: s, isNew }] of pending) {
        if (isNew) inserted.push([traceId, s]);
        else updateTrace.run(s.start, s.end, s.rootRank, s.rootStart, s.rootServiceId, s.rootName, s.spanCount, s.errorCount, formatServices(s.services), s.seq);
        if (s.end - s.start > longest) longest = s.end - s.start;
        cache.set(traceId, s);
      }
      insertTraces.run(inserted.length, (p, at, i) => {
        const [traceId, s] = inserted[i] as [string, TraceState];
        p[at] = s.seq;
        p[at + 1] = Buffer.from(traceId, 'hex');
        p[at + 2] = s.start;
        p[at + 3] = s.end;
        p[at + 4] = s.rootRank;
        p[at + 5] = s.rootStart;
        p[at + 6] = s.rootServiceId;
        p[at + 7] = s.rootName;
        p[at + 8] = s.spanCount;
        p[at + 9] = s.errorCount;
        p[at + 10] = formatServices(s.services);
      });
      pending.clear();
      return longest;
    },
    forget(traceIds) {
      pending.clear();
      if (traceIds === undefined) {
        cache.clear();
        nextSeq = Number((maxSeq.get() as bigint | null) ?? 0n) + 1;
      } else for (const id of traceIds) cache.delete(id);
    },
  };
}
