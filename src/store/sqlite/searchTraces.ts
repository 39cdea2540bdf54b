import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { PipelineError } from '../../errors.js';
import { encodeSearchCursor, isAfter } from '../searchCursor.js';
import type { TraceSearchResult } from '../store.js';
import type { CheckedQuery } from '../validateQuery.js';
import { equalsPattern, existsPattern } from './attributeText.js';
import type { CatalogueReader } from './catalogueReader.js';
import { int64 } from './int64.js';
import type { TraceSummaryReader } from './traceSummaries.js';

// Trace search (README.md, "Search"). A trace matches when one span meets every span condition and the trace's
// start is in the window. Two plans:
// - with a service: walk that service's spans newest first (index spans_by_service) and stop as soon as the page is
//   certain: a trace not yet met starts no later than the span being read, so once `limit + 1` traces found start
//   after it, no later span can change the page. Span starts are bounded above by the window's end plus the longest
//   trace duration seen, since a span starts within its trace.
// - without: walk traces newest first (index traces_by_start) and test each for a matching span.
// Either plan can read every stored span when few match (many traces starting at once, a rare attribute), so each
// runs under a deadline: better-sqlite3 cannot interrupt a statement, but a statement stops when a function it calls
// throws, so both plans call sb_search_deadline() for every row they look at, and it throws SB_QUERY_TIMEOUT once the
// search has run `timeoutMillis`.

type Bind = number | bigint | string | Buffer;

interface Condition {
  sql: string;
  params: Bind[];
}

/** How long a search runs by default before it is stopped. */
export const DEFAULT_SEARCH_TIMEOUT_MILLIS = 2000;

export function createTraceSearch(db: Database.Database, catalogues: CatalogueReader, traces: TraceSummaryReader, longestTraceNanos: () => bigint, timeoutMillis = DEFAULT_SEARCH_TIMEOUT_MILLIS): (q: CheckedQuery) => TraceSearchResult {
  // The running search's deadline (performance.now() milliseconds); searches run one at a time on a connection.
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
      }
    }
    return { sql: parts.length === 0 ? '' : parts.join(' AND '), params };
  }

  function byService(q: CheckedQuery, serviceId: number, cond: Condition): TraceSearchResult {
    const windowMin = q.startTimeMin ?? 0n;
    const windowMax = q.startTimeMax ?? int64(1n << 63n);
    const newest = q.after !== undefined && q.after.startNanos < windowMax ? q.after.startNanos : windowMax;
    const spanMax = int64(newest + longestTraceNanos());
    const sql = `SELECT s.trace_seq, s.start_ns FROM spans s INDEXED BY spans_by_service
      WHERE s.service_id = ? AND s.start_ns >= ? AND s.start_ns <= ? AND sb_search_deadline()${cond.sql === '' ? '' : ` AND ${cond.sql}`}
      ORDER BY s.start_ns DESC`;
    const rows = prepare(sql).raw().iterate(serviceId, int64(windowMin), spanMax, ...cond.params) as IterableIterator<[bigint, bigint]>;
    const seen = new Set<bigint>();
    const found: { seq: number; startNanos: bigint; traceId: string }[] = [];
    let undecided: bigint[] = [];
    let certain = 0;
    for (const [seq, spanStart] of rows) {
      if (undecided.length > 0) {
        const still = undecided.filter((t) => t <= spanStart);
        certain += undecided.length - still.length;
        undecided = still;
      }
      if (certain > q.limit) break;
      if (seen.has(seq)) continue;
      seen.add(seq);
      const t = traces.startOf(Number(seq));
      if (t === undefined || t.startNanos < windowMin || t.startNanos > windowMax) continue;
      if (q.after !== undefined && !isAfter(q.after, t.startNanos, t.traceId)) continue;
      found.push({ seq: Number(seq), ...t });
      undecided.push(t.startNanos);
    }
    found.sort((a, b) => (a.startNanos !== b.startNanos ? (a.startNanos > b.startNanos ? -1 : 1) : a.traceId > b.traceId ? -1 : a.traceId < b.traceId ? 1 : 0));
    return page(found, q.limit);
  }

  function byTrace(q: CheckedQuery, cond: Condition): TraceSearchResult {
    const where = ['t.start_ns >= ?', 't.start_ns <= ?', 'sb_search_deadline()'];
    const params: Bind[] = [int64(q.startTimeMin ?? 0n), int64(q.startTimeMax ?? 1n << 63n)];
    if (q.after !== undefined) {
      where.push('(t.start_ns < ? OR (t.start_ns = ? AND t.trace_id < ?))');
      params.push(int64(q.after.startNanos), int64(q.after.startNanos), Buffer.from(q.after.traceId, 'hex'));
    }
    if (q.minDurationNanos !== undefined) {
      // A span lasts no longer than its trace: traces too short are passed over without reading their spans.
      where.push('t.end_ns - t.start_ns >= ?');
      params.push(int64(q.minDurationNanos));
    }
    if (cond.sql !== '') {
      where.push(`EXISTS (SELECT 1 FROM spans s WHERE s.trace_seq = t.seq AND sb_search_deadline() AND ${cond.sql})`);
      params.push(...cond.params);
    }
    const sql = `SELECT t.seq, t.start_ns, t.trace_id FROM traces t INDEXED BY traces_by_start WHERE ${where.join(' AND ')}
      ORDER BY t.start_ns DESC, t.trace_id DESC LIMIT ?`;
    const rows = prepare(sql).raw().all(...params, q.limit + 1) as [bigint, bigint, Buffer][];
    return page(rows.map(([seq, startNanos, id]) => ({ seq: Number(seq), startNanos, traceId: id.toString('hex') })), q.limit);
  }

  function page(found: { seq: number; startNanos: bigint; traceId: string }[], limit: number): TraceSearchResult {
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
      return serviceId === undefined ? byTrace(q, cond) : byService(q, serviceId, cond);
    } finally {
      deadline = Number.POSITIVE_INFINITY;
    }
  };
}
