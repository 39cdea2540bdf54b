import { XRAY_RETENTION_MILLIS, type PollerSettings } from './pollerSettings.js';

export interface PollWindow {
  /** Unix ms; the checkpoint the window continues from (or the retention limit, when that is later). */
  start: number;
  /** Unix ms; the checkpoint once the window is done. */
  end: number;
  /** Unix ms; what GetTraceSummaries is asked from: `start` minus the overlap. */
  queryStart: number;
}

/**
 * The next window after `doneUntil`, or undefined when the poller is current. Windows are consecutive and at most
 * `windowMillis` long, and end no later than `now - settleDelay`; the checkpoint never jumps past unread time except
 * past X-Ray's retention, where nothing is left to read (specs/xray.md section 8.1, unlike dtPaTh's reset in 7.2).
 */
export function planWindow(doneUntil: number, now: number, s: Pick<PollerSettings, 'windowMillis' | 'settleDelayMillis' | 'overlapMillis'>): PollWindow | undefined {
  const start = Math.max(doneUntil, now - XRAY_RETENTION_MILLIS);
  const end = Math.min(start + s.windowMillis, now - s.settleDelayMillis);
  if (end <= start) return undefined;
  return { start, end, queryStart: start - s.overlapMillis };
}
