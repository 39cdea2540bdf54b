// HTTPS through createHttpServer with certificates the openssl CLI makes: TLS, mutual TLS, the minimum version, and
// reloading the certificate when its files change.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { pino, type Logger } from 'pino';
import type { TlsServerConfig } from '../config/tlsConfig.js';
import { createTestCa, rotateInto, skipWithoutOpenssl } from '../../test/support/testCertificates.js';
import { eventually, httpsRequest, presentedFingerprint } from '../../test/support/tlsClient.js';
import { createHttpServer, listenAt } from './httpServer.js';
import { loadServerTls } from './serverTls.js';

async function serve(tls: TlsServerConfig, logger?: Logger) {
  const app = createHttpServer({ tls, ...(logger ? { logger } : {}) });
  app.get('/hello', async () => ({ hello: 'world' }));
  const address = await listenAt(app, '127.0.0.1:0');
  return { app, address, url: `https://${address}/hello` };
}

describe('HTTPS listeners', skipWithoutOpenssl(), () => {
  test('serve the configured certificate; a client that trusts the CA gets its answer', async () => {
    const ca = createTestCa();
    const server = ca.issue('server', 'server');
    const s = await serve({ cert_file: server.certFile, key_file: server.keyFile, min_version: '1.2' });
    try {
      const res = await httpsRequest(s.url, { ca: ca.ca });
      assert.equal(res.status, 200);
      assert.deepEqual(JSON.parse(res.text), { hello: 'world' });
      assert.equal(await presentedFingerprint(s.address, { ca: ca.ca }), server.fingerprint256);
      await assert.rejects(httpsRequest(s.url, { ca: createTestCa().ca }), /self-signed|unable to verify|certificate/i, 'a client that does not trust the CA refuses it');
    } finally {
      await s.app.close();
    }
  });

  test('with client_ca_file, only clients with a certificate from that CA are let in', async () => {
    const ca = createTestCa();
    const server = ca.issue('server', 'server');
    const client = ca.issue('client', 'client');
    const stranger = createTestCa().issue('stranger', 'client');
    const s = await serve({ cert_file: server.certFile, key_file: server.keyFile, client_ca_file: ca.caFile, min_version: '1.2' });
    try {
      assert.equal((await httpsRequest(s.url, { ca: ca.ca, cert: client.cert, key: client.key })).status, 200);
      await assert.rejects(httpsRequest(s.url, { ca: ca.ca }), 'no client certificate');
      await assert.rejects(httpsRequest(s.url, { ca: ca.ca, cert: stranger.cert, key: stranger.key }), 'a certificate from another CA');
    } finally {
      await s.app.close();
    }
  });

  test('min_version 1.3 refuses a TLS 1.2 client; the default 1.2 takes it', async () => {
    const ca = createTestCa();
    const server = ca.issue('server', 'server');
    const strict = await serve({ cert_file: server.certFile, key_file: server.keyFile, min_version: '1.3' });
    const lenient = await serve({ cert_file: server.certFile, key_file: server.keyFile, min_version: '1.2' });
    try {
      await assert.rejects(httpsRequest(strict.url, { ca: ca.ca, maxVersion: 'TLSv1.2' }), /protocol|version/i);
      assert.equal((await httpsRequest(strict.url, { ca: ca.ca })).status, 200);
      assert.equal((await httpsRequest(lenient.url, { ca: ca.ca, maxVersion: 'TLSv1.2' })).status, 200);
    } finally {
      await strict.app.close();
      await lenient.app.close();
    }
  });

  test('new connections get a rotated certificate; a rotation that does not make a usable pair is not applied', { timeout: 30_000 }, async () => {
    const ca = createTestCa();
    const live = ca.issue('live', 'server');
    const next = ca.issue('next', 'server');
    const other = ca.issue('other', 'server');
    const log: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void log.push(line) });
    const s = await serve({ cert_file: live.certFile, key_file: live.keyFile, min_version: '1.2' }, logger);
    try {
      assert.equal(await presentedFingerprint(s.address, { ca: ca.ca }), live.fingerprint256);
      rotateInto(live, next);
      await eventually(async () => ((await presentedFingerprint(s.address, { ca: ca.ca })) === next.fingerprint256 ? true : undefined));
      assert.equal((await httpsRequest(s.url, { ca: ca.ca })).status, 200);
      assert.ok(log.some((l) => l.includes('TLS certificate reloaded')));
      // A certificate without its key: refused (and logged), and the server goes on presenting the last good one.
      writeFileSync(live.certFile, other.cert);
      await eventually(async () => (log.some((l) => l.includes('TLS certificate change not applied')) ? true : undefined));
      assert.equal(await presentedFingerprint(s.address, { ca: ca.ca }), next.fingerprint256);
    } finally {
      await s.app.close();
    }
  });

  test('unreadable or mismatched files are an error at start that names them', () => {
    const ca = createTestCa();
    const a = ca.issue('a', 'server');
    const b = ca.issue('b', 'server');
    assert.throws(() => loadServerTls({ cert_file: `${a.certFile}.missing`, key_file: a.keyFile, min_version: '1.2' }), /cannot read .*a\.crt\.missing/);
    assert.throws(() => loadServerTls({ cert_file: a.certFile, key_file: b.keyFile, min_version: '1.2' }), /a\.crt and .*b\.key do not make a usable certificate/);
  });
});
