import { request } from 'node:http';
import type { Agent, IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * One HTTP request with exactly the headers given (fetch would refuse to set Host or Origin, and adds a Content-Type
 * of its own to string bodies). Resolves with the answer even when the server answers before the body is written.
 */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; agent?: Agent } = {}): Promise<RawResponse> {
  const body = options.body ?? '';
  const headers = { ...(options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers, ...(options.agent === undefined ? {} : { agent: options.agent }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    let answered = false;
    req.on('response', () => (answered = true));
    req.on('error', (e) => {
      if (!answered) setTimeout(() => (answered ? undefined : reject(e)), 200);
    });
    req.end(body);
  });
}

/** The sum of a Prometheus counter's samples whose label text contains every one of `labels` (`code="SB_MALFORMED"`). */
export async function metricValue(telemetryUrl: string, name: string, ...labels: string[]): Promise<number> {
  const text = await (await fetch(`${telemetryUrl}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (labels.every((l) => line.includes(l))) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** Polls `check` every 50 ms until it returns true, failing after `timeoutMillis`. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMillis = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
