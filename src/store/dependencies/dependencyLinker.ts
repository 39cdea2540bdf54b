import { SpanKind } from '../../model/span.js';
import { classifyCall, type CallOutcome } from './callOutcome.js';
import type { LinkableSpan } from './linkableSpan.js';
import { Generation, newKey, setSpan, setTrace, SETTLED, SHARES_CLIENT_ID, STATUS_ERROR, WAS_CALLEE, type SameCallServices } from './waitingSpans.js';

// Dependency edges built at ingest, not by a batch job (docs/architecture.md, "The store"), without I/O so every store
// can use it.
//
// A caller span (CLIENT or PRODUCER) pairs with a callee span that names it as parent (SERVER or CLIENT under a
// CLIENT; CONSUMER under a PRODUCER, as parent or link), in either arrival order: each side waits for the other
// (see below for how long). A pair across two services is one call parent service -> child service. A pair inside one
// service is no edge: with Istio, app CLIENT(A) -> sidecar CLIENT(A) -> sidecar SERVER(B) -> app SERVER(B) makes
// only the edge A -> B, and unnormalized sidecars (which report CLIENT everywhere) make CLIENT(A) -> CLIENT(B) the
// edge. Such a pair settles the caller; a CLIENT that was itself the callee of a pair is never a caller of a virtual
// node. A caller still unsettled when it stops waiting is a call to a virtual node named by its peer attributes.
// A B3 shared SERVER span stored on its caller's own id (LinkableSpan.sharesClientId) also waits under its own id and
// pairs with the CLIENT span of that id; since its service's children then hang under that CLIENT span too, a CLIENT
// child of the same service is no second call (and vice versa), and waiting shared SERVER spans pair first, so the
// call carries the server's outcome.
//
// Waiting spans are kept in two generations that rotate when the current one is a grace period old (or holds half
// of `maxPending` entries): a span is looked up in both, and a caller still unsettled when its generation is dropped
// becomes a virtual call. So each side waits between one and two grace periods (less under overload), at constant
// cost per span and bounded memory. What waits is kept as numbers (waitingSpans.ts).

/** One call on an edge. */
export interface EdgeCall {
  parent: string;
  child: string;
  /** The child is named from a caller's attributes, not seen sending spans of its own. */
  virtual: boolean;
  /** Start and duration of the caller span. */
  startNanos: bigint;
  durationNanos: bigint;
  outcome: CallOutcome;
}

export type EmitCall = (call: EdgeCall) => void;

export interface DependencyLinkerOptions {
  graceMillis: number;
  maxPending: number;
}

export interface DependencyLinker {
  /** Pairs a span with what is waiting and emits the calls that follow from it; `nowMillis` is its arrival time. */
  observe(span: LinkableSpan, nowMillis: number, emit: EmitCall): void;
  /** Moves the generations on when due, emitting callers that waited one to two grace periods unsettled. */
  expire(nowMillis: number, emit: EmitCall): void;
  /** Ends every grace period now (at shutdown). */
  expireAll(emit: EmitCall): void;
  pending(): { callers: number; callees: number };
}

/**
 * A callee as pairing reads it, from a span just observed or from a waiting record: one object, filled for each pair,
 * so that neither side needs an object of its own.
 */
interface Callee {
  kind: SpanKind;
  service: string;
  /** 0 for none. */
  httpStatus: number;
  statusError: boolean;
  /** It names the caller by its own span id (a shared SERVER span waiting under its own id). */
  ownId: boolean;
  /** Its own record as a caller (a CLIENT span), in `generation`, or -1. */
  asCaller: number;
  generation: Generation;
}

