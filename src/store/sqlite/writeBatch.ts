import { SpanKind, StatusCode } from '../../model/span.js';
import { spanKey } from '../../model/ids.js';
import type { AnyValue, Attributes } from '../../model/span.js';
import type { DependencyLinker, EmitCall } from '../dependencies/dependencyLinker.js';
import type { EdgeAccumulator } from '../dependencies/edgeAccumulator.js';
import { ENTRY_CALLER, entryCallFrom } from '../dependencies/entryCall.js';
import { LINKING_ATTRIBUTES, linkableFrom, type SpanFacts } from '../dependencies/linkableSpan.js';
import { peerOfCalleeName } from '../dependencies/virtualCallee.js';
import { indexedText, indexedValue } from './attributeText.js';
import { AttributeTextBuilder } from './attributeTextBuilder.js';
import { BatchWireReader, type DictionaryMark, type WireResource, type WireScope } from './batchWire.js';
import type { ByteReader } from './byteReader.js';
import type { Catalogues } from './catalogues.js';
import type { EdgeTables } from './edgeTables.js';
import type { Origins } from './origins.js';
import { int64 } from './int64.js';
import type { SpanBlocks } from './spanBlocks.js';
import { SPAN_BODY_VERSION } from './spanBody.js';
import type { SpanRows } from './spanRows.js';
import type { TraceSummaries } from './traceSummaries.js';
import { STRING_TAG, readValue, skipAttributes, skipValue } from './valueCodec.js';

/** The service of spans whose resource has no `service.name` (OpenTelemetry's SDK default, without a process name). */
export const UNKNOWN_SERVICE = 'unknown_service';

/**
 * Calls are added up in memory and written when this many (minute, edge) buckets are held (a few MB), or when the
 * store flushes them (each second, before dependency reads, at close): most writes then touch no edge row, even when
 * they carry spans of many minutes (a backlog), and the 10-minute and hour rows of a flush add up many minutes.
 */
export const EDGE_BUCKETS_HELD = 10_000;

export interface WriteParts {
  catalogues: Catalogues;
  origins: Origins;
  traces: TraceSummaries;
  spanRows: SpanRows;
  blocks: SpanBlocks;
  edges: EdgeTables;
  linker: DependencyLinker;
  accumulator: EdgeAccumulator;
}

export interface BatchWriter {
  /**
   * Stores an encoded batch (batchWire.ts) of spans that passed checkBatch, inside a transaction that `finish` ends:
   * span rows and trace summaries wait in memory until then, so the batches of one transaction share their inserts
   * and a trace they share is updated once.
   */
  write(bytes: Uint8Array, nowMillis: number, part?: SpanRange): void;
  /** Writes what the batches since the last `finish` left in memory; returns the longest duration of a trace they touched. */
  finish(): bigint;
  /**
   * Reads a message without writing anything: the keys (spanKey) of its spans in their order. The key dictionary
   * takes the message's new keys, as when it is written.
   */
  spanKeys(bytes: Uint8Array): string[];
  /** The key dictionary as it is, to read messages again from here (`restore`). */
  mark(): DictionaryMark;
  restore(mark: DictionaryMark): void;
  /** Forgets the attribute key ids it remembered (after a rolled-back write: the catalogue may renumber). */
  forgetKeyIds(): void;
}

/** A resource as stored: its service, its row, and its index text once made. */
interface StoredResource {
  service: string;
  serviceId: number;
  resourceId: number;
  /** origins.idsVersion when the ids were found. */
  version: number;
  attrs: string | undefined;
  read: WireResource;
}

/** Spans [from, to) of a message, by their order in it: a part of a batch written again (src/store/writeInParts.ts). */
export interface SpanRange {
  from: number;
  to: number;
}

const NO_LINKS: SpanFacts['links'] = Object.freeze([]);
/** Key numbers not looked up in the catalogue yet. */
const UNKNOWN = -1;

/**
 * Writes encoded batches: each span's stored body is the span as it came (its layout is the body's, batchWire.ts)
 * with its attribute keys turned into catalogue ids, and its attribute index text is built from the values' bytes,
 * so no span or attribute map is built again here.
 */
