/** Options of the OpenTelemetry -> X-Ray direction (from the `awsxray` exporter's config). */
export interface XrayEncodeOptions {
  /** Attribute keys written as annotations (indexed) rather than metadata; resource keys as `otel.resource.<key>`. */
  indexedAttributes?: readonly string[];
  /** Every scalar attribute becomes an annotation; arrays and maps still go to metadata (contrib drops them). */
  indexAllAttributes?: boolean;
  /**
   * The X-Ray trace id to use per OpenTelemetry trace id, as chosen by the epoch fix (createTraceIdFixer). Where it
   * differs from the plain conversion, documents carry the original id in ORIGINAL_TRACE_ID_ANNOTATION.
   */
  xrayTraceIds?: ReadonlyMap<string, string>;
  /** Largest document in UTF-8 bytes (X-Ray's limit: 64 kB). */
  maxDocumentBytes?: number;
}

export const MAX_DOCUMENT_BYTES = 64 * 1024;
