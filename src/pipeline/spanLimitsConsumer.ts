import { limitBatch, type SpanLimits } from '../model/spanLimits.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import type { Consumer } from './component.js';

/**
 * `next` behind the span limits: each receiver wraps the consumer it was given, so every transport it serves (HTTP,
 * gRPC, UDP) hands on only limited spans, and what the limits changed is counted under the receiver's id
 * (`spanbridge_receiver_limited_total`).
 */
export function limitingConsumer(next: Consumer, limits: SpanLimits, receiverId: string, telemetry: Telemetry): Consumer {
  return {
    consume(batch) {
      const { dropped, truncated } = limitBatch(batch, limits);
      if (dropped > 0 || truncated > 0) telemetry.receiverLimited(receiverId, dropped, truncated);
      return next.consume(batch);
    },
  };
}
