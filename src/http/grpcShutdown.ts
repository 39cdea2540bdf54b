import type { Server } from '@grpc/grpc-js';

/** How long calls in progress may finish before a gRPC server is shut down anyway. */
export const GRPC_SHUTDOWN_GRACE_MILLIS = 5000;

/**
 * Stops a gRPC server: no new calls, the ones in progress may finish for `graceMillis`, then the rest are cancelled.
 * Shared by the gRPC receivers (OTLP, Jaeger).
 */
export function shutdownGrpcServer(server: Server, graceMillis = GRPC_SHUTDOWN_GRACE_MILLIS): Promise<void> {
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMillis);
    server.tryShutdown(() => {
      clearTimeout(force);
      resolve();
    });
  });
}
