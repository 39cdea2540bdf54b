import type { HttpAuthenticator } from '../../http/authentication.js';
import type { Tenancy } from '../../http/tenancy.js';

/** One listener of the receiver (an HTTP, gRPC or UDP server), started and stopped by jaegerReceiver.ts. */
export interface ListeningServer {
  /**
   * Listens; with an authenticator (HTTP and gRPC only), requests it refuses are answered 401 / UNAUTHENTICATED. With
   * tenancy, HTTP and gRPC requests must name an allowed tenant (401 / 403), and UDP datagrams belong to the
   * headerless tenant (docs/security.md, "Tenants").
   */
  listen(authenticator?: HttpAuthenticator, tenancy?: Tenancy): Promise<void>;
  /** Stops listening and waits for work already handed on. */
  close(): Promise<void>;
  /** `host:port` once listening. */
  address(): string;
}