export function createBatchWriter(parts: WriteParts): BatchWriter {
  const { catalogues, origins, traces, spanRows, blocks, linker, accumulator } = parts;
  const emit: EmitCall = (call) => accumulator.add(call);
  const wire = new BatchWireReader();
  const text = new AttributeTextBuilder();
  // By dictionary number: the catalogue id of the key (0 when beyond the catalogue) and whether pairing reads it.
  let keyIds: number[] = [];
  let linking: boolean[] = [];
  // The attributes of the span being written that pairing reads (LINKING_ATTRIBUTES), a few at most.
  const linkingValues = new Map<string, AnyValue>();
  let generation = wire.generation;
  // What a resource or scope the wire reader keeps (the same object for the same bytes) was stored as, while
  // origins.idsVersion says those ids hold: its rows are then neither encoded nor hashed again for each message.
  const storedResources = new WeakMap<WireResource, StoredResource>();
  const storedScopes = new WeakMap<WireScope, { id: number; version: number }>();

  /** The service and rows of a resource, stored now when they are not known (or no longer valid). */
  function storedResource(read: WireResource): StoredResource {
    const known = storedResources.get(read);
    if (known !== undefined && known.version === origins.idsVersion) return known;
    const name = read.resource.attributes.get('service.name');
    const service = typeof name === 'string' && name !== '' ? name : UNKNOWN_SERVICE;
    const serviceId = catalogues.serviceId(service);
    const stored: StoredResource = { service, serviceId, resourceId: -1, version: origins.idsVersion, attrs: undefined, read };
    stored.resourceId = origins.resourceId(read.resource, read.schemaUrl, serviceId, () => storedText(stored));
    storedResources.set(read, stored);
    return stored;
  }

  function storedText(stored: StoredResource): string {
    return (stored.attrs ??= resourceText(stored.read.resource.attributes));
  }

  function storedScopeId(read: WireScope): number {
    const known = storedScopes.get(read);
    if (known !== undefined && known.version === origins.idsVersion) return known.id;
    const id = origins.scopeId(read.scope, read.schemaUrl);
    storedScopes.set(read, { id, version: origins.idsVersion });
    return id;
  }

  /** Adds an attribute to the index text being built (text.start() first), noting its value; its key id or 0. */
  function indexAttribute(key: string, v: AnyValue): number {
    const keyId = catalogues.keyId(key);
    if (keyId === undefined) return 0;
    const value = indexedValue(v);
    catalogues.noteValue(keyId, value);
    text.add(keyId, value);
    return keyId;
  }

  function resourceText(a: Attributes): string {
    text.start();
    // keys() and get(), not entries(): iterating entries allocates a pair per attribute.
    for (const k of a.keys()) indexAttribute(k, a.get(k) as AnyValue);
    return text.finish();
  }

  function keyIdOf(n: number): number {
    if (n < 0) return catalogues.keyId(wire.literal) ?? 0;
    let id = keyIds[n];
    if (id === undefined || id === UNKNOWN) {
      const name = wire.keyName(n);
      id = catalogues.keyId(name) ?? 0;
      keyIds[n] = id;
      linking[n] = LINKING_ATTRIBUTES.has(name);
    }
    return id;
  }

  /** Indexes the value at r's position (moving past it) under the key; a string's text is read in place when it can be. */
  function indexValueAt(r: ByteReader, keyId: number): void {
    const at = r.position;
    const buf = r.bytes;
    if (buf[at] === STRING_TAG) {
      r.skip(1);
      const n = r.varint();
      const start = r.position;
      r.skip(n);
      if (text.addAscii(keyId, buf, start, start + n)) {
        catalogues.noteAsciiValue(keyId, buf, start, start + n);
        return;
      }
      const value = indexedText(buf.toString('utf8', start, start + n));
      catalogues.noteValue(keyId, value);
      text.add(keyId, value);
      return;
    }
    const value = indexedValue(readValue(r));
    catalogues.noteValue(keyId, value);
    text.add(keyId, value);
  }

  /** Writes one span (r at its trace id); returns its start. */
  function writeSpan(r: ByteReader, nowMillis: number, service: string, serviceId: number, resourceId: number, scopeId: number): bigint {
    const buf = r.bytes;
    const traceIdAt = r.position;
    r.skip(16);
    const headStart = r.position;
    r.skip(8);
    const hasParent = r.u8() === 1;
    if (hasParent) r.skip(8);
    const name = r.str();
    const kind = r.u8() as SpanKind;
    r.skipStr();
    r.varint();
    const rawStart = r.u64();
    const rawEnd = r.u64();
    const body = spanRows.body;
    body.u8(SPAN_BODY_VERSION);
    body.copy(buf, headStart, r.position);

    // Attributes: key ids instead of dictionary numbers, values copied; the index text and catalogue notes beside.
    linkingValues.clear();
    text.start();
    const count = r.varint();
    body.varint(count);
    for (let i = 0; i < count; i++) {
      const n = wire.key(r);
      const keyId = keyIdOf(n);
      body.varint(keyId);
      if (keyId === 0) body.str(wire.keyName(n));
      const valueAt = r.position;
      if (keyId === 0) skipValue(r);
      else indexValueAt(r, keyId);
      body.copy(buf, valueAt, r.position);
      if (n < 0 ? !LINKING_ATTRIBUTES.has(wire.literal) : linking[n] !== true) continue;
      const after = r.position;
      r.seek(valueAt);
      linkingValues.set(wire.keyName(n), readValue(r));
      r.seek(after);
    }

    // The rest of the body as it came; a CONSUMER's links are read for pairing.
    const tailStart = r.position;
    skipEvents(r);
    let links: SpanFacts['links'] = NO_LINKS;
    skipLinks(r, kind === SpanKind.CONSUMER ? (at) => (links = [...links, { traceId: r.hexAt(at, 16), spanId: r.hexAt(at + 16, 8) }]) : undefined);
    const isError = r.u8() === StatusCode.ERROR;
    r.skipStr();
    body.copy(buf, tailStart, r.position);

    const traceId = r.hexAt(traceIdAt, 16);
    const start = int64(rawStart);
    const end = rawEnd < rawStart ? start : int64(rawEnd);
    const traceSeq = traces.addSpan(traceId, serviceId, name, hasParent, start, end, isError);
    const attrs = text.finish();
    spanRows.add(traceSeq, serviceId, resourceId, scopeId, name, kind, start, end - start, attrs);
    blocks.addSpan(start, text.hashes, text.hashCount);
    catalogues.noteOperation(serviceId, name, kind);
    const peerService = linkingValues.get('peer.service');
    if ((kind === SpanKind.CLIENT || kind === SpanKind.PRODUCER) && typeof peerService === 'string' && peerService !== '' && peerService !== service) {
      catalogues.noteRemote(serviceId, peerService);
    }
    if (kind === SpanKind.INTERNAL && hasParent) return start;
    const facts: SpanFacts = {
      traceId, spanId: r.hexAt(headStart, 8), parentSpanId: hasParent ? r.hexAt(headStart + 9, 8) : '', kind,
      startNanos: rawStart, endNanos: rawEnd, statusError: isError, links,
    };
    const linkable = linkableFrom(facts, linkingValues, service);
    if (linkable !== undefined) linker.observe(linkable, nowMillis, emit);
    const entry = entryCallFrom(facts, linkingValues, service);
    if (entry !== undefined) accumulator.add(entry);
    return start;
  }

  /** Moves r past a span (at its trace id) without writing it; its attribute keys still define dictionary numbers. */
  function skipSpan(r: ByteReader): void {
    r.skip(24);
    if (r.u8() === 1) r.skip(8);
    r.skipStr();
    r.u8();
    r.skipStr();
    r.varint();
    r.skip(16);
    const count = r.varint();
    for (let i = 0; i < count; i++) {
      wire.key(r);
      skipValue(r);
    }
    skipEvents(r);
    skipLinks(r, undefined);
    r.u8();
    r.skipStr();
  }

  /**
   * Reads a message, calling `onSpan` at each span (r at its trace id, the span's number in the message), which must
   * move r past it; `onResource` and `onScope` come before the spans of each (the message's objects, read).
   */
  function readMessage(bytes: Uint8Array, visit: {
    resource(read: WireResource): void;
    scope(read: WireScope): void;
    span(r: ByteReader, n: number): void;
    scopeEnd(): void;
  }): void {
    const r = wire.open(bytes);
    if (wire.generation !== generation) {
      generation = wire.generation;
      keyIds = [];
      linking = [];
    }
    let n = 0;
    const resourceCount = r.varint();
    for (let i = 0; i < resourceCount; i++) {
      visit.resource(wire.resource(r));
      const scopeCount = r.varint();
      for (let j = 0; j < scopeCount; j++) {
        visit.scope(wire.scope(r));
        const spanCount = r.varint();
        for (let k = 0; k < spanCount; k++) visit.span(r, n++);
        visit.scopeEnd();
      }
    }
    if (!r.done) throw new RangeError('bytes left after the batch');
  }

  return {
    write(bytes, nowMillis, part) {
      linker.expire(nowMillis, emit);
      // A resource's and a scope's rows are written when the first span of it that is written comes (a part may
      // hold none of their spans: then it must not touch them, which may be what failed).
      let resource: WireResource | undefined;
      let scope: WireScope | undefined;
      let service = UNKNOWN_SERVICE;
      let serviceId = -1;
      let resourceId = -1;
      let scopeId = -1;
      let latestStart = -1n;
      const useResource = (): void => {
        const stored = storedResource(resource as WireResource);
        service = stored.service;
        serviceId = stored.serviceId;
        resourceId = stored.resourceId;
        blocks.useResource(serviceId, resourceId, () => storedText(stored));
      };
      readMessage(bytes, {
        resource(read) {
          resource = read;
          resourceId = -1;
        },
        scope(read) {
          scope = read;
          scopeId = -1;
          latestStart = -1n;
        },
        span(r, n) {
          if (part !== undefined && (n < part.from || n >= part.to)) return skipSpan(r);
          if (resourceId < 0) useResource();
          if (scopeId < 0) scopeId = storedScopeId(scope as WireScope);
          const start = writeSpan(r, nowMillis, service, serviceId, resourceId, scopeId);
          if (start > latestStart) latestStart = start;
        },
        scopeEnd() {
          if (latestStart >= 0n) origins.seen(resourceId, scopeId, latestStart);
        },
      });
    },
    finish() {
      spanRows.flush();
      const longest = traces.flush();
      origins.flushSeen();
      if (accumulator.size >= EDGE_BUCKETS_HELD) writeEdges(parts);
      return longest;
    },
    spanKeys(bytes) {
      const keys: string[] = [];
      readMessage(bytes, {
        resource() {},
        scope() {},
        span(r) {
          const at = r.position;
          keys.push(spanKey(r.hexAt(at, 16), r.hexAt(at + 16, 8)));
          skipSpan(r);
        },
        scopeEnd() {},
      });
      return keys;
    },
    mark: () => wire.mark(),
    restore: (mark) => wire.restore(mark),
    forgetKeyIds() {
      keyIds = [];
      linking = [];
    },
  };
}

