// OTLP/protobuf ExportTraceServiceRequest -> TraceBatch, read field by field with protobufjs's Reader straight into
// the model: no intermediate message objects (a KeyValue and an AnyValue per attribute, then a copy into the Map),
// ids turned into hex with Buffer's native encoder, times read as two 32-bit halves. Field numbers are those of the
// vendored trace.proto / common.proto / resource.proto (proto/), read the way protobufjs's generated decoders read
// them: dispatch on the field number, unknown fields skipped, a repeated singular field's last value wins, sub-message
// lengths checked, nesting bounded by protobufjs's recursion limit.
import protobuf from 'protobufjs';
import { PipelineError } from '../../errors.js';
import type { AnyValue, Attributes, ResourceSpans, ScopeSpans, Span, SpanEvent, SpanKind, SpanLink, StatusCode, TraceBatch } from '../../model/span.js';
import { repairLoneSurrogates } from '../../model/wellFormedStrings.js';
import { FieldProblem, asMalformed } from './fieldProblem.js';
import { i64FromPb } from './longBits.js';
import type { PbLong } from './protoShapes.js';

type Reader = protobuf.Reader;

const TWO_32 = 1n << 32n;
/** A span's own trace and span ids may not be all zeros (the OTLP spec calls such ids invalid). */
const ALL_ZEROS = /^0+$/;

/**
 * Decodes an OTLP/protobuf trace export body; malformed input throws PipelineError SB_MALFORMED naming the field.
 * Strings whose bytes decode to lone surrogates get U+FFFD in their place (model/wellFormedStrings.ts).
 */
export function decodeOtlpProto(body: Uint8Array): TraceBatch {
  return decodeOtlpProtoLimited(body, Number.POSITIVE_INFINITY).batch;
}

/**
 * decodeOtlpProto keeping at most `maxAttributes` attributes of each span, event, link, resource and scope while it
 * reads (src/model/spanLimits.ts): the KeyValues past it are skipped unread and added to the owner's
 * droppedAttributesCount, so a small body of a million tiny attributes never becomes a million map entries.
 */
export function decodeOtlpProtoLimited(body: Uint8Array, maxAttributes: number): { batch: TraceBatch; droppedAttributes: number } {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const d = new Decoder(maxAttributes);
  let batch: TraceBatch;
  try {
    batch = d.request(protobuf.Reader.create(buf));
  } catch (e) {
    throw new PipelineError('SB_MALFORMED', `body is not a valid OTLP ExportTraceServiceRequest protobuf: ${(e as Error).message}`);
  }
  // Field problems are told only for bytes that are protobuf throughout (as when the whole message was decoded first).
  if (d.problem !== undefined) throw asMalformed(d.problem, 'ExportTraceServiceRequest');
  repairLoneSurrogates(batch);
  return { batch, droppedAttributes: d.droppedAttributes };
}

/** Limits `r` to a sub-message of `length` bytes; returns the end to give back to `leave`. */
function enter(r: Reader, length: number): number {
  const end = r.pos + length;
  if (end > r.len) throw new RangeError('index out of range');
  const outer = r.len;
  r.len = end;
  return outer;
}

function leave(r: Reader, outer: number): void {
  if (r.pos !== r.len) throw new RangeError('index out of range');
  r.len = outer;
}

function checkDepth(depth: number): void {
  if (depth > protobuf.Reader.recursionLimit) throw new Error('maximum nesting depth exceeded');
}

/** A length-delimited id as hex, whatever its length (its byte length is half the text's; callers check it). */
function readId(r: Reader): string {
  const n = r.uint32();
  const start = r.pos;
  if (start + n > r.len) throw new RangeError('index out of range');
  r.pos = start + n;
  return (r.buf as Buffer).toString('hex', start, start + n);
}

/** fixed64 as an unsigned bigint, read as two 32-bit halves (no Long object). */
function readU64(r: Reader): bigint {
  const low = r.fixed32();
  const high = r.fixed32();
  return high === 0 ? BigInt(low) : BigInt(high) * TWO_32 + BigInt(low);
}

/** The decoder of one request; the first field problem found is kept in `problem` and told after the bytes are read. */
class Decoder {
  problem: FieldProblem | undefined;
  /** KeyValues skipped for the attribute limit, in the whole request. */
  droppedAttributes = 0;

