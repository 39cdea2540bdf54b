import type { AnyValue, InstrumentationScope, Resource, Span, SpanKind, StatusCode } from '../../model/span.js';
import { ByteReader } from './byteReader.js';
import type { ByteWriter } from './byteWriter.js';
import { readAttributes, readValue, writeAttributes, writeValue } from './valueCodec.js';

// The stored form of spans, resources and scopes (src/store/sqlite/README.md, "Bodies"): compact, lossless for the
// model (times as full 64-bit values, every AnyValue case), and fast to write - no JSON. A span body holds everything
// but the trace id, which is the trace's. Each body starts with a format version byte: resources and scopes are
// version 1; spans are version 2, which differs from 1 only in naming each span attribute key by its
// `attribute_keys` id when it has one (a third of a typical body is attribute keys). Version 1 spans stay readable.
const VERSION = 1;
const SPAN_VERSION = 2;
/** The format version byte of the span bodies written now (batchWire.ts lays spans out as these bodies). */
export const SPAN_BODY_VERSION = SPAN_VERSION;

/**
 * Called once per span attribute, in order, as the body is written: returns the key's `attribute_keys` id, or 0 to
 * write the key itself. (The SQLite store builds the attribute index in the same pass.)
 */
export type AttributeKeyIdOf = (key: string, value: AnyValue) => number;

/** The name of an attribute key id, or undefined for an unknown id. */
export type AttributeKeyName = (keyId: number) => string | undefined;

export function writeSpanBody(w: ByteWriter, s: Span, keyIdOf?: AttributeKeyIdOf): void {
  w.u8(SPAN_VERSION);
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
  const attributes = s.attributes;
  w.varint(attributes.size);
  // keys() and get(), not entries(): iterating entries allocates a pair per attribute.
  for (const k of attributes.keys()) {
    const v = attributes.get(k) as AnyValue;
    // Each key is a varint id, or 0 and the key.
    const id = keyIdOf === undefined ? 0 : keyIdOf(k, v);
    w.varint(id);
    if (id === 0) w.str(k);
    writeValue(w, v);
  }
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

/** Reads a span body; `keyName` resolves the key ids of version 2 bodies (a body naming an id it cannot is refused). */
export function readSpanBody(traceId: string, body: Uint8Array, keyName?: AttributeKeyName): Span {
  const r = new ByteReader(body);
  const version = r.u8();
  if (version !== SPAN_VERSION && version !== VERSION) throw new RangeError(`unknown body format version ${version}`);
  const spanId = r.hex(8);
  const parentSpanId = r.u8() === 0 ? '' : r.hex(8);
  const name = r.str();
  const kind = r.u8() as SpanKind;
  const traceState = r.str();
  const flags = r.varint();
  const startTimeUnixNano = r.u64();
  const endTimeUnixNano = r.u64();
  const attributes = version === VERSION ? readAttributes(r) : readKeyedAttributes(r, keyName);
  const droppedAttributesCount = r.varint();
  const events = new Array<Span['events'][number]>(r.varint());
  for (let i = 0; i < events.length; i++) {
    events[i] = { timeUnixNano: r.u64(), name: r.str(), attributes: readAttributes(r), droppedAttributesCount: r.varint() };
  }
  const droppedEventsCount = r.varint();
  const links = new Array<Span['links'][number]>(r.varint());
  for (let i = 0; i < links.length; i++) {
    links[i] = { traceId: r.hex(16), spanId: r.hex(8), traceState: r.str(), attributes: readAttributes(r), droppedAttributesCount: r.varint(), flags: r.varint() };
  }
  const droppedLinksCount = r.varint();
  const status = { code: r.u8() as StatusCode, message: r.str() };
  return {
    traceId, spanId, parentSpanId, traceState, flags, name, kind, startTimeUnixNano, endTimeUnixNano, attributes,
    droppedAttributesCount, events, droppedEventsCount, links, droppedLinksCount, status,
  };
}

export function writeResourceBody(w: ByteWriter, resource: Resource, schemaUrl: string): void {
  w.u8(VERSION);
  w.str(schemaUrl);
  writeAttributes(w, resource.attributes);
  w.varint(resource.droppedAttributesCount);
}

export function readResourceBody(body: Uint8Array): { resource: Resource; schemaUrl: string } {
  const r = open(body);
  const schemaUrl = r.str();
  return { schemaUrl, resource: { attributes: readAttributes(r), droppedAttributesCount: r.varint() } };
}

export function writeScopeBody(w: ByteWriter, scope: InstrumentationScope, schemaUrl: string): void {
  w.u8(VERSION);
  w.str(schemaUrl);
  w.str(scope.name);
  w.str(scope.version);
  writeAttributes(w, scope.attributes);
  w.varint(scope.droppedAttributesCount);
}

export function readScopeBody(body: Uint8Array): { scope: InstrumentationScope; schemaUrl: string } {
  const r = open(body);
  const schemaUrl = r.str();
  return { schemaUrl, scope: { name: r.str(), version: r.str(), attributes: readAttributes(r), droppedAttributesCount: r.varint() } };
}

function readKeyedAttributes(r: ByteReader, keyName: AttributeKeyName | undefined): Span['attributes'] {
  const n = r.varint();
  const out: Span['attributes'] = new Map();
  for (let i = 0; i < n; i++) {
    const id = r.varint();
    const k = id === 0 ? r.str() : keyName?.(id);
    if (k === undefined) throw new RangeError(`attribute key id ${id} is unknown`);
    out.set(k, readValue(r));
  }
  return out;
}

function open(body: Uint8Array): ByteReader {
  const r = new ByteReader(body);
  const version = r.u8();
  if (version !== VERSION) throw new RangeError(`unknown body format version ${version}`);
  return r;
}
