// TLS and authentication for a gRPC listener (the OTLP receiver's, and any other gRPC receiver's): the credentials to
// bind with and the interceptors to build the Server with. The certificate is reloaded without a restart: grpc-js lets
// ServerCredentials push new secure context options to the servers bound with them, which call setSecureContext, so
// new connections get the new certificate and open ones keep theirs.
import { ServerCredentials, ServerInterceptingCall, status, type Metadata, type ServerInterceptor } from '@grpc/grpc-js';
import type { SecureContextOptions } from 'node:tls';
import type { Logger } from 'pino';
import type { TlsServerConfig } from '../config/tlsConfig.js';
import type { HttpAuthenticator } from './authentication.js';
import { challengeOf } from './authentication.js';
import { loadServerTls, type ServerTls } from './serverTls.js';
import { grpcTenantInterceptor, type Tenancy } from './tenancy.js';

/**
 * Server credentials whose secure context follows the files of a ServerTls. grpc-js's own file-watching provider
 * cannot set the minimum TLS version, so this extends ServerCredentials the way it does: constructor options for
 * the server, updateSecureContextOptions for each reload.
 */
class ReloadingServerCredentials extends ServerCredentials {
  constructor(tls: ServerTls) {
    const { requestCert, rejectUnauthorized, minVersion } = tls.serverOptions;
    super({ requestCert, rejectUnauthorized, minVersion }, tls.context);
    tls.onReload((context: SecureContextOptions) => this.updateSecureContextOptions(context));
  }

  _equals(other: ServerCredentials): boolean {
    return other === this;
  }
}

/**
 * Refuses a call whose `authorization` metadata `authenticator` does not accept with UNAUTHENTICATED, before its
 * message is read or a handler runs; the status details carry the challenge a 401 would.
 */
export function grpcAuthInterceptor(authenticator: HttpAuthenticator): ServerInterceptor {
  return (_method, call) =>
    new ServerInterceptingCall(call, {
      start(next) {
        next({
          onReceiveMetadata(metadata: Metadata, proceed: (metadata: Metadata) => void) {
            const value = metadata.get('authorization')[0];
            const authorization = typeof value === 'string' ? value : undefined;
            void authenticator.authenticate(authorization).then((ok) => {
              if (ok) proceed(metadata);
              else call.sendStatus({ code: status.UNAUTHENTICATED, details: `${authorization === undefined ? 'authentication required' : 'the credentials were not accepted'} (${challengeOf(authenticator)})` });
            });
          },
        });
      },
    });
}

export interface GrpcServerSecurity {
  /** What to bind with: TLS (reloading) when configured, else insecure. */
  readonly credentials: ServerCredentials;
  /** For the Server constructor's `interceptors`: authentication when an authenticator is set, then tenancy. */
  readonly interceptors: ServerInterceptor[];
  /** Stops watching the certificate files. */
  close(): void;
}

export interface GrpcServerSecurityOptions {
  tls?: TlsServerConfig;
  authenticator?: HttpAuthenticator;
  /** Calls must name an allowed tenant in their metadata (docs/security.md, "Tenants"). */
  tenancy?: Tenancy;
  /** Told of certificate reloads and of changes that could not be used. */
  logger?: Logger;
}

/** Credentials and interceptors for a gRPC server; reads the certificate files now (throwing when unusable). */
export function grpcServerSecurity(options: GrpcServerSecurityOptions): GrpcServerSecurity {
  const tls = options.tls && loadServerTls(options.tls, options.logger ? { logger: options.logger } : {});
  return {
    credentials: tls ? new ReloadingServerCredentials(tls) : ServerCredentials.createInsecure(),
    interceptors: [...(options.authenticator ? [grpcAuthInterceptor(options.authenticator)] : []), ...(options.tenancy ? [grpcTenantInterceptor(options.tenancy)] : [])],
    close: () => tls?.close(),
  };
}
