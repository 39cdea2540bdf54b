const ZERO_HIGH = '0'.repeat(16);

/**
 * A trace id as Jaeger prints it (model.TraceID.String(): "%016x" of the low half when the high half is zero, else
 * "%016x%016x"), so 64-bit ids from Zipkin/Jaeger clients look as they did there.
 */
export function jaegerTraceId(hex32: string): string {
  return hex32.length === 32 && hex32.startsWith(ZERO_HIGH) ? hex32.slice(16) : hex32;
}
