import type { ExporterHelperConfig } from '../../pipeline/queuedExporter.js';

/** `exporters.otlp` (OTLP/gRPC), keys as in the Collector's otlpexporter. */
export interface OtlpGrpcExporterConfig extends ExporterHelperConfig {
  /** `host:port`, or a URL: `http://` means plaintext and `https://` TLS whatever `tls.insecure` says. */
  endpoint: string;
  tls: {
    /** true: plaintext (no TLS). */
    insecure: boolean;
    /** PEM file of the CA(s) to trust instead of the system roots. */
    ca_file?: string;
  };
  /** Request metadata. */
  headers: Record<string, string>;
  compression: 'gzip' | 'none';
}
