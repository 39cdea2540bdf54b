// Reading the server's own counters from its /metrics page (Prometheus text exposition format).

/** `name{a="x",b="y"} 12` or `name 12`: the name, the label text and the value. */
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The sum of every sample of `name` whose labels include all of `labels` (0 when there is none). */
export function metricSum(text: string, name: string, labels: Readonly<Record<string, string>> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (m === null || m[1] !== name) continue;
    const found = new Map<string, string>();
    for (const l of (m[2] ?? '').matchAll(LABEL)) found.set(l[1] as string, l[2] as string);
    if (Object.entries(labels).every(([k, v]) => found.get(k) === v)) sum += Number(m[3]);
  }
  return sum;
}

/** The spans the `store` exporter has committed, from a /metrics page. */
export function storedSpans(text: string): number {
  return metricSum(text, 'spanbridge_exporter_sent_spans_total', { exporter: 'store' });
}

/** Spans receivers refused (429/503 and other refusals), from a /metrics page. */
export function refusedSpans(text: string): number {
  return metricSum(text, 'spanbridge_receiver_refused_spans_total');
}
