import { countOtlpProtoSpans } from '../../codecs/otlp/countOtlpProtoSpans.js';
import { decodeOtlpProtoLimited } from '../../codecs/otlp/decodeOtlpProto.js';
import { PipelineError, asPipelineError } from '../../errors.js';
import { countSpans } from '../../model/batch.js';
import type { TraceBatch } from '../../model/span.js';
import type { Consumer } from '../../pipeline/component.js';
import type { Telemetry } from '../../telemetry/telemetry.js';

export type OtlpTransport = 'grpc' | 'http';

/** Where both transports hand decoded requests; it enforces the span limit and keeps the receiver's counters. */
export interface Intake {
  /** Hands the batch to the pipeline; resolves once it is accepted, else throws a PipelineError (counted). */
  accept(batch: TraceBatch, transport: OtlpTransport): Promise<void>;
  /**
   * Decodes an OTLP/protobuf body, after counting its spans on the wire: over the span limit it counts them as refused
   * and throws SB_TOO_MANY_SPANS before any span is built.
   */
  decodeProto(body: Uint8Array, transport: OtlpTransport): TraceBatch;
  /** Counts a request refused before its spans could be counted (bad encoding, too large, malformed). */
  refused(transport: OtlpTransport, err: PipelineError): void;
}

/**
 * `maxAttributes` is the receiver's max_attributes_per_span, applied while protobuf is read; the rest of the span
 * limits apply to every decoded request in the consumer the receiver was given (src/pipeline/spanLimitsConsumer.ts).
 */
export function createIntake(receiverId: string, telemetry: Telemetry, next: Consumer, maxSpansPerRequest: number, maxAttributes = Number.POSITIVE_INFINITY): Intake {
  return {
    decodeProto(body, transport) {
      // The whole count, for the message and the counter: reading tags allocates nothing, unlike decoding.
      const spans = countOtlpProtoSpans(body, Number.MAX_SAFE_INTEGER);
      if (spans > maxSpansPerRequest) {
        const err = new PipelineError('SB_TOO_MANY_SPANS', `request holds ${spans} spans, over the limit of ${maxSpansPerRequest} (max_spans_per_request)`);
        telemetry.receiverRefused(receiverId, transport, err.code, spans);
        throw err;
      }
      const { batch, droppedAttributes } = decodeOtlpProtoLimited(body, maxAttributes);
      if (droppedAttributes > 0) telemetry.receiverLimited(receiverId, droppedAttributes, 0);
      return batch;
    },
    async accept(batch, transport) {
      const spans = countSpans(batch);
      if (spans > maxSpansPerRequest) {
        const err = new PipelineError('SB_TOO_MANY_SPANS', `request holds ${spans} spans, over the limit of ${maxSpansPerRequest} (max_spans_per_request)`);
        telemetry.receiverRefused(receiverId, transport, err.code, spans);
        throw err;
      }
      // An empty request is a success with nothing to hand on (OTLP specification, "OTLP/HTTP Response": empty requests
      // succeed).
      if (spans === 0) return;
      try {
        await next.consume(batch);
      } catch (e) {
        const err = asPipelineError(e);
        telemetry.receiverRefused(receiverId, transport, err.code, spans);
        throw err;
      }
      telemetry.receiverAccepted(receiverId, transport, spans);
    },
    refused(transport, err) {
      // decodeProto counted those with their spans.
      if (err.code === 'SB_TOO_MANY_SPANS') return;
      telemetry.receiverRefused(receiverId, transport, err.code, 0);
    },
  };
}