  constructor(private readonly maxAttributes: number) {}

  private note(path: string, message: string): void {
    this.problem ??= new FieldProblem(path, message);
  }

  request(r: Reader): TraceBatch {
    const resourceSpans: ResourceSpans[] = [];
    while (r.pos < r.len) {
      const t = r.uint32();
      if (t >>> 3 === 1) resourceSpans.push(this.resourceSpans(r, r.uint32(), resourceSpans.length));
      else r.skipType(t & 7, 0);
    }
    return { resourceSpans };
  }

  private resourceSpans(r: Reader, length: number, index: number): ResourceSpans {
    checkDepth(1);
    const outer = enter(r, length);
    const out: ResourceSpans = { resource: { attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', scopeSpans: [] };
    while (r.pos < r.len) {
      const t = r.uint32();
      switch (t >>> 3) {
        case 1: {
          const end = enter(r, r.uint32());
          const resource = { attributes: new Map() as Attributes, droppedAttributesCount: 0 };
          checkDepth(2);
          let skipped = 0;
          while (r.pos < r.len) {
            const u = r.uint32();
            if (u >>> 3 === 1) skipped += this.keyValue(r, r.uint32(), resource.attributes, 3);
            else if (u >>> 3 === 2) resource.droppedAttributesCount = r.uint32();
            else r.skipType(u & 7, 2);
          }
          resource.droppedAttributesCount += skipped;
          leave(r, end);
          out.resource = resource;
          break;
        }
        case 2:
          out.scopeSpans.push(this.scopeSpans(r, r.uint32(), `resourceSpans[${index}].scopeSpans[${out.scopeSpans.length}]`));
          break;
        case 3:
          out.schemaUrl = r.string();
          break;
        default:
          r.skipType(t & 7, 1);
      }
    }
    leave(r, outer);
    return out;
  }

  private scopeSpans(r: Reader, length: number, path: string): ScopeSpans {
    checkDepth(2);
    const outer = enter(r, length);
    const out: ScopeSpans = { scope: { name: '', version: '', attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans: [] };
    while (r.pos < r.len) {
      const t = r.uint32();
      switch (t >>> 3) {
        case 1: {
          const end = enter(r, r.uint32());
          checkDepth(3);
          const scope = { name: '', version: '', attributes: new Map() as Attributes, droppedAttributesCount: 0 };
          let skipped = 0;
          while (r.pos < r.len) {
            const u = r.uint32();
            switch (u >>> 3) {
              case 1:
                scope.name = r.string();
                break;
              case 2:
                scope.version = r.string();
                break;
              case 3:
                skipped += this.keyValue(r, r.uint32(), scope.attributes, 4);
                break;
              case 4:
                scope.droppedAttributesCount = r.uint32();
                break;
              default:
                r.skipType(u & 7, 3);
            }
          }
          scope.droppedAttributesCount += skipped;
          leave(r, end);
          out.scope = scope;
          break;
        }
        case 2:
          out.spans.push(this.span(r, r.uint32(), path, out.spans.length));
          break;
        case 3:
          out.schemaUrl = r.string();
          break;
        default:
          r.skipType(t & 7, 2);
      }
    }
    leave(r, outer);
    return out;
  }

  private span(r: Reader, length: number, scopePath: string, index: number): Span {
    checkDepth(3);
    const outer = enter(r, length);
    let traceId = '';
    let spanId = '';
    let parent = '';
    let traceState = '';
    let flags = 0;
    let name = '';
    let kind = 0;
    let start = 0n;
    let end = 0n;
    const attributes: Attributes = new Map();
    let droppedAttributesCount = 0;
    let skippedAttributes = 0;
    const events: SpanEvent[] = [];
    let droppedEventsCount = 0;
    const links: SpanLink[] = [];
    let droppedLinksCount = 0;
    let code = 0;
    let message = '';
    while (r.pos < r.len) {
      const t = r.uint32();
      switch (t >>> 3) {
        case 1:
          traceId = readId(r);
          break;
        case 2:
          spanId = readId(r);
          break;
        case 3:
          traceState = r.string();
          break;
        case 4:
          parent = readId(r);
          break;
        case 5:
          name = r.string();
          break;
        case 6:
          kind = r.int32();
          break;
        case 7:
          start = readU64(r);
          break;
        case 8:
          end = readU64(r);
          break;
        case 9:
          skippedAttributes += this.keyValue(r, r.uint32(), attributes, 4);
          break;
        case 10:
          droppedAttributesCount = r.uint32();
          break;
        case 11:
          events.push(this.event(r, r.uint32()));
          break;
        case 12:
          droppedEventsCount = r.uint32();
          break;
        case 13:
          links.push(this.link(r, r.uint32()));
          break;
        case 14:
          droppedLinksCount = r.uint32();
          break;
        case 15: {
          const endOfStatus = enter(r, r.uint32());
          checkDepth(4);
          code = 0;
          message = '';
          while (r.pos < r.len) {
            const u = r.uint32();
            if (u >>> 3 === 2) message = r.string();
            else if (u >>> 3 === 3) code = r.int32();
            else r.skipType(u & 7, 4);
          }
          leave(r, endOfStatus);
          break;
        }
        case 16:
          flags = r.fixed32();
          break;
        default:
          r.skipType(t & 7, 3);
      }
    }
    leave(r, outer);
    if (this.problem === undefined) {
      const path = `${scopePath}.spans[${index}]`;
      if (kind < 0 || kind > 5) this.note(`${path}.kind`, `unknown span kind ${kind} (expected 0 to 5)`);
      else if (code < 0 || code > 2) this.note(`${path}.status.code`, `unknown status code ${code} (expected 0 to 2)`);
      else if (traceId.length !== 32) this.note(`${path}.traceId`, `expected 16 bytes, got ${traceId.length / 2}`);
      else if (spanId.length !== 16) this.note(`${path}.spanId`, `expected 8 bytes, got ${spanId.length / 2}`);
      else if (ALL_ZEROS.test(traceId)) this.note(`${path}.traceId`, 'all zeros (an invalid id)');
      else if (ALL_ZEROS.test(spanId)) this.note(`${path}.spanId`, 'all zeros (an invalid id)');
      else if (parent.length !== 0 && parent.length !== 16) this.note(`${path}.parentSpanId`, `expected 8 bytes or none, got ${parent.length / 2}`);
      else {
        const bad = links.findIndex((l) => l.traceId.length !== 32 || l.spanId.length !== 16);
        const l = links[bad];
        if (l !== undefined && l.traceId.length !== 32) this.note(`${path}.links[${bad}].traceId`, `expected 16 bytes, got ${l.traceId.length / 2}`);
        else if (l !== undefined) this.note(`${path}.links[${bad}].spanId`, `expected 8 bytes, got ${l.spanId.length / 2}`);
      }
    }
    return {
      traceId,
      spanId,
      // An all-zero parent id also means "no parent" (as in W3C trace context).
      parentSpanId: parent === '0000000000000000' ? '' : parent,
      traceState,
      flags,
      name,
      kind: kind as SpanKind,
      startTimeUnixNano: start,
      endTimeUnixNano: end,
      attributes,
      droppedAttributesCount: droppedAttributesCount + skippedAttributes,
      events,
      droppedEventsCount,
      links,
      droppedLinksCount,
      status: { code: code as StatusCode, message },
    };
  }

  private event(r: Reader, length: number): SpanEvent {
    checkDepth(4);
    const outer = enter(r, length);
    const out: SpanEvent = { timeUnixNano: 0n, name: '', attributes: new Map(), droppedAttributesCount: 0 };
    let skipped = 0;
    while (r.pos < r.len) {
      const t = r.uint32();
      switch (t >>> 3) {
        case 1:
          out.timeUnixNano = readU64(r);
          break;
        case 2:
          out.name = r.string();
          break;
        case 3:
          skipped += this.keyValue(r, r.uint32(), out.attributes, 5);
          break;
        case 4:
          out.droppedAttributesCount = r.uint32();
          break;
        default:
          r.skipType(t & 7, 4);
      }
    }
    out.droppedAttributesCount += skipped;
    leave(r, outer);
    return out;
  }

  private link(r: Reader, length: number): SpanLink {
    checkDepth(4);
    const outer = enter(r, length);
    const out: SpanLink = { traceId: '', spanId: '', traceState: '', attributes: new Map(), droppedAttributesCount: 0, flags: 0 };
    let skipped = 0;
    while (r.pos < r.len) {
      const t = r.uint32();
      switch (t >>> 3) {
        case 1:
          out.traceId = readId(r);
          break;
        case 2:
          out.spanId = readId(r);
          break;
        case 3:
          out.traceState = r.string();
          break;
        case 4:
          skipped += this.keyValue(r, r.uint32(), out.attributes, 5);
          break;
        case 5:
          out.droppedAttributesCount = r.uint32();
          break;
        case 6:
          out.flags = r.fixed32();
          break;
        default:
          r.skipType(t & 7, 4);
      }
    }
    out.droppedAttributesCount += skipped;
    leave(r, outer);
    return out;
  }

  /**
   * One KeyValue into `into`: a later duplicate key replaces the value (the last wins, as in the Collector). When
   * `into` holds the attribute limit already, the KeyValue is skipped unread; returns 1 then, else 0.
   */
  private keyValue(r: Reader, length: number, into: Attributes, depth: number): number {
    if (into.size >= this.maxAttributes) {
      r.skip(length);
      this.droppedAttributes++;
      return 1;
    }
    checkDepth(depth);
    const outer = enter(r, length);
    let key = '';
    let value: AnyValue = null;
    while (r.pos < r.len) {
      const t = r.uint32();
      if (t >>> 3 === 1) key = r.string();
      else if (t >>> 3 === 2) value = this.anyValue(r, r.uint32(), depth + 1);
      else r.skipType(t & 7, depth);
    }
    leave(r, outer);
    into.set(key, value);
    return 0;
  }

  /**
   * An AnyValue. Of several `value` fields (a oneof), the one protobufjs reports wins: the last field to appear for
   * the first time, with its last value.
   */
  private anyValue(r: Reader, length: number, depth: number): AnyValue {
    checkDepth(depth);
    const outer = enter(r, length);
    let value: AnyValue = null;
    let chosen = 0;
    // Only when a second field appears: the last value of each field, and which fields appeared.
    let others: AnyValue[] | undefined;
    let seen = 0;
    while (r.pos < r.len) {
      const t = r.uint32();
      const field = t >>> 3;
      let v: AnyValue;
      switch (field) {
        case 1:
          v = r.string();
          break;
        case 2:
          v = r.bool();
          break;
        case 3:
          v = i64FromPb(r.int64() as unknown as PbLong);
          break;
        case 4:
          v = r.double();
          break;
        case 5:
          v = this.arrayValue(r, r.uint32(), depth + 1);
          break;
        case 6: {
          const end = enter(r, r.uint32());
          checkDepth(depth + 1);
          const kv: Attributes = new Map();
          while (r.pos < r.len) {
            const u = r.uint32();
            if (u >>> 3 === 1) this.keyValue(r, r.uint32(), kv, depth + 2);
            else r.skipType(u & 7, depth + 1);
          }
          leave(r, end);
          v = kv;
          break;
        }
        case 7: {
          // A copy: a view of the request body should not stay pinned by one attribute.
          v = new Uint8Array(r.bytes());
          break;
        }
        default:
          r.skipType(t & 7, depth);
          continue;
      }
      if (chosen === 0 || field === chosen) {
        chosen = field;
        value = v;
        seen |= 1 << field;
        continue;
      }
      others ??= [];
      others[chosen] = value;
      others[field] = v;
      if ((seen & (1 << field)) === 0) {
        seen |= 1 << field;
        chosen = field;
        value = v;
      } else value = others[chosen] as AnyValue;
    }
    leave(r, outer);
    return value;
  }

  private arrayValue(r: Reader, length: number, depth: number): AnyValue[] {
    checkDepth(depth);
    const outer = enter(r, length);
    const out: AnyValue[] = [];
    while (r.pos < r.len) {
      const t = r.uint32();
      if (t >>> 3 === 1) out.push(this.anyValue(r, r.uint32(), depth + 1));
      else r.skipType(t & 7, depth);
    }
    leave(r, outer);
    return out;
  }
}