export function createDependencyLinker(options: DependencyLinkerOptions): DependencyLinker {
  let current = new Generation(-Infinity);
  let previous = new Generation(-Infinity);
  const maxPerGeneration = Math.max(1, Math.floor(options.maxPending / 2));
  const key = newKey();
  const callee: Callee = { kind: SpanKind.UNSPECIFIED, service: '', httpStatus: 0, statusError: false, ownId: false, asCaller: -1, generation: current };

  function calleeFromSpan(span: LinkableSpan, ownId: boolean, asCaller: number): Callee {
    callee.kind = span.kind;
    callee.service = span.service;
    callee.httpStatus = span.httpStatus ?? 0;
    callee.statusError = span.statusError;
    callee.ownId = ownId;
    callee.asCaller = asCaller;
    callee.generation = current;
    return callee;
  }

  function calleeFromLink(g: Generation, link: number): Callee {
    const r = g.linkRecord[link] as number;
    callee.kind = g.kind[r] as SpanKind;
    callee.service = g.names[g.service[r] as number] as string;
    callee.httpStatus = g.httpStatus[r] as number;
    callee.statusError = ((g.flags[r] as number) & STATUS_ERROR) !== 0;
    callee.ownId = g.linkOwnId[link] === 1;
    // A waiting CLIENT span waits on its caller record (observe).
    callee.asCaller = callee.kind === SpanKind.CLIENT ? r : -1;
    callee.generation = g;
    return callee;
  }

  /** Pairs the caller (record `caller` of `g`) with a callee and emits the call, if they make one. */
  function pair(g: Generation, caller: number, c: Callee, emit: EmitCall): void {
    const callerKind = g.kind[caller];
    const pairs = callerKind === SpanKind.CLIENT ? c.kind === SpanKind.SERVER || c.kind === SpanKind.CLIENT : c.kind === SpanKind.CONSUMER;
    if (!pairs) return;
    const flags = g.flags[caller] as number;
    g.flags[caller] = flags | SETTLED;
    if (g.names[g.service[caller] as number] === c.service) return;
    if (callerKind === SpanKind.CLIENT && isSameCall(g, caller, c)) return;
    if (c.asCaller >= 0) c.generation.flags[c.asCaller] = (c.generation.flags[c.asCaller] as number) | WAS_CALLEE;
    emit(callOf(g, caller, c.service, false, (g.httpStatus[caller] as number) || c.httpStatus, (flags & STATUS_ERROR) !== 0 || c.statusError));
  }

  /** Records which way the callee met this CLIENT caller; true when the other way already counted this call. */
  function isSameCall(g: Generation, caller: number, c: Callee): boolean {
    if (c.kind !== SpanKind.CLIENT && !(c.kind === SpanKind.SERVER && c.ownId)) return false;
    let met: SameCallServices | undefined = g.sameCall.get(caller);
    if (met === undefined) g.sameCall.set(caller, (met = {}));
    if (c.kind === SpanKind.SERVER) {
      (met.sharedId ??= new Set()).add(c.service);
      return met.clientChild?.has(c.service) === true;
    }
    (met.clientChild ??= new Set()).add(c.service);
    return met.sharedId?.has(c.service) === true;
  }

  /** A caller leaving unsettled is a call to the virtual node its peer attributes name. */
  function finish(g: Generation, caller: number, emit: EmitCall): void {
    if (((g.flags[caller] as number) & (SETTLED | WAS_CALLEE)) !== 0) return;
    const peer = g.peer[caller] as number;
    if (peer < 0 || peer === g.service[caller]) return;
    emit(callOf(g, caller, g.names[peer] as string, true, g.httpStatus[caller] as number, ((g.flags[caller] as number) & STATUS_ERROR) !== 0));
  }

  function rotate(now: number, emit: EmitCall): void {
    for (let s = 0; s < previous.slots; s++) {
      const caller = previous.slotCaller[s] as number;
      if (caller >= 0) finish(previous, caller, emit);
    }
    const dropped = previous;
    previous = current;
    dropped.clear(now);
    current = dropped;
  }

  /**
   * Pairs `span` with the caller (the trace id in `key`, spanId), or leaves it waiting for it. `record` is the span's
   * record in the current generation, or -1 when it has none yet; returns it, made if the span had to wait.
   */
  function relate(spanId: string, span: LinkableSpan, record: number, asCaller: number, emit: EmitCall): number {
    setSpan(key, spanId);
    let slot = current.find(key);
    let g = current;
    let caller = slot >= 0 ? (current.slotCaller[slot] as number) : -1;
    if (caller < 0) {
      const old = previous.find(key);
      if (old >= 0 && (previous.slotCaller[old] as number) >= 0) {
        g = previous;
        caller = previous.slotCaller[old] as number;
      }
    }
    const ownId = span.spanId === spanId;
    if (caller >= 0) {
      pair(g, caller, calleeFromSpan(span, ownId, asCaller), emit);
      return record;
    }
    if (slot < 0) slot = current.addSlot(key);
    if (record < 0) record = current.addRecord(span);
    current.addLink(slot, record, ownId);
    current.entries++;
    return record;
  }

  /** Pairs the callees waiting in slot `slot` of `g` with a caller of the current generation, shared SERVER spans first. */
  function pairWaiting(caller: number, g: Generation, slot: number, emit: EmitCall): void {
    pairSome(caller, g, slot, true, emit);
    pairSome(caller, g, slot, false, emit);
  }

  function pairSome(caller: number, g: Generation, slot: number, sharesClientId: boolean, emit: EmitCall): void {
    for (let l = g.slotFirst[slot] as number; l >= 0; l = g.linkNext[l] as number) {
      const shares = ((g.flags[g.linkRecord[l] as number] as number) & SHARES_CLIENT_ID) !== 0;
      if (shares === sharesClientId) pair(current, caller, calleeFromLink(g, l), emit);
    }
  }

  /**
   * Records a CLIENT/PRODUCER span as the caller of its id (its trace id in `key`) and pairs the callees waiting for
   * it; returns its record.
   */
  function observeCaller(span: LinkableSpan, emit: EmitCall): number {
    const caller = current.addRecord(span);
    setSpan(key, span.spanId);
    const slot = current.slotFor(key);
    current.slotCaller[slot] = caller;
    current.entries++;
    const old = previous.find(key);
    if (old >= 0) {
      pairWaiting(caller, previous, old, emit);
      previous.slotCaller[old] = -1;
      previous.dropLinks(old);
    }
    if ((current.slotFirst[slot] as number) >= 0) {
      pairWaiting(caller, current, slot, emit);
      current.dropLinks(slot);
    }
    return caller;
  }

  return {
    observe(span, nowMillis, emit) {
      if (current.entries >= maxPerGeneration || nowMillis - current.startedMillis >= options.graceMillis) rotate(nowMillis, emit);
      // The span's trace id is read once; only links name another.
      setTrace(key, span.traceId);
      const asCaller = span.kind === SpanKind.CLIENT || span.kind === SpanKind.PRODUCER ? observeCaller(span, emit) : -1;
      if (span.kind === SpanKind.PRODUCER) return;
      let record = asCaller;
      if (span.parentSpanId !== '') record = relate(span.parentSpanId, span, record, asCaller, emit);
      if (span.sharesClientId) record = relate(span.spanId, span, record, -1, emit);
      const links = span.links;
      for (let i = 0; i < links.length; i++) {
        const l = links[i] as (typeof links)[number];
        if (l.traceId === span.traceId && l.spanId === span.parentSpanId) continue;
        setTrace(key, l.traceId);
        record = relate(l.spanId, span, record, asCaller, emit);
      }
    },
    expire(nowMillis, emit) {
      if (nowMillis - current.startedMillis >= options.graceMillis) rotate(nowMillis, emit);
    },
    expireAll(emit) {
      rotate(-Infinity, emit);
      rotate(-Infinity, emit);
    },
    pending() {
      const a = countWaiting(current);
      const b = countWaiting(previous);
      return { callers: a.callers + b.callers, callees: a.callees + b.callees };
    },
  };
}

/** The call from a caller record of `g` to `child`. */
function callOf(g: Generation, caller: number, child: string, virtual: boolean, httpStatus: number, statusError: boolean): EdgeCall {
  return {
    parent: g.names[g.service[caller] as number] as string,
    child,
    virtual,
    startNanos: g.start[caller] as bigint,
    durationNanos: BigInt(g.duration[caller] as number),
    outcome: classifyCall(httpStatus === 0 ? undefined : httpStatus, statusError),
  };
}

function countWaiting(g: Generation): { callers: number; callees: number } {
  let callers = 0;
  let callees = 0;
  for (let s = 0; s < g.slots; s++) {
    if ((g.slotCaller[s] as number) >= 0) callers++;
    for (let l = g.slotFirst[s] as number; l >= 0; l = g.linkNext[l] as number) callees++;
  }
  return { callers, callees };
}
