import { SpanKind } from '../../src/model/span.js';
import { classifyCall } from '../../src/store/dependencies/callOutcome.js';
import type { DependencyLinker, DependencyLinkerOptions, EmitCall } from '../../src/store/dependencies/dependencyLinker.js';
import type { LinkableSpan } from '../../src/store/dependencies/linkableSpan.js';

// The dependency linker as first written, holding waiting spans as objects keyed by their hex ids: the reference the
// store's linker (src/store/dependencies/dependencyLinker.ts, which keeps them as numbers) must agree with call for
// call (its property test).

interface Caller {
  span: LinkableSpan;
  settled: boolean;
  /** It was the callee side of a pair (an unnormalized sidecar's inbound CLIENT span). */
  callee: boolean;
  /** Services of the shared SERVER spans and of the CLIENT spans it paired with (the same call seen twice). */
  sharedIdServices?: Set<string>;
  clientChildServices?: Set<string>;
}

interface WaitingCallee {
  span: LinkableSpan;
  /** Set when `span` is also a pending caller, so a pair can mark it. */
  asCaller: Caller | undefined;
}

/** What waits under one key (trace id + span id): the caller span itself, and callees naming it as parent or link. */
interface Slot {
  traceId: string;
  caller: Caller | undefined;
  /** The first waiting callee (most keys have at most one), then the others in arrival order. */
  callee: LinkableSpan | undefined;
  calleeAsCaller: Caller | undefined;
  moreCallees: WaitingCallee[] | undefined;
  /** The next slot with the same span id (in another trace). */
  next: Slot | undefined;
}

interface Generation {
  /**
   * Slots by span id, chained when span ids repeat across traces: one lookup with the id string as it came, where a
   * (trace id + span id) key would be a new string to build and hash for every lookup.
   */
  slots: Map<string, Slot>;
  entries: number;
  startedMillis: number;
}

function slotOf(g: Generation, traceId: string, spanId: string): Slot | undefined {
  if (g.entries === 0) return undefined;
  for (let s = g.slots.get(spanId); s !== undefined; s = s.next) if (s.traceId === traceId) return s;
  return undefined;
}

function slotIn(g: Generation, traceId: string, spanId: string): Slot {
  const head = g.slots.get(spanId);
  for (let s = head; s !== undefined; s = s.next) if (s.traceId === traceId) return s;
  const slot: Slot = { traceId, caller: undefined, callee: undefined, calleeAsCaller: undefined, moreCallees: undefined, next: head };
  g.slots.set(spanId, slot);
  return slot;
}

function removeSlot(g: Generation, spanId: string, slot: Slot): void {
  const head = g.slots.get(spanId);
  if (head === slot) {
    if (slot.next === undefined) g.slots.delete(spanId);
    else g.slots.set(spanId, slot.next);
    return;
  }
  for (let s = head; s !== undefined; s = s.next) {
    if (s.next === slot) {
      s.next = slot.next;
      return;
    }
  }
}

function waitingCallees(slot: Slot): number {
  return (slot.callee === undefined ? 0 : 1) + (slot.moreCallees?.length ?? 0);
}

function forEachSlot(g: Generation, fn: (slot: Slot) => void): void {
  for (const head of g.slots.values()) for (let s: Slot | undefined = head; s !== undefined; s = s.next) fn(s);
}

