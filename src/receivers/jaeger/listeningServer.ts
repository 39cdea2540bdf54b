import type { HttpAuthenticator } from '../../http/authentication.js';

/** One listener of the receiver (an HTTP, gRPC or UDP server), started and stopped by jaegerReceiver.ts. */
export interface ListeningServer {
  /** Listens; with an authenticator (HTTP and gRPC only), requests it refuses are answered 401 / UNAUTHENTICATED. */
  listen(authenticator?: HttpAuthenticator): Promise<void>;
  /** Stops listening and waits for work already handed on. */
  close(): Promise<void>;
  /** `host:port` once listening. */
  address(): string;
}
