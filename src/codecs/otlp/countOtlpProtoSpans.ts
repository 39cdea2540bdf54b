// Spans in an OTLP/protobuf ExportTraceServiceRequest, counted on the wire before it is decoded: the receivers refuse
// a request over max_spans_per_request from this count, so a small (compressed) body holding a million spans is
// refused without building a million span objects. Only the tags and lengths along
// request.resource_spans(1) -> ResourceSpans.scope_spans(2) -> ScopeSpans.spans(2) are read; nothing is allocated.
import protobuf from 'protobufjs';

const LEN = 2;

/**
 * The number of spans `body` holds, or `atMost + 1` as soon as it holds more. A body that is not valid protobuf
 * counts what was read before the fault; the decoder names the fault afterwards.
 */
export function countOtlpProtoSpans(body: Uint8Array, atMost: number): number {
  const reader = protobuf.Reader.create(body);
  let spans = 0;
  /** Walks the fields up to `end`, calling `enter(end)` for each length-delimited field numbered `field`. */
  const walk = (end: number, field: number, enter: (end: number) => void): void => {
    while (reader.pos < end && spans <= atMost) {
      const tag = reader.uint32();
      const wireType = tag & 7;
      if (tag >>> 3 === field && wireType === LEN) {
        const fieldEnd = reader.uint32() + reader.pos;
        if (fieldEnd > end) throw new RangeError('length past the end');
        enter(fieldEnd);
        reader.pos = fieldEnd;
      } else {
        reader.skipType(wireType);
      }
    }
  };
  try {
    walk(reader.len, 1, (rsEnd) => walk(rsEnd, 2, (ssEnd) => walk(ssEnd, 2, () => void spans++)));
  } catch {
    // Malformed: the decoder reports where.
  }
  return Math.min(spans, atMost + 1);
}