export function createReferenceLinker(options: DependencyLinkerOptions): DependencyLinker {
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
    if (p.kind === SpanKind.CLIENT && isSameCall(caller, callee)) return;
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

  /** Records which way `callee` met this CLIENT caller; true when the other way already counted this call. */
  function isSameCall(caller: Caller, callee: LinkableSpan): boolean {
    if (callee.kind === SpanKind.SERVER && callee.spanId === caller.span.spanId) {
      (caller.sharedIdServices ??= new Set()).add(callee.service);
      return caller.clientChildServices?.has(callee.service) === true;
    }
    if (callee.kind !== SpanKind.CLIENT) return false;
    (caller.clientChildServices ??= new Set()).add(callee.service);
    return caller.sharedIdServices?.has(callee.service) === true;
  }

  function finish(caller: Caller, emit: EmitCall): void {
    const p = caller.span;
    if (caller.settled || caller.callee || p.peerName === undefined || p.peerName === p.service) return;
    emit({ parent: p.service, child: p.peerName, virtual: true, startNanos: p.startNanos, durationNanos: p.durationNanos, outcome: classifyCall(p.httpStatus, p.statusError) });
  }

  function rotate(now: number, emit: EmitCall): void {
    forEachSlot(previous, (slot) => {
      if (slot.caller !== undefined) finish(slot.caller, emit);
    });
    previous = current;
    current = newGeneration(now);
  }

  /** Pairs `span` with the caller (traceId, spanId), or leaves it waiting for it. */
  function relate(traceId: string, spanId: string, span: LinkableSpan, asCaller: Caller | undefined, emit: EmitCall): void {
    const slot = slotOf(current, traceId, spanId);
    const caller = slot?.caller ?? slotOf(previous, traceId, spanId)?.caller;
    if (caller !== undefined) {
      pair(caller, span, asCaller, emit);
      return;
    }
    const s = slot ?? slotIn(current, traceId, spanId);
    if (s.callee === undefined && s.moreCallees === undefined) {
      s.callee = span;
      s.calleeAsCaller = asCaller;
    } else (s.moreCallees ??= []).push({ span, asCaller });
    current.entries++;
  }

  /** Pairs the waiting callees, shared SERVER spans first. */
  function pairWaiting(caller: Caller, slot: Slot, emit: EmitCall): void {
    pairSome(caller, slot, true, emit);
    pairSome(caller, slot, false, emit);
  }

  function pairSome(caller: Caller, slot: Slot, sharesClientId: boolean, emit: EmitCall): void {
    if (slot.callee !== undefined && slot.callee.sharesClientId === sharesClientId) pair(caller, slot.callee, slot.calleeAsCaller, emit);
    if (slot.moreCallees !== undefined) for (const w of slot.moreCallees) if (w.span.sharesClientId === sharesClientId) pair(caller, w.span, w.asCaller, emit);
  }

  function observeCaller(span: LinkableSpan, emit: EmitCall): Caller {
    const caller: Caller = { span, settled: false, callee: false };
    const slot = slotIn(current, span.traceId, span.spanId);
    slot.caller = caller;
    current.entries++;
    const old = slotOf(previous, span.traceId, span.spanId);
    if (old !== undefined) {
      removeSlot(previous, span.spanId, old);
      pairWaiting(caller, old, emit);
    }
    if (waitingCallees(slot) > 0) {
      pairWaiting(caller, slot, emit);
      slot.callee = undefined;
      slot.calleeAsCaller = undefined;
      slot.moreCallees = undefined;
    }
    return caller;
  }

  return {
    observe(span, nowMillis, emit) {
      if (current.entries >= maxPerGeneration || nowMillis - current.startedMillis >= options.graceMillis) rotate(nowMillis, emit);
      const asCaller = span.kind === SpanKind.CLIENT || span.kind === SpanKind.PRODUCER ? observeCaller(span, emit) : undefined;
      if (span.kind === SpanKind.PRODUCER) return;
      if (span.parentSpanId !== '') relate(span.traceId, span.parentSpanId, span, asCaller, emit);
      if (span.sharesClientId) relate(span.traceId, span.spanId, span, undefined, emit);
      const links = span.links;
      for (let i = 0; i < links.length; i++) {
        const l = links[i] as (typeof links)[number];
        if (l.traceId !== span.traceId || l.spanId !== span.parentSpanId) relate(l.traceId, l.spanId, span, asCaller, emit);
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
  forEachSlot(g, (slot) => {
    n += what === 'caller' ? (slot.caller === undefined ? 0 : 1) : waitingCallees(slot);
  });
  return n;
}
