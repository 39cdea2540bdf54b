import { fmix32 } from '../../model/hashing.js';
import { readId64 } from '../../model/ids.js';
import type { LinkableSpan } from './linkableSpan.js';

// What the dependency linker keeps of the spans waiting for a partner, as numbers in typed arrays: at tens of
// thousands of spans a second its bound (100,000 waiting spans by default) is reached within seconds and held, and as
// objects with hex-string ids and bigints a waiting entry took about 300 bytes of the store writer's old generation,
// and here about 120 (docs/threads.md, "Memory").
//
// One generation holds:
// - slots, one per (trace id, span id) something waits under, found through an open-addressing table of the ids'
//   32-bit words: the caller span of that id, if it came, and the callees naming it, in arrival order;
// - records of the spans themselves (what pairing reads of them), numbered from 0;
// - links from a slot to its waiting callees' records, chained in arrival order.
// Everything goes at once when the generation is cleared; nothing is deleted one by one.

/** A record's flags. */
export const STATUS_ERROR = 1;
export const SHARES_CLIENT_ID = 2;
/** A caller that paired (with a callee of its own service, too). */
export const SETTLED = 4;
/** A caller that was also the callee side of a pair (an unnormalized sidecar's inbound CLIENT span). */
export const WAS_CALLEE = 8;

/** The six 32-bit words of a (trace id, span id) key. */
export type Key = Uint32Array;

export function newKey(): Key {
  return new Uint32Array(6);
}

// A key's ids are read from 32 and 16 lower-case hex digits, as model ids are. The store checks ids before spans get
// here; a digit that is not hex reads as an all-ones word, so malformed ids can only meet each other.

/** Reads the trace id into `key`, leaving its span id. */
export function setTrace(key: Key, traceId: string): void {
  readId64(traceId, 0, key, 0);
  readId64(traceId, 16, key, 2);
}

/** Reads the span id into `key`, leaving its trace id. */
export function setSpan(key: Key, spanId: string): void {
  readId64(spanId, 0, key, 4);
}

/** Which services met a CLIENT caller in each of the two ways one call can be reported twice (dependencyLinker.ts). */
export interface SameCallServices {
  sharedId?: Set<string>;
  clientChild?: Set<string>;
}

const INITIAL = 256;

function grown<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(a: T, size: number): T {
  if (size <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, 2 * a.length));
  b.set(a);
  return b;
}

export class Generation {
  startedMillis: number;
  /** Callers and waiting callees, as the linker's bound counts them. */
  entries = 0;
  slots = 0;
  private records = 0;
  private links = 0;

  private mask = 2 * INITIAL - 1;
  /** Slot number + 1 by hash, 0 for none. */
  private table = new Int32Array(2 * INITIAL);
  private keys = new Uint32Array(6 * INITIAL);
  /** Per slot: the caller's record, the first and the last waiting link; -1 for none. */
  slotCaller = new Int32Array(INITIAL);
  slotFirst = new Int32Array(INITIAL);
  private slotLast = new Int32Array(INITIAL);

  /** Per record. */
  kind = new Uint8Array(INITIAL);
  flags = new Uint8Array(INITIAL);
  /** 0 for none. */
  httpStatus = new Uint16Array(INITIAL);
  /** Name numbers (`names`); peer: -1 for none. */
  service = new Int32Array(INITIAL);
  peer = new Int32Array(INITIAL);
  start: bigint[] = [];
  duration = new Float64Array(INITIAL);

  /** Per link: the callee's record, the next link of its slot (-1 last), and whether it waits under its own id. */
  linkRecord = new Int32Array(INITIAL);
  linkNext = new Int32Array(INITIAL);
  linkOwnId = new Uint8Array(INITIAL);

  /** Service and peer names, each once. */
  names: string[] = [];
  private nameIds = new Map<string, number>();
  /** By caller record, for the few CLIENT callers met both ways. */
  sameCall = new Map<number, SameCallServices>();

  constructor(startedMillis: number) {
    this.startedMillis = startedMillis;
  }

  /** The slot of the key, or -1. */
  find(key: Key): number {
    if (this.slots === 0) return -1;
    for (let i = hashOf(key, 0) & this.mask; ; i = (i + 1) & this.mask) {
      const s = (this.table[i] as number) - 1;
      if (s < 0 || this.keyIs(s, key)) return s;
    }
  }

