// The all-in-one default (src/app/defaultConfig.ts) on ephemeral loopback ports with a temporary database, for
// tests that run the real CLI: `startCli(['--config', allInOneConfig()])`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes the configuration file and returns its path. */
export function allInOneConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spanbridge-allinone-'));
  const path = join(dir, 'config.yaml');
  writeFileSync(
    path,
    `
receivers:
  zipkin: {endpoint: 127.0.0.1:0}
  otlp: {protocols: {grpc: {endpoint: 127.0.0.1:0}, http: {endpoint: 127.0.0.1:0}}}
  awsxray: {endpoint: 127.0.0.1:0, api: {endpoint: 127.0.0.1:0}}
processors:
  memory_limiter: {limit_mib: 1024, spike_limit_mib: 256}
  istio: {}
  batch: {timeout: 20ms}
exporters:
  store: {}
storage:
  sqlite: {path: ${join(dir, 'spanbridge.db')}}
query: {endpoint: 127.0.0.1:0}
service:
  pipelines:
    traces: {receivers: [zipkin, otlp, awsxray], processors: [memory_limiter, istio, batch], exporters: [store]}
  telemetry: {metrics: {address: 127.0.0.1:0}}
`,
  );
  return path;
}

/** Polls `fn` every 100 ms until it returns a value, failing after `timeoutMillis`. */
export async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMillis = 15_000): Promise<T> {
  const until = Date.now() + timeoutMillis;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
