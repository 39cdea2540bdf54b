import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { PipelineError } from '../../errors.js';
import { encodeSearchCursor } from '../searchCursor.js';
import type { TraceSearchResult } from '../store.js';
import type { CheckedQuery } from '../validateQuery.js';
import { equalsPattern, existsPattern } from './attributeText.js';
import { equalsHash, existsHash } from './blockBloom.js';
import type { CatalogueReader } from './catalogueReader.js';
import { int64 } from './int64.js';
import { Candidates, blockWalk, drain, indexWalk, race, traceWalk, type Found, type Plan, type PlanQuery } from './searchPlans.js';
import type { TraceSummaryReader } from './traceSummaries.js';

// Trace search (README.md, "Search"). A trace matches when one span meets every span condition and the trace's
// start is in the window. The plans (searchPlans.ts):
// - with a service, two in turn: a span walk and a trace walk, the answer of the one that ends first. The span walk
//   reads the service's matching spans newest first and stops as soon as the page is certain: by the index
//   spans_by_service, or, when a condition is an attribute equality or existence, by the span blocks whose bloom
//   filter may hold it (span_blocks). It cannot decide between traces starting at one moment until it has read them
//   all; the trace walk (below, with the service as a condition) reads them in page order, so a crowd of traces
//   starting together costs about `limit` traces.
// - without: the trace walk: traces newest first (index traces_by_start), each tested for a matching span.
// A search for a value no block holds, or a regex (blooms cannot answer it), can still read many spans, so each runs
// under a deadline: better-sqlite3 cannot interrupt a statement, but a statement stops when a function it calls
// throws, so the plans call sb_search_deadline() for every row they look at, and it throws SB_QUERY_TIMEOUT once the
// search has run `timeoutMillis`.

type Bind = number | bigint | string | Buffer;

interface Condition {
  sql: string;
  params: Bind[];
  /** The bloom hashes (blockBloom.ts) of the equality and existence conditions: a block without one has no match. */
  hashes: number[];
}

/** Rows the span walk reads alone before the trace walk runs beside it. */
const RACE_AFTER_ROWS = 1000;

/** How long a search runs by default before it is stopped. */
export const DEFAULT_SEARCH_TIMEOUT_MILLIS = 2000;