  /** The slot of the key, made (empty) when there is none. */
  slotFor(key: Key): number {
    const found = this.find(key);
    return found >= 0 ? found : this.addSlot(key);
  }

  /** Makes an empty slot for a key that has none (`find` said -1). */
  addSlot(key: Key): number {
    const s = this.slots++;
    if (2 * this.slots > this.table.length) this.growTable();
    this.keys = grown(this.keys, 6 * this.slots);
    this.keys.set(key, 6 * s);
    this.slotCaller = grown(this.slotCaller, this.slots);
    this.slotFirst = grown(this.slotFirst, this.slots);
    this.slotLast = grown(this.slotLast, this.slots);
    this.slotCaller[s] = -1;
    this.slotFirst[s] = -1;
    this.slotLast[s] = -1;
    this.place(s);
    return s;
  }

  /** Records what pairing reads of a span; returns its number. */
  addRecord(span: LinkableSpan): number {
    const r = this.records++;
    if (r >= this.kind.length) this.growRecords();
    this.kind[r] = span.kind;
    this.flags[r] = (span.statusError ? STATUS_ERROR : 0) | (span.sharesClientId ? SHARES_CLIENT_ID : 0);
    this.httpStatus[r] = span.httpStatus ?? 0;
    this.service[r] = this.nameId(span.service);
    this.peer[r] = span.peerName === undefined ? -1 : this.nameId(span.peerName);
    this.start[r] = span.startNanos;
    this.duration[r] = Number(span.durationNanos);
    return r;
  }

  /** Adds a waiting callee (a record) to a slot, after those waiting there. */
  addLink(slot: number, record: number, ownId: boolean): void {
    const l = this.links++;
    this.linkRecord = grown(this.linkRecord, this.links);
    this.linkNext = grown(this.linkNext, this.links);
    this.linkOwnId = grown(this.linkOwnId, this.links);
    this.linkRecord[l] = record;
    this.linkNext[l] = -1;
    this.linkOwnId[l] = ownId ? 1 : 0;
    const last = this.slotLast[slot] as number;
    if (last < 0) this.slotFirst[slot] = l;
    else this.linkNext[last] = l;
    this.slotLast[slot] = l;
  }

  /** Forgets a slot's waiting callees. */
  dropLinks(slot: number): void {
    this.slotFirst[slot] = -1;
    this.slotLast[slot] = -1;
  }

  clear(startedMillis: number): void {
    this.startedMillis = startedMillis;
    this.entries = 0;
    if (this.slots > 0) this.table.fill(0);
    this.slots = 0;
    this.records = 0;
    this.links = 0;
    this.start.length = 0;
    this.names.length = 0;
    this.nameIds.clear();
    this.sameCall.clear();
  }

  private nameId(name: string): number {
    let n = this.nameIds.get(name);
    if (n === undefined) {
      n = this.names.push(name) - 1;
      this.nameIds.set(name, n);
    }
    return n;
  }

  private keyIs(slot: number, key: Key): boolean {
    const k = this.keys;
    const at = 6 * slot;
    return k[at + 4] === key[4] && k[at + 5] === key[5] && k[at] === key[0] && k[at + 1] === key[1] && k[at + 2] === key[2] && k[at + 3] === key[3];
  }

  private place(slot: number): void {
    let i = hashOf(this.keys, 6 * slot) & this.mask;
    while (this.table[i] !== 0) i = (i + 1) & this.mask;
    this.table[i] = slot + 1;
  }

  private growTable(): void {
    this.table = new Int32Array(2 * this.table.length);
    this.mask = this.table.length - 1;
    for (let s = 0; s < this.slots - 1; s++) this.place(s);
  }

  private growRecords(): void {
    const n = this.records;
    this.kind = grown(this.kind, n);
    this.flags = grown(this.flags, n);
    this.httpStatus = grown(this.httpStatus, n);
    this.service = grown(this.service, n);
    this.peer = grown(this.peer, n);
    this.duration = grown(this.duration, n);
  }
}

/**
 * Mixes the six words from `at` (murmur3's finalizer over a multiplicative combination), so keys differing in any
 * word spread.
 */
function hashOf(words: Uint32Array, at: number): number {
  let x = 0;
  for (let i = at; i < at + 6; i++) x = Math.imul(x ^ (words[i] as number), 0x9e3779b1);
  return fmix32(x);
}
