import { parseDurationMillis } from '../../model/duration.js';
import { pollerBackoff, type PollerSettings } from '../../xray/poller/pollerSettings.js';
import type { AwsXrayPollerConfig } from './config.js';

/** The engine's settings (milliseconds) from a validated config. */
export function pollerSettingsFromConfig(c: AwsXrayPollerConfig): PollerSettings {
  return {
    pollingIntervalMillis: parseDurationMillis(c.polling_interval),
    windowMillis: parseDurationMillis(c.window),
    settleDelayMillis: parseDurationMillis(c.settle_delay),
    overlapMillis: parseDurationMillis(c.overlap),
    maxReplayMillis: parseDurationMillis(c.max_replay),
    timeRangeType: c.time_range_type,
    filterExpression: c.filter_expression,
    leaseTtlMillis: parseDurationMillis(c.lease.ttl),
    maxSeenTraceIds: c.max_seen_trace_ids,
    backoff: pollerBackoff(parseDurationMillis(c.backoff.initial_interval), parseDurationMillis(c.backoff.max_interval)),
  };
}
