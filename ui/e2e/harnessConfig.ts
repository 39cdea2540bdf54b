export interface HarnessConfigOptions {
  /** The SQLite file (in a temporary folder). */
  dbPath: string;
  /** The built web UI the query server serves. */
  uiDir: string;
}

/**
 * The Spanbridge config the UI tests run (traces go in through the real receivers, not into the store directly):
 * OTLP/HTTP and Zipkin in,
 * the mesh normalizer, batching, the store; every listener on an ephemeral loopback port.
 *
 * - `keep_original_attributes`: span details show Envoy's own tags (`upstream_cluster`) beside what the normalizer
 *   made of them, as an operator debugging a mesh wants to see them.
 * - `dependency_grace_period: 250ms`, not `0s`: with no grace the store's linker pairs a caller only with a span that
 *   arrives right after it, so an app CLIENT span (over OTLP) and its sidecar's CLIENT span (over Zipkin, a request
 *   later) would each become a virtual call and every edge would count each call twice. A short grace pairs them
 *   (one call per request, as in production) and still puts the virtual ratings -> mysql edge on the map within half
 *   a second; the harness waits for it.
 */
export function harnessConfig(options: HarnessConfigOptions): string {
  // JSON strings are YAML flow scalars: paths need no further quoting.
  return `
receivers:
  otlp: {protocols: {http: {endpoint: 127.0.0.1:0}}}
  zipkin: {endpoint: 127.0.0.1:0}
processors:
  istio: {keep_original_attributes: true}
  batch: {timeout: 20ms}
exporters:
  store: {}
storage:
  sqlite: {path: ${JSON.stringify(options.dbPath)}}
  dependency_grace_period: 250ms
query: {endpoint: 127.0.0.1:0, ui_dir: ${JSON.stringify(options.uiDir)}}
service:
  pipelines:
    traces: {receivers: [otlp, zipkin], processors: [istio, batch], exporters: [store]}
  telemetry: {metrics: {address: 127.0.0.1:0}, logs: {level: warn}}
`;
}
