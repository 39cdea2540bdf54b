// The all-in-one default that `spanbridge` runs without --config (docs/ports.md), bound to localhost.
export const DEFAULT_CONFIG = `
receivers:
  zipkin:
    endpoint: localhost:9411
  otlp:
    protocols:
      grpc:
        endpoint: localhost:4317
      http:
        endpoint: localhost:4318
  awsxray:
    endpoint: localhost:2000
    api:
      endpoint: localhost:2000
  jaeger:
    protocols:
      grpc:
        endpoint: localhost:14250
      thrift_http:
        endpoint: localhost:14268
      thrift_compact:
        endpoint: localhost:6831
      thrift_binary:
        endpoint: localhost:6832
    remote_sampling:
      endpoint: localhost:5778
processors:
  memory_limiter:
    limit_mib: 1024
    spike_limit_mib: 256
    # Below the batch processor's bound (10 x send_batch_size), so a flood is refused before its
    # bodies are decoded rather than by the batch processor after (docs/threads.md).
    max_in_flight_spans: 16384
  istio: {}
  batch:
    # No wait: the store's writer commits together whatever queued up while it wrote (group
    # commit), so holding spans here only kept them alive longer; send_batch_size still sets
    # this processor's bound on spans waiting (docs/threads.md).
    send_batch_size: 2048
    timeout: 0s
exporters:
  store: {}
storage:
  sqlite:
    path: ./data/spanbridge.db
  retention: 72h
query:
  endpoint: localhost:16686
service:
  pipelines:
    traces:
      receivers: [zipkin, otlp, awsxray, jaeger]
      processors: [memory_limiter, istio, batch]
      exporters: [store]
  telemetry:
    metrics:
      address: localhost:8888
`;

/** Parts of the all-in-one (docs/ports.md) that the default does not run yet; said once at start. */
export const NOT_BUILT_YET: string[] = [];
