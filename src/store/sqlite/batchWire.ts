import type { AnyValue, Attributes, Span, TraceBatch } from '../../model/span.js';
import { ByteReader } from './byteReader.js';
import { ByteWriter } from './byteWriter.js';
import { readValue, writeValue } from './valueCodec.js';

// How batches travel from the receiving thread to the store's writer thread (README.md, "Threads"): one byte string
// per batch, whose buffer is transferred, not copied nor structured-cloned - a handful of bytes per attribute instead
// of an object graph. Everything of the model is kept (ids checked by checkBatch first are written as raw bytes).
//
// Attribute keys repeat in every span, so each is sent once: the first use of a key defines the next number of a
// dictionary both sides keep, and later uses send the number. The encoder and decoder must see the same messages in
// the same order; a message the decoder never reads is taken back with `rollback`, and after a failure both start a
// new dictionary (a message can say so, `reset`).
//
// message := flags:u8 resources:varint resource*
// resource := attrs dropped:varint schemaUrl:str scopes:varint scope*
// scope := name:str version:str attrs dropped:varint schemaUrl:str spans:varint span*
// span := traceId:16 spanId:8 (0 | 1 parent:8) traceState:str flags:varint name:str kind:u8 start:u64 end:u64 attrs
//         dropped:varint events:varint (time:u64 name:str attrs dropped:varint)* droppedEvents:varint
//         links:varint (traceId:16 spanId:8 traceState:str attrs dropped:varint flags:varint)* droppedLinks:varint
//         statusCode:u8 statusMessage:str
// attrs := count:varint (key value)*      value: valueCodec.ts
// key := 0 name:str (not in the dictionary) | 1 name:str (defines the next number) | number + 2

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

  /** Encodes a batch that passed checkBatch. The message must reach the decoder, or be taken back with rollback(). */
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

  /** Takes back the keys the last message defined: it will not reach the decoder. */
  rollback(): void {
    for (const k of this.added) this.keys.delete(k);
    this.added = [];
    if (this.sentReset) this.reset = true;
    this.sentReset = false;
  }

  /** Starts a new dictionary; the next message tells the decoder to do the same. */
  restart(): void {
    this.keys.clear();
    this.added = [];
    this.reset = true;
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
    w.str(s.traceState);
    w.varint(s.flags);
    w.str(s.name);
    w.u8(s.kind);
    w.u64(s.startTimeUnixNano);
    w.u64(s.endTimeUnixNano);
    this.attributes(s.attributes);
    w.varint(s.droppedAttributesCount);
    w.varint(s.events.length);
    for (const e of s.events) {
      w.u64(e.timeUnixNano);
      w.str(e.name);
      this.attributes(e.attributes);
      w.varint(e.droppedAttributesCount);
    }
    w.varint(s.droppedEventsCount);
    w.varint(s.links.length);
    for (const l of s.links) {
      w.hex(l.traceId, 16);
      w.hex(l.spanId, 8);
      w.str(l.traceState);
      this.attributes(l.attributes);
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

export class BatchWireDecoder {
  private keys: string[] = [];

  decode(bytes: Uint8Array): TraceBatch {
    const r = new ByteReader(bytes);
    if ((r.u8() & RESET) !== 0) this.keys = [];
    const resourceSpans = new Array<TraceBatch['resourceSpans'][number]>(r.varint());
    for (let i = 0; i < resourceSpans.length; i++) {
      const attributes = this.attributes(r);
      const resource = { attributes, droppedAttributesCount: r.varint() };
      const schemaUrl = r.str();
      const scopeSpans = new Array<TraceBatch['resourceSpans'][number]['scopeSpans'][number]>(r.varint());
      for (let j = 0; j < scopeSpans.length; j++) {
        const name = r.str();
        const version = r.str();
        const scopeAttributes = this.attributes(r);
        const scope = { name, version, attributes: scopeAttributes, droppedAttributesCount: r.varint() };
        const scopeSchemaUrl = r.str();
        const spans = new Array<Span>(r.varint());
        for (let k = 0; k < spans.length; k++) spans[k] = this.span(r);
        scopeSpans[j] = { scope, schemaUrl: scopeSchemaUrl, spans };
      }
      resourceSpans[i] = { resource, schemaUrl, scopeSpans };
    }
    if (!r.done) throw new RangeError('bytes left after the batch');
    return { resourceSpans };
  }

  private span(r: ByteReader): Span {
    const traceId = r.hex(16);
    const spanId = r.hex(8);
    const parentSpanId = r.u8() === 0 ? '' : r.hex(8);
    const traceState = r.str();
    const flags = r.varint();
    const name = r.str();
    const kind = r.u8() as Span['kind'];
    const startTimeUnixNano = r.u64();
    const endTimeUnixNano = r.u64();
    const attributes = this.attributes(r);
    const droppedAttributesCount = r.varint();
    const events = new Array<Span['events'][number]>(r.varint());
    for (let i = 0; i < events.length; i++) {
      const timeUnixNano = r.u64();
      const eventName = r.str();
      const eventAttributes = this.attributes(r);
      events[i] = { timeUnixNano, name: eventName, attributes: eventAttributes, droppedAttributesCount: r.varint() };
    }
    const droppedEventsCount = r.varint();
    const links = new Array<Span['links'][number]>(r.varint());
    for (let i = 0; i < links.length; i++) {
      const linkTraceId = r.hex(16);
      const linkSpanId = r.hex(8);
      const linkTraceState = r.str();
      const linkAttributes = this.attributes(r);
      links[i] = { traceId: linkTraceId, spanId: linkSpanId, traceState: linkTraceState, attributes: linkAttributes, droppedAttributesCount: r.varint(), flags: r.varint() };
    }
    const droppedLinksCount = r.varint();
    const status = { code: r.u8() as Span['status']['code'], message: r.str() };
    return {
      traceId, spanId, parentSpanId, traceState, flags, name, kind, startTimeUnixNano, endTimeUnixNano, attributes,
      droppedAttributesCount, events, droppedEventsCount, links, droppedLinksCount, status,
    };
  }

  private attributes(r: ByteReader): Attributes {
    const n = r.varint();
    const out: Attributes = new Map();
    for (let i = 0; i < n; i++) {
      const tag = r.varint();
      let key: string;
      if (tag >= KEY_BASE) {
        const known = this.keys[tag - KEY_BASE];
        if (known === undefined) throw new RangeError(`attribute key number ${tag - KEY_BASE} was never defined`);
        key = known;
      } else {
        key = r.str();
        if (tag === NEW_KEY) this.keys.push(key);
      }
      out.set(key, readValue(r));
    }
    return out;
  }
}