export function createTraceSearch(db: Database.Database, catalogues: CatalogueReader, traces: TraceSummaryReader, longestTraceNanos: () => bigint, timeoutMillis = DEFAULT_SEARCH_TIMEOUT_MILLIS, onSearched?: (rowsRead: number) => void): (q: CheckedQuery) => TraceSearchResult {
  // The running search's deadline (performance.now() milliseconds); searches run one at a time on a connection. `calls`
  // counts the rows the search looked at.
  let deadline = Number.POSITIVE_INFINITY;
  let calls = 0;
  // Not deterministic, so SQLite calls it for every row instead of once. The clock is read every 256th call.
  db.function('sb_search_deadline', { deterministic: false }, () => {
    if ((++calls & 0xff) === 0 && performance.now() > deadline) {
      throw new PipelineError('SB_QUERY_TIMEOUT', `the search ran past its deadline of ${timeoutMillis} ms (storage.query_timeout) and was stopped; narrow it with a service, an operation or a shorter time range`);
    }
    return 1;
  });

  // Prepared statements by SQL text (a query's shape), the 200 used last.
  const statements = new LRUCache<string, Database.Statement>({ max: 200 });
  const prepare = (sql: string): Database.Statement => {
    let stmt = statements.get(sql);
    if (stmt === undefined) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };

  /** SQL over span alias `s` for every span condition but the service; undefined when nothing can match. */
  function spanCondition(q: CheckedQuery): Condition | undefined {
    const parts: string[] = [];
    const params: Bind[] = [];
    const hashes: number[] = [];
    if (q.operation !== undefined) {
      parts.push('s.name = ?');
      params.push(q.operation);
    }
    if (q.spanKind !== undefined) {
      parts.push('s.kind = ?');
      params.push(q.spanKind);
    }
    if (q.minDurationNanos !== undefined) {
      parts.push('s.duration_ns >= ?');
      params.push(int64(q.minDurationNanos));
    }
    if (q.maxDurationNanos !== undefined) {
      parts.push('s.duration_ns <= ?');
      params.push(int64(q.maxDurationNanos));
    }
    for (const f of q.attributes) {
      const keyId = catalogues.knownKeyId(f.key);
      if (keyId === undefined) return undefined;
      if (f.op === 'regex') {
        parts.push('(sb_attr_regexp(s.attrs, ?, ?) OR s.resource_id IN (SELECT id FROM resources WHERE sb_attr_regexp(attrs, ?, ?)))');
        params.push(keyId, f.value ?? '', keyId, f.value ?? '');
      } else {
        const pattern = f.op === 'exists' ? existsPattern(keyId) : equalsPattern(keyId, f.value ?? '');
        parts.push('(instr(s.attrs, ?) > 0 OR s.resource_id IN (SELECT id FROM resources WHERE instr(attrs, ?) > 0))');
        params.push(pattern, pattern);
        hashes.push(f.op === 'exists' ? existsHash(keyId) : equalsHash(keyId, f.value ?? ''));
      }
    }
    return { sql: parts.length === 0 ? '' : parts.join(' AND '), params, hashes };
  }

  const blocksFrom = db.prepare("SELECT value FROM meta WHERE key = 'blocks_from_span_id'").pluck();
  const firstSpan = db.prepare('SELECT min(id) FROM spans').pluck();

  /** Whether every stored span has its block (a file of schema 2 or older has spans written without). */
  function allSpansInBlocks(): boolean {
    const from = BigInt((blocksFrom.get() as string | undefined) ?? '1');
    const first = firstSpan.get() as bigint | null;
    return first === null || first >= from;
  }

  /** The window's traces newest first, each with whether it has a span meeting `cond` (of the service, if any). */
  function traceWalkOf(q: CheckedQuery, serviceId: number | undefined, cond: Condition): Plan {
    const params: Bind[] = [];
    const spanWhere: string[] = [];
    if (serviceId !== undefined) {
      spanWhere.push('s.service_id = ?');
      params.push(serviceId);
    }
    if (cond.sql !== '') {
      spanWhere.push(cond.sql);
      params.push(...cond.params);
    }
    const hit = spanWhere.length === 0 ? '1' : `EXISTS (SELECT 1 FROM spans s INDEXED BY spans_by_trace WHERE s.trace_seq = t.seq AND sb_search_deadline() AND ${spanWhere.join(' AND ')})`;
    const windowMax = int64(q.startTimeMax ?? 1n << 63n);
    const where = ['t.start_ns >= ?'];
    params.push(int64(q.startTimeMin ?? 0n));
    if (q.after !== undefined && q.after.startNanos <= windowMax) {
      // After the cursor, as a row value alone: SQLite then seeks to it in traces_by_start (with the window's end
      // beside it, or an OR of the two cases, it would walk from the window's end).
      where.push('(t.start_ns, t.trace_id) < (?, ?)');
      params.push(int64(q.after.startNanos), Buffer.from(q.after.traceId, 'hex'));
    } else {
      where.push('t.start_ns <= ?');
      params.push(windowMax);
    }
    where.push('sb_search_deadline()');
    if (q.minDurationNanos !== undefined) {
      // A span lasts no longer than its trace: traces too short are passed over without reading their spans.
      where.push('t.end_ns - t.start_ns >= ?');
      params.push(int64(q.minDurationNanos));
    }
    const sql = `SELECT t.seq, t.start_ns, t.trace_id, ${hit} FROM traces t INDEXED BY traces_by_start WHERE ${where.join(' AND ')}
      ORDER BY t.start_ns DESC, t.trace_id DESC`;
    return traceWalk(prepare(sql), params, q.limit);
  }

  function byService(q: CheckedQuery, serviceId: number, cond: Condition): Found[] {
    const windowMin = int64(q.startTimeMin ?? 0n);
    const windowMax = int64(q.startTimeMax ?? 1n << 63n);
    const newest = q.after !== undefined && q.after.startNanos < windowMax ? q.after.startNanos : windowMax;
    const pq: PlanQuery = {
      serviceId, limit: q.limit, windowMin, windowMax, spanMax: int64(newest + longestTraceNanos()), after: q.after,
      condSql: cond.sql === '' ? '' : ` AND ${cond.sql}`, condParams: cond.params,
    };
    const candidates = new Candidates(pq, (seq) => traces.startOf(seq));
    let spanWalk: Plan;
    if (cond.hashes.length > 0 && allSpansInBlocks()) {
      const blocks = prepare(`SELECT max_start_ns, first_span_id, last_span_id, bloom FROM span_blocks INDEXED BY span_blocks_by_service
        WHERE service_id = ? AND max_start_ns >= ? AND min_start_ns <= ? AND sb_search_deadline() ORDER BY max_start_ns DESC`);
      const spans = prepare(`SELECT s.trace_seq FROM spans s NOT INDEXED
        WHERE s.id BETWEEN ? AND ? AND s.service_id = ? AND s.start_ns >= ? AND s.start_ns <= ? AND sb_search_deadline()${pq.condSql}`);
      spanWalk = blockWalk(blocks, spans, pq, cond.hashes, candidates);
    } else {
      const spans = prepare(`SELECT s.trace_seq, s.start_ns FROM spans s INDEXED BY spans_by_service
        WHERE s.service_id = ? AND s.start_ns >= ? AND s.start_ns <= ? AND sb_search_deadline()${pq.condSql}
        ORDER BY s.start_ns DESC`);
      spanWalk = indexWalk(spans, pq, candidates);
    }
    return race(spanWalk, () => traceWalkOf(q, serviceId, cond), RACE_AFTER_ROWS, () => calls);
  }

  function page(found: Found[], limit: number): TraceSearchResult {
    found.sort((a, b) => (a.startNanos !== b.startNanos ? (a.startNanos > b.startNanos ? -1 : 1) : a.traceId > b.traceId ? -1 : a.traceId < b.traceId ? 1 : 0));
    const shown = found.slice(0, limit);
    const result: TraceSearchResult = { traces: shown.flatMap((f) => traces.readBySeq(f.seq) ?? []) };
    const last = shown[shown.length - 1];
    if (found.length > limit && last !== undefined) result.nextCursor = encodeSearchCursor(last);
    return result;
  }

  return (q) => {
    const cond = spanCondition(q);
    if (cond === undefined) return { traces: [] };
    const serviceId = q.service === undefined ? undefined : catalogues.knownServiceId(q.service);
    if (q.service !== undefined && serviceId === undefined) return { traces: [] };
    deadline = performance.now() + timeoutMillis;
    calls = 0;
    try {
      const found = serviceId === undefined ? drain(traceWalkOf(q, undefined, cond)) : byService(q, serviceId, cond);
      return page(found, q.limit);
    } finally {
      deadline = Number.POSITIVE_INFINITY;
      onSearched?.(calls);
    }
  };
}
