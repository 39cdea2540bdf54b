import type { XRayClient } from '@aws-sdk/client-xray';
import type { Logger } from 'pino';
import type { Consumer } from '../../pipeline/component.js';
import type { Telemetry } from '../../telemetry/telemetry.js';
import { classifyXrayError, describeXrayError } from './classifyXrayError.js';
import type { PollerMetrics } from './pollerMetrics.js';
import type { PollerSettings } from './pollerSettings.js';
import type { PollerCounts } from './pollerStatus.js';
import { retryWithBackoff } from './retryWithBackoff.js';

/** What the poller's steps share: its identity, clients, settings, counters. */
export interface PollerContext {
  /** The receiver id (telemetry label). */
  readonly id: string;
  readonly client: XRayClient;
  readonly next: Consumer;
  readonly telemetry: Telemetry;
  readonly metrics: PollerMetrics;
  readonly logger: Logger;
  readonly settings: PollerSettings;
  readonly counts: PollerCounts;
  readonly random: () => number;
  /** Records the latest failure for the status route. */
  noteError(message: string): void;
}

/**
 * One X-Ray API call, retried with backoff while it is throttled or fails transiently (never skipped, specs/xray.md
 * section 8.1); a permanent failure (4xx) is thrown. The SDK call is aborted with `signal`.
 */
export function callXray<T>(ctx: PollerContext, api: string, signal: AbortSignal, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return retryWithBackoff(
    async (s) => {
      const out = await call(s);
      ctx.metrics.apiCall(api, 'ok');
      return out;
    },
    {
      signal,
      policy: ctx.settings.backoff,
      random: ctx.random,
      classify: (err) => {
        const failure = classifyXrayError(err);
        ctx.metrics.apiCall(api, failure === 'throttled' ? 'throttled' : 'error');
        if (failure === 'throttled') ctx.counts.throttled++;
        else {
          ctx.counts.errors++;
          ctx.noteError(`${api}: ${describeXrayError(err)}`);
        }
        return failure;
      },
      onRetry: (failure, err, delayMillis) => {
        ctx.logger.debug({ receiver: ctx.id, api, failure, delayMillis, error: describeXrayError(err) }, 'X-Ray call failed; retrying');
      },
    },
  );
}
