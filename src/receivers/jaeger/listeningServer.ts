/** One listener of the receiver (an HTTP, gRPC or UDP server), started and stopped by jaegerReceiver.ts. */
export interface ListeningServer {
  listen(): Promise<void>;
  /** Stops listening and waits for work already handed on. */
  close(): Promise<void>;
  /** `host:port` once listening. */
  address(): string;
}
