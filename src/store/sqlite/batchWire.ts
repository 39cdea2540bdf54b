import { FNV_OFFSET, fnvBytes } from '../../model/hashing.js';
import type { AnyValue, Attributes, InstrumentationScope, Resource, Span, TraceBatch } from '../../model/span.js';
import { ByteReader } from './byteReader.js';
import { ByteWriter } from './byteWriter.js';
import { KeptByBytes } from './keptByBytes.js';
import { readValue, skipValue, writeAttributes, writeValue } from './valueCodec.js';

// How batches travel to the store's writer (README.md, "Threads"): one byte string per batch, whose buffer is
// transferred to the writer thread, not copied nor structured-cloned - a handful of bytes per attribute instead of an
// object graph. Everything of the model is kept; ids (checked by checkBatch first) are raw bytes.
//
// A span is laid out as its stored body is (spanBody.ts), so that the writer copies most of it as it is and builds
// nothing but the index text (writeBatch.ts): only the span's attribute keys differ. They repeat in every span, so
// each is sent once: the first use of a key defines the next number of a dictionary both sides keep, and later uses
// send the number. Encoder and reader must see the same messages in the same order; a message the reader never
// reads is taken back with `rollback`, and after a failure both start a new dictionary (`restart`, then the next
// message says so).
//
// message  := flags:u8 resources:varint resource*
// resource := attrs dropped:varint schemaUrl:str scopes:varint scope*
// scope    := name:str version:str attrs dropped:varint schemaUrl:str spans:varint span*
// span     := traceId:16  then the span body of spanBody.ts without its version byte, its attributes as `attrs`:
//             spanId:8 (0 | 1 parent:8) name:str kind:u8 traceState:str flags:varint start:u64 end:u64 attrs
//             dropped:varint events:varint (time:u64 name:str attributes dropped:varint)* droppedEvents:varint
//             links:varint (traceId:16 spanId:8 traceState:str attributes dropped:varint flags:varint)*
//             droppedLinks:varint statusCode:u8 statusMessage:str
// attrs    := count:varint (key value)*       value, attributes: valueCodec.ts (string keys)
// key      := 0 name:str (not in the dictionary) | 1 name:str (defines the next number) | number + 2

const RESET = 1;
const LITERAL_KEY = 0;
const NEW_KEY = 1;
const KEY_BASE = 2;
/** Keys given numbers, at most; later ones are sent as text each time. */
export const MAX_DICTIONARY_KEYS = 16_384;

export interface EncodedBatch {
  /** The message, alone in its ArrayBuffer (so the buffer can be transferred). */
  bytes: Uint8Array;
  spans: number;
}

export class BatchWireEncoder {
  private readonly keys = new Map<string, number>();
  /** Keys defined by the message being encoded (taken back by rollback). */
  private added: string[] = [];
  /** The next message starts a new dictionary; `sentReset`: the last one did. */
  private reset = true;
  private sentReset = false;
  private readonly w = new ByteWriter(1 << 16);

  /** Encodes a batch that passed checkBatch. The message must reach the reader, or be taken back with rollback(). */
  encode(batch: TraceBatch): EncodedBatch {
    this.added = [];
    this.sentReset = false;
    try {
      return this.write(batch);
    } catch (e) {
      this.rollback();
      throw e;
    }
  }

  /** Takes back the keys the last message defined: it will not reach the reader. */
  rollback(): void {
    for (const k of this.added) this.keys.delete(k);
    this.added = [];
    if (this.sentReset) this.reset = true;
    this.sentReset = false;
  }

  /** Starts a new dictionary; the next message tells the reader to do the same. */
  restart(): void {
    this.keys.clear();
    this.added = [];
    this.reset = true;
  }

