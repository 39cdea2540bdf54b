// gRPC TLS, mutual TLS, certificate reload and authentication with a real grpc-js client and server.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Metadata, Server, credentials, makeGenericClientConstructor, status, type ChannelCredentials, type ServiceDefinition } from '@grpc/grpc-js';
import { createTestCa, rotateInto, skipWithoutOpenssl } from '../../test/support/testCertificates.js';
import { eventually, presentedFingerprint } from '../../test/support/tlsClient.js';
import { credentialsFor, type HttpAuthenticator } from './authentication.js';
import { grpcServerSecurity, type GrpcServerSecurityOptions } from './grpcServerSecurity.js';
import { createTenancy } from './tenancy.js';

const echoService: ServiceDefinition = {
  Echo: {
    path: '/test.Echo/Echo',
    requestStream: false,
    responseStream: false,
    requestSerialize: (b: Buffer) => b,
    requestDeserialize: (b: Buffer) => b,
    responseSerialize: (b: Buffer) => b,
    responseDeserialize: (b: Buffer) => b,
  },
};
const EchoClient = makeGenericClientConstructor(echoService, 'Echo');

const bearer: HttpAuthenticator = { scheme: 'Bearer', authenticate: async (a) => credentialsFor(a, 'Bearer') === 'letmein' };

async function startEcho(options: GrpcServerSecurityOptions) {
  const security = grpcServerSecurity(options);
  const server = new Server({ interceptors: security.interceptors });
  let handled = 0;
  server.addService(echoService, {
    Echo: (call: { request: Buffer }, callback: (err: null, value: Buffer) => void) => {
      handled++;
      callback(null, call.request);
    },
  });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', security.credentials, (e, p) => (e ? reject(e) : resolve(p))));
  return {
    address: `127.0.0.1:${port}`,
    handled: () => handled,
    close() {
      security.close();
      server.forceShutdown();
    },
  };
}

function echo(address: string, channel: ChannelCredentials, metadata = new Metadata()): Promise<{ code: number; details?: string; value?: string }> {
  const client = new EchoClient(address, channel, { 'grpc.ssl_target_name_override': 'localhost' }) as unknown as {
    Echo(req: Buffer, md: Metadata, cb: (e: { code: number; details: string } | null, v?: Buffer) => void): void;
    close(): void;
  };
  return new Promise((resolve) => {
    client.Echo(Buffer.from('hi'), metadata, (e, v) => {
      client.close();
      resolve(e ? { code: e.code, details: e.details } : { code: status.OK, value: String(v) });
    });
  });
}

function withAuthorization(value: string): Metadata {
  const md = new Metadata();
  md.set('authorization', value);
  return md;
}

test('without tls or authenticator: insecure credentials and no interceptor', async () => {
  const s = await startEcho({});
  try {
    assert.deepEqual(await echo(s.address, credentials.createInsecure()), { code: status.OK, value: 'hi' });
  } finally {
    s.close();
  }
});

test('an authenticator refuses calls without accepted authorization metadata with UNAUTHENTICATED, before the handler', async () => {
  const s = await startEcho({ authenticator: bearer });
  try {
    const missing = await echo(s.address, credentials.createInsecure());
    assert.equal(missing.code, status.UNAUTHENTICATED);
    assert.match(missing.details ?? '', /^authentication required \(Bearer realm="spanbridge"\)$/);
    assert.equal((await echo(s.address, credentials.createInsecure(), withAuthorization('Bearer nope'))).code, status.UNAUTHENTICATED);
    assert.equal(s.handled(), 0);
    assert.deepEqual(await echo(s.address, credentials.createInsecure(), withAuthorization('Bearer letmein')), { code: status.OK, value: 'hi' });
    assert.equal(s.handled(), 1);
  } finally {
    s.close();
  }
});

test('tenancy refuses calls naming no tenant (UNAUTHENTICATED) or one not allowed (PERMISSION_DENIED), after authentication', async () => {
  const s = await startEcho({ authenticator: bearer, tenancy: createTenancy({ header: 'X-Scope-OrgID', tenants: ['acme'] }) });
  const metadata = (tenant?: string, authorization = 'Bearer letmein') => {
    const md = withAuthorization(authorization);
    if (tenant !== undefined) md.set('x-scope-orgid', tenant);
    return md;
  };
  try {
    const insecure = credentials.createInsecure();
    assert.equal((await echo(s.address, insecure, metadata('acme', 'Bearer nope'))).code, status.UNAUTHENTICATED);
    const missing = await echo(s.address, insecure, metadata());
    assert.equal(missing.code, status.UNAUTHENTICATED);
    assert.match(missing.details ?? '', /x-scope-orgid/);
    assert.equal((await echo(s.address, insecure, metadata('initech'))).code, status.PERMISSION_DENIED);
    assert.equal(s.handled(), 0);
    assert.deepEqual(await echo(s.address, insecure, metadata('acme')), { code: status.OK, value: 'hi' });
  } finally {
    s.close();
  }
});

describe('gRPC over TLS', skipWithoutOpenssl(), () => {
  test('serves TLS to clients that trust the CA; plain-text clients get nowhere', async () => {
    const ca = createTestCa();
    const server = ca.issue('server', 'server');
    const s = await startEcho({ tls: { cert_file: server.certFile, key_file: server.keyFile, min_version: '1.2' }, authenticator: bearer });
    try {
      assert.deepEqual(await echo(s.address, credentials.createSsl(ca.ca), withAuthorization('Bearer letmein')), { code: status.OK, value: 'hi' });
      assert.equal((await echo(s.address, credentials.createSsl(ca.ca))).code, status.UNAUTHENTICATED);
      assert.equal((await echo(s.address, credentials.createInsecure(), withAuthorization('Bearer letmein'))).code, status.UNAVAILABLE);
    } finally {
      s.close();
    }
  });

  test('mutual TLS: a client certificate from client_ca_file is required', async () => {
    const ca = createTestCa();
    const server = ca.issue('server', 'server');
    const client = ca.issue('client', 'client');
    const s = await startEcho({ tls: { cert_file: server.certFile, key_file: server.keyFile, client_ca_file: ca.caFile, min_version: '1.3' } });
    try {
      assert.deepEqual(await echo(s.address, credentials.createSsl(ca.ca, client.key, client.cert)), { code: status.OK, value: 'hi' });
      assert.equal((await echo(s.address, credentials.createSsl(ca.ca))).code, status.UNAVAILABLE);
    } finally {
      s.close();
    }
  });

  test('new connections get a rotated certificate without a restart', { timeout: 30_000 }, async () => {
    const ca = createTestCa();
    const live = ca.issue('live', 'server');
    const next = ca.issue('next', 'server');
    const s = await startEcho({ tls: { cert_file: live.certFile, key_file: live.keyFile, min_version: '1.2' } });
    try {
      assert.equal(await presentedFingerprint(s.address, { ca: ca.ca }, 'h2'), live.fingerprint256);
      rotateInto(live, next);
      await eventually(async () => ((await presentedFingerprint(s.address, { ca: ca.ca }, 'h2')) === next.fingerprint256 ? true : undefined));
      assert.deepEqual(await echo(s.address, credentials.createSsl(ca.ca)), { code: status.OK, value: 'hi' });
    } finally {
      s.close();
    }
  });
});
