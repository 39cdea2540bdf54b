import type { Logger } from 'pino';
import type { ZipkinJsonSpan } from './zipkinJsonSpan.js';

/** Span counts of the demo's sidecar reporters, shared by all of them. */
export interface ReporterCounts {
  /** Spans in reports the collector acknowledged with 202. */
  sent: number;
  /** Spans in reports answered with another status (Envoy's `reports_dropped`). */
  dropped: number;
  /** Spans in reports that could not be delivered (Envoy's `reports_failed`). */
  failed: number;
  /** Spans discarded because the buffer was full. */
  overflowed: number;
}

export function emptyReporterCounts(): ReporterCounts {
  return { sent: 0, dropped: 0, failed: 0, overflowed: 0 };
}

export interface ZipkinReporterOptions {
  /** e.g. `http://127.0.0.1:9411/api/v2/spans`. */
  url: string;
  /** Envoy runtime `tracing.zipkin.min_flush_spans` (default 5). */
  minFlushSpans: number;
  /** Envoy runtime `tracing.zipkin.flush_interval_ms`. */
  flushIntervalMillis: number;
  /** Envoy runtime `tracing.zipkin.request_timeout` (default 5000). */
  requestTimeoutMillis: number;
  /** Spans held while reports are slow or failing; more are counted as overflowed and discarded. */
  maxBufferedSpans: number;
  counts: ReporterCounts;
  logger: Logger;
}

export interface ZipkinReporter {
  report(span: ZipkinJsonSpan): void;
  /** Sends what is buffered and waits for every report in flight. */
  flush(): Promise<void>;
  /** Flushes and stops the interval timer. */
  close(): Promise<void>;
}

/**
 * One sidecar's span reporter, shaped like Envoy's: a JSON v2 array
 * POSTed with `Content-Type: application/json`, no gzip, once `minFlushSpans` are buffered or every
 * `flushIntervalMillis`; no retries; anything but 202 counts as dropped.
 */
export function createZipkinReporter(options: ZipkinReporterOptions): ZipkinReporter {
  let buffer: ZipkinJsonSpan[] = [];
  const inFlight = new Set<Promise<void>>();
  let healthy = true;

  // Logged on a change of state only, never per report or span, so a down collector cannot flood the log.
  const noteOutcome = (ok: boolean, detail: string) => {
    if (ok === healthy) return;
    healthy = ok;
    if (ok) options.logger.info({ url: options.url }, 'demo sidecar spans are being delivered again');
    else options.logger.warn({ url: options.url, detail }, 'demo sidecar spans are not being delivered');
  };

  const post = async (spans: ZipkinJsonSpan[]) => {
    try {
      const res = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(spans),
        signal: AbortSignal.timeout(options.requestTimeoutMillis),
      });
      await res.arrayBuffer();
      if (res.status === 202) options.counts.sent += spans.length;
      else options.counts.dropped += spans.length;
      noteOutcome(res.status === 202, `HTTP ${res.status}`);
    } catch (e) {
      options.counts.failed += spans.length;
      noteOutcome(false, (e as Error).message);
    }
  };

  const send = () => {
    if (buffer.length === 0) return;
    const spans = buffer;
    buffer = [];
    const p = post(spans).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  const timer = setInterval(send, options.flushIntervalMillis);
  timer.unref();

  const flush = async () => {
    send();
    await Promise.all([...inFlight]);
  };

  return {
    report(span) {
      if (buffer.length >= options.maxBufferedSpans) {
        options.counts.overflowed++;
        return;
      }
      buffer.push(span);
      if (buffer.length >= options.minFlushSpans) send();
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
