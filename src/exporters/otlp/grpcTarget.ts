export interface GrpcTarget {
  /** `host:port` as grpc-js dials it. */
  address: string;
  /** TLS or plaintext. */
  secure: boolean;
}

/**
 * Where and how to dial an `endpoint`: `host:port` uses TLS unless `tls.insecure`; a URL's scheme decides by itself
 * (`http` plaintext, `https` TLS), and a URL without a port gets the scheme's default one.
 */
export function grpcTarget(endpoint: string, insecure: boolean): GrpcTarget {
  const m = /^(https?):\/\/(.+)$/i.exec(endpoint);
  if (!m) return { address: endpoint, secure: !insecure };
  const url = new URL(endpoint);
  const secure = url.protocol === 'https:';
  return { address: `${url.hostname}:${url.port || (secure ? '443' : '80')}`, secure };
}
