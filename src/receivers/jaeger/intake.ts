import { noUsableSpan, type JaegerDecodeResult } from '../../codecs/jaeger/jaegerBatchToModel.js';
import { PipelineError, asPipelineError } from '../../errors.js';
import { countSpans } from '../../model/batch.js';
import type { Consumer } from '../../pipeline/component.js';
import type { Telemetry } from '../../telemetry/telemetry.js';

/** The `transport` label of the receiver's counters. */
export type JaegerTransport = 'grpc' | 'http' | 'udp_compact' | 'udp_binary';

/** Where every transport hands its decoded spans: the span limit, the counters, and the hand-over to the pipeline. */
export interface JaegerIntake {
  /**
   * Hands the usable spans on and resolves once the pipeline accepted them; unusable ones are counted as SB_MALFORMED.
   * Throws a PipelineError (already counted) when the request is over the span limit, has no usable span, or the
   * pipeline refuses it. A request with no spans at all succeeds without reaching the pipeline.
   */
  accept(result: JaegerDecodeResult, transport: JaegerTransport): Promise<void>;
  /** Counts a refused request: its spans when known, else one (bad encoding, too large, malformed). */
  refused(transport: JaegerTransport, err: PipelineError, spans?: number): void;
}

export function createJaegerIntake(receiverId: string, telemetry: Telemetry, next: Consumer, maxSpansPerRequest: number): JaegerIntake {
  return {
    async accept(result, transport) {
      const spans = countSpans(result.batch);
      const total = spans + result.rejected;
      if (total > maxSpansPerRequest) {
        const err = new PipelineError('SB_TOO_MANY_SPANS', `the request holds ${total} spans; the limit is ${maxSpansPerRequest} (max_spans_per_request)`);
        telemetry.receiverRefused(receiverId, transport, err.code, total);
        throw err;
      }
      if (result.rejected > 0) {
        telemetry.receiverRefused(receiverId, transport, 'SB_MALFORMED', result.rejected);
        if (spans === 0) throw noUsableSpan(result);
      }
      if (spans === 0) return;
      try {
        await next.consume(result.batch);
      } catch (e) {
        const err = asPipelineError(e);
        telemetry.receiverRefused(receiverId, transport, err.code, spans);
        throw err;
      }
      telemetry.receiverAccepted(receiverId, transport, spans);
    },
    refused(transport, err, spans = 0) {
      telemetry.receiverRefused(receiverId, transport, err.code, spans);
    },
  };
}
