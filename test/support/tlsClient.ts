// A TLS client for tests: requests over HTTPS with a test CA (and a client certificate for mutual TLS), and the
// certificate a server presents on a new connection.
import { request } from 'node:https';
import { connect, type ConnectionOptions } from 'node:tls';

export interface ClientTls {
  /** The CA that signed the server's certificate. */
  ca: Buffer;
  /** A client certificate and key, for mutual TLS. */
  cert?: Buffer;
  key?: Buffer;
  /** Highest TLS version the client offers (to check a server's min_version). */
  maxVersion?: ConnectionOptions['maxVersion'];
}

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One HTTPS request on a connection of its own (no keep-alive, so each request does a fresh handshake). */
export function httpsRequest(url: string, tls: ClientTls, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false, ca: tls.ca, cert: tls.cert, key: tls.key, maxVersion: tls.maxVersion }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The SHA-256 fingerprint of the certificate `host:port` presents on a new connection (ALPN `h2` for gRPC). */
export function presentedFingerprint(address: string, tls: ClientTls, alpn?: string): Promise<string> {
  const i = address.lastIndexOf(':');
  const host = address.slice(0, i).replace(/^\[|\]$/g, '');
  const port = Number(address.slice(i + 1));
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, ca: tls.ca, cert: tls.cert, key: tls.key, servername: 'localhost', ...(alpn ? { ALPNProtocols: [alpn] } : {}) }, () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve(fingerprint);
    });
    socket.on('error', reject);
  });
}

/** Polls `fn` until it returns a value other than undefined; the test's own timeout bounds the wait. */
export async function eventually<T>(fn: () => Promise<T | undefined>, intervalMillis = 100): Promise<T> {
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, intervalMillis));
  }
}
