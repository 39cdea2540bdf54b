import { SpanKind } from '../../model/span.js';
import { classifyCall, type CallOutcome } from './callOutcome.js';
import type { LinkableSpan } from './linkableSpan.js';

// Dependency edges built at ingest (DESIGN section 7, issue 3 item 1), without I/O so every store can use it.
//
// A caller span (CLIENT or PRODUCER) pairs with a callee span that names it as parent (SERVER or CLIENT under a
// CLIENT; CONSUMER under a PRODUCER, as parent or link), in either arrival order: each side waits for the other
// (see below for how long). A pair across two services is one call parent service -> child service. A pair inside one
// service is no edge: with Istio, app CLIENT(A) -> sidecar CLIENT(A) -> sidecar SERVER(B) -> app SERVER(B) makes
// only the edge A -> B, and unnormalized sidecars (which report CLIENT everywhere) make CLIENT(A) -> CLIENT(B) the
// edge. Such a pair settles the caller; a CLIENT that was itself the callee of a pair is never a caller of a virtual
// node. A caller still unsettled when it stops waiting is a call to a virtual node named by its peer attributes.
//
// Waiting spans are kept in two generations that rotate when the current one is a grace period old (or holds half
// of `maxPending` entries): a span is looked up in both, and a caller still unsettled when its generation is dropped
// becomes a virtual call. So each side waits between one and two grace periods (less under overload), at constant
// cost per span and bounded memory.

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

interface Caller {
  span: LinkableSpan;
  settled: boolean;
  /** It was the callee side of a pair (an unnormalized sidecar's inbound CLIENT span). */
  callee: boolean;
}

interface WaitingCallee {
  span: LinkableSpan;
  /** Set when `span` is also a pending caller, so a pair can mark it. */
  asCaller: Caller | undefined;
}

/** What waits under one key (trace id + span id): the caller span itself, and callees naming it as parent or link. */
interface Slot {
  caller: Caller | undefined;
  callees: WaitingCallee[] | undefined;
}

interface Generation {
  slots: Map<string, Slot>;
  entries: number;
  startedMillis: number;
}

const key = (traceId: string, spanId: string): string => traceId + spanId;

export function createDependencyLinker(options: DependencyLinkerOptions): DependencyLinker {
  const newGeneration = (now: number): Generation => ({ slots: new Map(), entries: 0, startedMillis: now });
  let current = newGeneration(-Infinity);
  let previous = newGeneration(-Infinity);
  const maxPerGeneration = Math.max(1, Math.floor(options.maxPending / 2));

  function pair(caller: Caller, callee: LinkableSpan, calleeAsCaller: Caller | undefined, emit: EmitCall): void {
    const p = caller.span;
    const pairs = p.kind === SpanKind.CLIENT ? callee.kind === SpanKind.SERVER || callee.kind === SpanKind.CLIENT : callee.kind === SpanKind.CONSUMER;
    if (!pairs) return;
    caller.settled = true;
    if (p.service === callee.service) return;
    if (calleeAsCaller !== undefined) calleeAsCaller.callee = true;
    emit({
      parent: p.service,
      child: callee.service,
      virtual: false,
      startNanos: p.startNanos,
      durationNanos: p.durationNanos,
      outcome: classifyCall(p.httpStatus ?? callee.httpStatus, p.statusError || callee.statusError),
    });
  }

  function finish(caller: Caller, emit: EmitCall): void {
    const p = caller.span;
    if (caller.settled || caller.callee || p.peerName === undefined || p.peerName === p.service) return;
    emit({ parent: p.service, child: p.peerName, virtual: true, startNanos: p.startNanos, durationNanos: p.durationNanos, outcome: classifyCall(p.httpStatus, p.statusError) });
  }

  function rotate(now: number, emit: EmitCall): void {
    for (const slot of previous.slots.values()) if (slot.caller !== undefined) finish(slot.caller, emit);
    previous = current;
    current = newGeneration(now);
  }

  function slotIn(g: Generation, k: string): Slot {
    let slot = g.slots.get(k);
    if (slot === undefined) g.slots.set(k, (slot = { caller: undefined, callees: undefined }));
    return slot;
  }

  /** Pairs `span` with the caller `k`, or leaves it waiting for it. */
  function relate(k: string, span: LinkableSpan, asCaller: Caller | undefined, emit: EmitCall): void {
    const slot = current.slots.get(k);
    const caller = slot?.caller ?? (previous.entries === 0 ? undefined : previous.slots.get(k)?.caller);
    if (caller !== undefined) {
      pair(caller, span, asCaller, emit);
      return;
    }
    const s = slot ?? slotIn(current, k);
    (s.callees ??= []).push({ span, asCaller });
    current.entries++;
  }

  function observeCaller(span: LinkableSpan, emit: EmitCall): Caller {
    const k = key(span.traceId, span.spanId);
    const caller: Caller = { span, settled: false, callee: false };
    const slot = slotIn(current, k);
    slot.caller = caller;
    current.entries++;
    const old = previous.entries === 0 ? undefined : previous.slots.get(k);
    if (old !== undefined) {
      previous.slots.delete(k);
      if (old.callees !== undefined) for (const w of old.callees) pair(caller, w.span, w.asCaller, emit);
    }
    if (slot.callees !== undefined) {
      for (const w of slot.callees) pair(caller, w.span, w.asCaller, emit);
      slot.callees = undefined;
    }
    return caller;
  }

  return {
    observe(span, nowMillis, emit) {
      if (current.entries >= maxPerGeneration || nowMillis - current.startedMillis >= options.graceMillis) rotate(nowMillis, emit);
      const asCaller = span.kind === SpanKind.CLIENT || span.kind === SpanKind.PRODUCER ? observeCaller(span, emit) : undefined;
      if (span.kind === SpanKind.PRODUCER) return;
      if (span.parentSpanId !== '') relate(key(span.traceId, span.parentSpanId), span, asCaller, emit);
      for (const l of span.links) {
        if (l.traceId !== span.traceId || l.spanId !== span.parentSpanId) relate(key(l.traceId, l.spanId), span, asCaller, emit);
      }
    },
    expire(nowMillis, emit) {
      if (nowMillis - current.startedMillis >= options.graceMillis) rotate(nowMillis, emit);
    },
    expireAll(emit) {
      rotate(-Infinity, emit);
      rotate(-Infinity, emit);
    },
    pending: () => ({ callers: countSlots(current, 'caller') + countSlots(previous, 'caller'), callees: countSlots(current, 'callees') + countSlots(previous, 'callees') }),
  };
}

function countSlots(g: Generation, what: 'caller' | 'callees'): number {
  let n = 0;
  for (const slot of g.slots.values()) n += what === 'caller' ? (slot.caller === undefined ? 0 : 1) : (slot.callees?.length ?? 0);
  return n;
}
