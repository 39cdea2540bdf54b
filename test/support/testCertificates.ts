// Certificates made for a test by the `openssl` CLI: a throwaway CA and leaf certificates it signs, for 127.0.0.1 and
// localhost, in a temporary folder. Tests that need them skip outside CI when openssl is missing (CI installs it).
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Issued {
  certFile: string;
  keyFile: string;
  /** The PEM texts, for clients that take them directly. */
  cert: Buffer;
  key: Buffer;
  /** SHA-256 fingerprint as Node prints it (`AB:CD:...`), to tell which certificate a server presented. */
  fingerprint256: string;
}

export interface TestCa {
  readonly dir: string;
  readonly caFile: string;
  readonly ca: Buffer;
  /** A leaf certificate named `name` for serverAuth (SAN 127.0.0.1, ::1 and localhost) or clientAuth. */
  issue(name: string, usage: 'server' | 'client'): Issued;
}

/** Why certificates cannot be made here, or undefined when the openssl CLI runs. */
export function opensslMissing(): string | undefined {
  const r = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : 'the openssl CLI is not installed';
}

/** `{ skip }` for node:test: skips outside CI when openssl is missing, and runs (so fails) in CI. */
export function skipWithoutOpenssl(): { skip?: string } {
  const missing = opensslMissing();
  return missing && process.env.CI !== 'true' ? { skip: missing } : {};
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** A new CA in a new temporary folder (or `dir`). */
export function createTestCa(dir: string = mkdtempSync(join(tmpdir(), 'spanbridge-tls-'))): TestCa {
  openssl(dir, ['req', '-x509', ...EC_KEY, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Spanbridge test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const caFile = join(dir, 'ca.crt');
  let serial = 1;
  return {
    dir,
    caFile,
    ca: readFileSync(caFile),
    issue(name, usage) {
      const ext = join(dir, `${name}.ext`);
      writeFileSync(ext, usage === 'server' ? 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nextendedKeyUsage=serverAuth\n' : 'extendedKeyUsage=clientAuth\n');
      openssl(dir, ['req', ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
      openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', String(serial++), '-days', '2', '-extfile', ext, '-out', `${name}.crt`]);
      const certFile = join(dir, `${name}.crt`);
      const keyFile = join(dir, `${name}.key`);
      const cert = readFileSync(certFile);
      return { certFile, keyFile, cert, key: readFileSync(keyFile), fingerprint256: new X509Certificate(cert).fingerprint256 };
    },
  };
}

/** Replaces `target`'s certificate and key files with `source`'s the way a rotation does: write aside, then rename. */
export function rotateInto(target: Pick<Issued, 'certFile' | 'keyFile'>, source: Pick<Issued, 'cert' | 'key'>): void {
  for (const [file, data] of [[target.keyFile, source.key], [target.certFile, source.cert]] as const) {
    writeFileSync(`${file}.new`, data);
    renameSync(`${file}.new`, file);
  }
}