  private write(batch: TraceBatch): EncodedBatch {
    const w = this.w;
    w.reset(16 << 20);
    w.u8(this.reset ? RESET : 0);
    let spans = 0;
    w.varint(batch.resourceSpans.length);
    for (const rs of batch.resourceSpans) {
      this.attributes(rs.resource.attributes);
      w.varint(rs.resource.droppedAttributesCount);
      w.str(rs.schemaUrl);
      w.varint(rs.scopeSpans.length);
      for (const ss of rs.scopeSpans) {
        w.str(ss.scope.name);
        w.str(ss.scope.version);
        this.attributes(ss.scope.attributes);
        w.varint(ss.scope.droppedAttributesCount);
        w.str(ss.schemaUrl);
        w.varint(ss.spans.length);
        for (const span of ss.spans) this.span(span);
        spans += ss.spans.length;
      }
    }
    const bytes = new Uint8Array(w.position);
    bytes.set(w.slice(0, w.position));
    this.sentReset = this.reset;
    this.reset = false;
    return { bytes, spans };
  }

  private span(s: Span): void {
    const w = this.w;
    w.hex(s.traceId, 16);
    w.hex(s.spanId, 8);
    if (s.parentSpanId === '') w.u8(0);
    else {
      w.u8(1);
      w.hex(s.parentSpanId, 8);
    }
    w.str(s.name);
    w.u8(s.kind);
    w.str(s.traceState);
    w.varint(s.flags);
    w.u64(s.startTimeUnixNano);
    w.u64(s.endTimeUnixNano);
    this.attributes(s.attributes);
    w.varint(s.droppedAttributesCount);
    w.varint(s.events.length);
    for (const e of s.events) {
      w.u64(e.timeUnixNano);
      w.str(e.name);
      writeAttributes(w, e.attributes);
      w.varint(e.droppedAttributesCount);
    }
    w.varint(s.droppedEventsCount);
    w.varint(s.links.length);
    for (const l of s.links) {
      w.hex(l.traceId, 16);
      w.hex(l.spanId, 8);
      w.str(l.traceState);
      writeAttributes(w, l.attributes);
      w.varint(l.droppedAttributesCount);
      w.varint(l.flags);
    }
    w.varint(s.droppedLinksCount);
    w.u8(s.status.code);
    w.str(s.status.message);
  }

  private attributes(a: Attributes): void {
    const w = this.w;
    w.varint(a.size);
    // keys() and get(), not entries(): iterating entries allocates a pair per attribute.
    for (const k of a.keys()) {
      const id = this.keys.get(k);
      if (id !== undefined) w.varint(id + KEY_BASE);
      else if (this.keys.size < MAX_DICTIONARY_KEYS) {
        this.keys.set(k, this.keys.size);
        this.added.push(k);
        w.u8(NEW_KEY);
        w.str(k);
      } else {
        w.u8(LITERAL_KEY);
        w.str(k);
      }
      writeValue(w, a.get(k) as AnyValue);
    }
  }
}

/** Whether a message starts a new dictionary (the first after its encoder's `restart`). */
export function startsDictionary(bytes: Uint8Array): boolean {
  return bytes.byteLength > 0 && ((bytes[0] as number) & RESET) !== 0;
}

/** A message's resource as BatchWireReader reads it; the same object for the same bytes until the dictionary changes (MAX_READ_OBJECTS). */
export interface WireResource {
  resource: Resource;
  schemaUrl: string;
}

/** A message's scope, as WireResource. */
export interface WireScope {
  scope: InstrumentationScope;
  schemaUrl: string;
}

/**
 * Resources (and scopes) a reader keeps by their bytes, at most: some thousands of pods' sidecars. A sender's resources
 * and scopes come again in every message that holds its spans, and reading them again would build the same attribute
 * maps each time. Kept for one dictionary (the bytes name keys by number), and only bytes that define no key, so that
 * a message read from what is kept still defines every key it carries.
 */
const MAX_READ_OBJECTS = 4096;

/** What BatchWireReader.restore needs: the dictionary's array (a reset replaces it) and its length then. */
export interface DictionaryMark {
  keys: string[];
  length: number;
}

/**
 * Reads messages of a BatchWireEncoder, keeping its dictionary: `open` a message, then read its resources and scopes
 * as model objects and its spans field by field (the writer copies most of a span as it is).
 */
export class BatchWireReader {
  private keys: string[] = [];
  private readonly resources = new KeptByBytes<WireResource>(MAX_READ_OBJECTS);
  private readonly scopes = new KeptByBytes<WireScope>(MAX_READ_OBJECTS);
  /** Counts new dictionaries: what a caller remembered by key number is void once it changes. */
  generation = 0;
  /** The key last read as text. */
  literal = '';

