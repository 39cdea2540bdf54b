import type { CorsConfig } from '../../http/originGuard.js';

/** The `zipkin` receiver's configuration, as validated and defaulted by `zipkinReceiverFactory.configSchema`. */
export interface ZipkinReceiverConfig {
  /** `host:port` to listen on (default `localhost:9411`). */
  endpoint: string;
  /** Bytes accepted on the wire. */
  max_request_body_size: number;
  /** Bytes accepted after Content-Encoding is undone. */
  max_decompressed_body_size: number;
  /** Spans accepted in one request (413 SB_TOO_MANY_SPANS above). */
  max_spans_per_request: number;
  /** Type tag values as int/double/bool, by the Collector's `parse_string_tags` rules. */
  parse_string_tags: boolean;
  /** Web pages allowed to send here (src/http/originGuard.ts). */
  cors: CorsConfig;
}
