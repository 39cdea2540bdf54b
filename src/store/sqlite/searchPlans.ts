import type Database from 'better-sqlite3';
import { isAfter, type SearchPosition } from '../searchCursor.js';
import { bloomMayHold } from './blockBloom.js';

// The plans of a search with a service (searchTraces.ts, README.md "Search"). Each is a generator that reads rows one
// at a time, yielding after each, and returns the traces found: the first `limit + 1` in page order, or more
// (unsorted) from the span walks. Yielding lets two plans run in turn (`race`), so that a search costs about twice
// the cheaper plan's reads, whichever it is.

/** A trace found: its number, start and id. */
export interface Found {
  seq: number;
  startNanos: bigint;
  traceId: string;
}

export type Plan = Generator<void, Found[], void>;

export interface PlanQuery {
  serviceId: number;
  limit: number;
  windowMin: bigint;
  windowMax: bigint;
  /** The latest a span of a trace in the window (after the cursor) can start. */
  spanMax: bigint;
  after: SearchPosition | undefined;
  /** SQL over span alias `s` for the conditions other than the service (or ''), and its parameters. */
  condSql: string;
  condParams: (number | bigint | string | Buffer)[];
}

/** A max-heap of trace starts. */
class StartHeap {
  private readonly items: bigint[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): bigint {
    return this.items[0] as bigint;
  }

  push(v: bigint): void {
    const a = this.items;
    let i = a.push(v) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((a[p] as bigint) >= v) break;
      a[i] = a[p] as bigint;
      i = p;
    }
    a[i] = v;
  }

  pop(): void {
    const a = this.items;
    const last = a.pop() as bigint;
    if (a.length === 0) return;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= a.length) break;
      if (c + 1 < a.length && (a[c + 1] as bigint) > (a[c] as bigint)) c++;
      if ((a[c] as bigint) <= last) break;
      a[i] = a[c] as bigint;
      i = c;
    }
    a[i] = last;
  }
}

/**
 * The traces a span walk has met. A walk reads spans so that the spans not read yet start no later than a bound it
 * knows; a trace not met yet then starts no later than the bound either (a span starts within its trace), so once
 * `limit + 1` traces found start after it, the page is certain.
 */
export class Candidates {
  readonly found: Found[] = [];
  private readonly seen = new Set<bigint>();
  private readonly undecided = new StartHeap();
  private certain = 0;

  constructor(
    private readonly q: PlanQuery,
    private readonly startOf: (seq: number) => { startNanos: bigint; traceId: string } | undefined,
  ) {}

  /** No span left to read starts after `bound`: true when the page is certain. */
  settle(bound: bigint): boolean {
    while (this.undecided.size > 0 && this.undecided.peek() > bound) {
      this.undecided.pop();
      this.certain++;
    }
    return this.certain > this.q.limit;
  }

  /** A span of trace `seq` matched. */
  meet(seq: bigint): void {
    if (this.seen.has(seq)) return;
    this.seen.add(seq);
    const t = this.startOf(Number(seq));
    if (t === undefined || t.startNanos < this.q.windowMin || t.startNanos > this.q.windowMax) return;
    if (this.q.after !== undefined && !isAfter(this.q.after, t.startNanos, t.traceId)) return;
    this.found.push({ seq: Number(seq), ...t });
    this.undecided.push(t.startNanos);
  }
}

/** Walks the service's matching spans newest first by the index spans_by_service. */
export function* indexWalk(stmt: Database.Statement, q: PlanQuery, c: Candidates): Plan {
  const rows = stmt.raw().iterate(q.serviceId, q.windowMin, q.spanMax, ...q.condParams) as IterableIterator<[bigint, bigint]>;
  for (const [seq, spanStart] of rows) {
    if (c.settle(spanStart)) break;
    c.meet(seq);
    yield;
  }
  return c.found;
}

/**
 * Walks the service's span blocks by latest start, newest first, and reads the matching spans of those whose filter may
 * hold every hash (by span id range): the blocks not read yet hold no span starting after the next one's latest start.
 */
export function* blockWalk(blocks: Database.Statement, spans: Database.Statement, q: PlanQuery, hashes: number[], c: Candidates): Plan {
  const rows = blocks.raw().iterate(q.serviceId, q.windowMin, q.spanMax) as IterableIterator<[bigint, bigint, bigint, Buffer]>;
  for (const [maxStart, first, last, bloom] of rows) {
    yield;
    if (!hashes.every((h) => bloomMayHold(bloom, h))) continue;
    if (c.settle(maxStart)) break;
    const matching = spans.raw().iterate(first, last, q.serviceId, q.windowMin, q.spanMax, ...q.condParams) as IterableIterator<[bigint]>;
    for (const [seq] of matching) {
      c.meet(seq);
      yield;
    }
  }
  return c.found;
}

/**
 * Walks the window's traces newest first (index traces_by_start), a row each with whether it has a matching span, and
 * returns the first `limit + 1` that do.
 */
export function* traceWalk(stmt: Database.Statement, params: unknown[], limit: number): Plan {
  const found: Found[] = [];
  const rows = stmt.raw().iterate(...params) as IterableIterator<[bigint, bigint, Buffer, bigint]>;
  for (const [seq, startNanos, id, hit] of rows) {
    if (hit !== 0n) {
      found.push({ seq: Number(seq), startNanos, traceId: id.toString('hex') });
      if (found.length > limit) break;
    }
    yield;
  }
  return found;
}

/**
 * Runs `first`; once it has read `head` rows (`rowsRead` counts every row either looks at) without an answer,
 * `second` beside it, always advancing the one that has read fewer rows, so the search reads about twice what the
 * cheaper plan needs. The answer of whichever ends first; both are closed (their statements reset).
 */
export function race(first: Plan, second: () => Plan, head: number, rowsRead: () => number): Found[] {
  let other: Plan | undefined;
  let firstRows = 0;
  let otherRows = 0;
  try {
    for (;;) {
      const before = rowsRead();
      if (other === undefined || firstRows <= otherRows) {
        const a = first.next();
        if (a.done === true) return a.value;
        firstRows += rowsRead() - before;
        if (other === undefined && firstRows >= head) other = second();
      } else {
        const b = other.next();
        if (b.done === true) return b.value;
        otherRows += rowsRead() - before;
      }
    }
  } finally {
    first.return([]);
    other?.return([]);
  }
}

/** Runs a plan to its end. */
export function drain(plan: Plan): Found[] {
  for (;;) {
    const r = plan.next();
    if (r.done === true) return r.value;
  }
}