  /** A reader positioned at the message's resource count; starts a new dictionary when the message says so. */
  open(bytes: Uint8Array): ByteReader {
    const r = new ByteReader(bytes);
    if ((r.u8() & RESET) !== 0) {
      this.keys = [];
      this.newGeneration();
    }
    return r;
  }

  private newGeneration(): void {
    this.generation++;
    this.resources.clear();
    this.scopes.clear();
  }

  /**
   * Reads an attribute key: its dictionary number (0 and up), or -1 for a key sent as text, then found in `literal`.
   */
  key(r: ByteReader): number {
    const tag = r.varint();
    if (tag >= KEY_BASE) {
      const n = tag - KEY_BASE;
      if (n >= this.keys.length) throw new RangeError(`attribute key number ${n} was never defined`);
      return n;
    }
    const name = r.str();
    if (tag === NEW_KEY) return this.keys.push(name) - 1;
    this.literal = name;
    return -1;
  }

  keyName(n: number): string {
    return n < 0 ? this.literal : (this.keys[n] as string);
  }

  /** The dictionary as it is, to read a message again from here (`restore`). */
  mark(): DictionaryMark {
    return { keys: this.keys, length: this.keys.length };
  }

  /**
   * Takes the dictionary back to a mark made before the messages read since, so that the next of them can be read
   * again. Callers' memories by key number are void afterwards (`generation` changes).
   */
  restore(mark: DictionaryMark): void {
    this.keys = mark.keys;
    this.keys.length = mark.length;
    this.newGeneration();
  }

  attributes(r: ByteReader): Attributes {
    const n = r.varint();
    const out: Attributes = new Map();
    for (let i = 0; i < n; i++) {
      const key = this.keyName(this.key(r));
      out.set(key, readValue(r));
    }
    return out;
  }

  /** Moves past attributes; false when one of their keys defines a dictionary number. */
  private skipAttributes(r: ByteReader): boolean {
    let definesNone = true;
    const n = r.varint();
    for (let i = 0; i < n; i++) {
      const tag = r.varint();
      if (tag < KEY_BASE) {
        r.skipStr();
        if (tag === NEW_KEY) definesNone = false;
      }
      skipValue(r);
    }
    return definesNone;
  }

  /** A resource and its schema URL: the object read before from the same bytes (MAX_READ_OBJECTS), or a new one. */
  resource(r: ByteReader): WireResource {
    const from = r.position;
    const cacheable = this.skipAttributes(r);
    r.varint();
    r.skipStr();
    return this.readKept(this.resources, r, from, cacheable, () => {
      const attributes = this.attributes(r);
      const resource = { attributes, droppedAttributesCount: r.varint() };
      return { resource, schemaUrl: r.str() };
    });
  }

  /** A scope and its schema URL, as `resource`. */
  scope(r: ByteReader): WireScope {
    const from = r.position;
    r.skipStr();
    r.skipStr();
    const cacheable = this.skipAttributes(r);
    r.varint();
    r.skipStr();
    return this.readKept(this.scopes, r, from, cacheable, () => {
      const name = r.str();
      const version = r.str();
      const attributes = this.attributes(r);
      const scope = { name, version, attributes, droppedAttributesCount: r.varint() };
      return { scope, schemaUrl: r.str() };
    });
  }

  /**
   * The object `kept` holds for the bytes [from, r.position) when they may be kept, else `read` from `from` (and kept
   * when it may be); r ends after the bytes either way.
   */
  private readKept<T>(kept: KeptByBytes<T>, r: ByteReader, from: number, cacheable: boolean, read: () => T): T {
    const buf = r.bytes;
    const to = r.position;
    const hash = cacheable ? fnvBytes(FNV_OFFSET, buf, from, to) : 0;
    const known = cacheable ? kept.find(buf, from, to, hash) : undefined;
    if (known !== undefined) return known;
    r.seek(from);
    const value = read();
    if (cacheable) kept.add(Buffer.from(buf.subarray(from, to)), hash, value);
    return value;
  }
}