/** Moves r past a span's dropped attribute count, its events and its dropped event count. */
function skipEvents(r: ByteReader): void {
  r.varint();
  const events = r.varint();
  for (let i = 0; i < events; i++) {
    r.skip(8);
    r.skipStr();
    skipAttributes(r);
    r.varint();
  }
  r.varint();
}

/** Moves r past a span's links and its dropped link count, calling `onLink` with the position of each link's ids. */
function skipLinks(r: ByteReader, onLink: ((at: number) => void) | undefined): void {
  const links = r.varint();
  for (let i = 0; i < links; i++) {
    onLink?.(r.position);
    r.skip(24);
    r.skipStr();
    skipAttributes(r);
    r.varint();
    r.varint();
  }
  r.varint();
}

/**
 * Writes the calls gathered so far (in the caller's transaction) and catalogues their callees by peer name; entry
 * calls (from a client that sends no spans) and AWS calls that name no peer have no caller or callee to catalogue.
 */
export function writeEdges(parts: Pick<WriteParts, 'accumulator' | 'edges' | 'catalogues'>): void {
  if (parts.accumulator.size === 0) return;
  const buckets = parts.accumulator.drain();
  parts.edges.write(buckets);
  for (const b of buckets) {
    const peer = peerOfCalleeName(b.child);
    if (b.parent !== ENTRY_CALLER && peer !== '') parts.catalogues.noteRemote(parts.catalogues.serviceId(b.parent), peer);
  }
}
