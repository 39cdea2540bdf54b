/** The OTLP/gRPC trace method (trace_service.proto: `service TraceService { rpc Export(...) }`). */
export const TRACE_SERVICE_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

/** A Uint8Array as a Buffer over the same memory (grpc-js serializers must return Buffers). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
