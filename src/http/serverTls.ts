// A listener's TLS material (src/config/tlsConfig.ts) as Node's TLS options, reloaded when the files change: Fastify's
// HTTPS servers (httpServer.ts) and gRPC servers (grpcServerSecurity.ts) both hand new connections the new certificate
// while connections already open keep theirs.
import { createSecureContext, type SecureContextOptions, type TlsOptions } from 'node:tls';
import type { Logger } from 'pino';
import type { TlsServerConfig } from '../config/tlsConfig.js';
import { watchFiles, type FileWatch } from '../config/watchFiles.js';

const VERSIONS = { '1.2': 'TLSv1.2', '1.3': 'TLSv1.3' } as const;

export interface ServerTls {
  /**
   * Options for `https.createServer` or `http2.createSecureServer`: the secure context plus the client certificate
   * policy (requested and verified against `client_ca_file` when it is set, so a connection without a valid one is
   * refused during the handshake).
   */
  readonly serverOptions: TlsOptions;
  /** The secure context options now in force (certificate, key, client CA, minimum version). */
  readonly context: SecureContextOptions;
  /** Calls `listener` with the new secure context options after each change of the files that parses. */
  onReload(listener: (context: SecureContextOptions) => void): void;
  /** Stops watching the files. */
  close(): void;
}

export interface ServerTlsOptions {
  /** Told of each reload, and of each change that could not be used (the old material then stays). */
  logger?: Logger;
  /** How often the files are re-read besides on change events (watchFiles). */
  recheckMillis?: number;
}

function contextOf(config: TlsServerConfig, [cert, key, ca]: Buffer[]): SecureContextOptions {
  return { cert, key, ...(ca === undefined ? {} : { ca }), minVersion: VERSIONS[config.min_version] };
}

/**
 * Reads the certificate, key and client CA of `config` (throwing, with the file named, when one cannot be read or they
 * do not make a valid context) and watches them. A change takes effect only when the new files make a valid context
 * (a certificate written before its key is a failed reload until the key follows).
 */
export function loadServerTls(config: TlsServerConfig, options: ServerTlsOptions = {}): ServerTls {
  const paths = [config.cert_file, config.key_file, ...(config.client_ca_file === undefined ? [] : [config.client_ca_file])];
  const listeners: Array<(context: SecureContextOptions) => void> = [];
  let context: SecureContextOptions | undefined;
  const watch: FileWatch = watchFiles(paths, {
    onChange(contents) {
      const next = contextOf(config, contents);
      createSecureContext(next);
      context = next;
      for (const l of listeners) l(next);
      options.logger?.info({ cert_file: config.cert_file }, 'TLS certificate reloaded');
    },
    onError: (err) => options.logger?.warn({ err, cert_file: config.cert_file }, 'TLS certificate change not applied; the previous certificate stays'),
    ...(options.recheckMillis === undefined ? {} : { recheckMillis: options.recheckMillis }),
  });
  try {
    context = contextOf(config, watch.initial);
    createSecureContext(context);
  } catch (e) {
    watch.close();
    throw new Error(`tls: ${config.cert_file} and ${config.key_file} do not make a usable certificate: ${(e as Error).message}`, { cause: e });
  }
  const requireClientCertificate = config.client_ca_file !== undefined;
  return {
    get serverOptions(): TlsOptions {
      return { ...context, requestCert: requireClientCertificate, rejectUnauthorized: requireClientCertificate };
    },
    get context(): SecureContextOptions {
      return context as SecureContextOptions;
    },
    onReload(listener) {
      listeners.push(listener);
    },
    close: () => watch.close(),
  };
}
