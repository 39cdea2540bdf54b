// Hashes made by the real tools: Apache's `htpasswd` (bcrypt, APR1-MD5, SHA-1, plain) and `openssl passwd` (MD5-crypt,
// and SHA-512 crypt as a kind that is refused). Outside CI the tests skip when a tool is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { createTelemetry } from '../../telemetry/telemetry.js';
import { configProblems, loadWithComponent } from '../../../test/support/componentConfig.js';
import { eventually } from '../../../test/support/tlsClient.js';
import { createBasicAuth } from './basicAuth.js';
import { basicAuthFactory } from './factory.js';
import { parseHtpasswd, verifyPassword } from './htpasswd.js';

function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

const htpasswdMissing = spawnSync('htpasswd', ['-nbB', 'u', 'p']).status === 0 ? undefined : 'the htpasswd tool (apache2-utils) is not installed';
const skip = htpasswdMissing && process.env.CI !== 'true' ? { skip: htpasswdMissing } : {};

/** `htpasswd -nb<flag> user password`: one line as htpasswd writes it. */
const htpasswd = (flag: string, user: string, password: string) => run('htpasswd', [`-nb${flag}`, user, password]);

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function settings(log: string[] = []) {
  return { id: 'basicauth', logger: pino({ level: 'info' }, { write: (l: string) => void log.push(l) }), telemetry: createTelemetry() };
}

describe('basicauth', skip, () => {
  test('every hash kind htpasswd writes, and MD5-crypt from openssl, verifies its password and no other', async () => {
    const lines = [
      htpasswd('B', 'bcrypt', 'pw-bcrypt'),
      htpasswd('m', 'apr1', 'pw-apr1'),
      htpasswd('s', 'sha', 'pw-sha'),
      htpasswd('p', 'plain', 'pw-plain'),
      `md5crypt:${run('openssl', ['passwd', '-1', 'pw-md5crypt'])}`,
    ];
    const { entries, problems } = parseHtpasswd(lines.join('\n'), 'test');
    assert.deepEqual(problems, []);
    assert.deepEqual([...entries.values()].map((e) => [e.user, e.scheme]), [['bcrypt', 'bcrypt'], ['apr1', 'md5'], ['sha', 'sha1'], ['plain', 'plain'], ['md5crypt', 'md5']]);
    for (const entry of entries.values()) {
      assert.equal(await verifyPassword(entry, `pw-${entry.user}`), true, entry.user);
      assert.equal(await verifyPassword(entry, `pw-${entry.user}x`), false, entry.user);
      assert.equal(await verifyPassword(entry, ''), false, entry.user);
    }
  });

  test('lines that are not user:hash, and hashes of kinds it cannot check, are problems named by line', () => {
    const sha512 = run('openssl', ['passwd', '-6', 'pw']);
    const { entries, problems } = parseHtpasswd(`# users\n\nalice:${htpasswd('B', 'x', 'y').split(':')[1]}\nbob:${sha512}\nno-colon\n:nouser\ncarol:{SSHA}abc`, 'users.htpasswd');
    assert.deepEqual([...entries.keys()], ['alice']);
    assert.deepEqual(problems, [
      'users.htpasswd:4: user "bob" has a hash of an unsupported kind (use bcrypt, APR1-MD5 or SHA-1)',
      'users.htpasswd:5: not a user:hash line',
      'users.htpasswd:6: not a user:hash line',
      'users.htpasswd:7: user "carol" has a hash of an unsupported kind (use bcrypt, APR1-MD5 or SHA-1)',
    ]);
  });

  test('config: file or inline, and inline lines are checked when the config loads', () => {
    assert.deepEqual(configProblems(basicAuthFactory, '  basicauth: {htpasswd: {}}'), ['extensions.basicauth.htpasswd: set file, inline or both']);
    assert.deepEqual(configProblems(basicAuthFactory, '  basicauth: {}'), ['extensions.basicauth.htpasswd: required']);
    assert.deepEqual(configProblems(basicAuthFactory, '  basicauth: {htpasswd: {inline: "alice"}}'), ['extensions.basicauth.htpasswd.inline:1: not a user:hash line']);
    assert.deepEqual(loadWithComponent(basicAuthFactory, '  basicauth: {htpasswd: {inline: "alice:pw"}}').extensions.basicauth, { htpasswd: { inline: 'alice:pw' } });
  });

  test('Basic credentials of a listed user with the right password get in; anything else does not', async () => {
    const ext = createBasicAuth(settings(), { htpasswd: { inline: `${htpasswd('B', 'alice', 'wonder:land')}\n${htpasswd('m', 'bob', 'builder')}` } });
    await ext.start();
    const auth = ext.authenticator;
    assert.ok(auth);
    assert.equal(auth.scheme, 'Basic');
    assert.equal(await auth.authenticate(basic('alice', 'wonder:land')), true, 'a password may hold colons');
    assert.equal(await auth.authenticate(basic('alice', 'wonder:land')), true, 'again, from the cache');
    assert.equal(await auth.authenticate(basic('bob', 'builder')), true);
    for (const wrong of [basic('alice', 'wonder'), basic('bob', 'Builder'), basic('mallory', 'builder'), basic('', ''), 'Basic !!!', 'Basic bm9jb2xvbg==', 'Bearer x', undefined]) {
      assert.equal(await auth.authenticate(wrong), false, String(wrong));
    }
    await ext.shutdown();
  });

  test('inline entries win over the file; the file is re-read when it changes, and a bad change is not applied', { timeout: 20_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'htpasswd-'));
    const file = join(dir, '.htpasswd');
    writeFileSync(file, `${htpasswd('B', 'alice', 'from-file')}\n${htpasswd('s', 'bob', 'first')}\n`);
    const log: string[] = [];
    const ext = createBasicAuth(settings(log), { htpasswd: { file, inline: 'alice:from-inline' } });
    await ext.start();
    const auth = ext.authenticator;
    assert.ok(auth);
    try {
      assert.equal(await auth.authenticate(basic('alice', 'from-inline')), true);
      assert.equal(await auth.authenticate(basic('alice', 'from-file')), false);
      assert.equal(await auth.authenticate(basic('bob', 'first')), true);
      writeFileSync(`${file}.tmp`, `${htpasswd('m', 'bob', 'second')}\n`);
      renameSync(`${file}.tmp`, file);
      await eventually(async () => ((await auth.authenticate(basic('bob', 'second'))) ? true : undefined));
      assert.equal(await auth.authenticate(basic('bob', 'first')), false, 'the old password, verified and cached before, is forgotten');
      writeFileSync(file, 'garbage\n');
      await eventually(async () => (log.some((l) => l.includes('htpasswd change not applied')) ? true : undefined));
      assert.equal(await auth.authenticate(basic('bob', 'second')), true);
    } finally {
      await ext.shutdown();
    }
  });

  test('an htpasswd file that is missing or has bad lines stops the start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'htpasswd-'));
    await assert.rejects(createBasicAuth(settings(), { htpasswd: { file: join(dir, 'none') } }).start(), /cannot read .*none/);
    writeFileSync(join(dir, 'bad'), 'alice\n');
    await assert.rejects(createBasicAuth(settings(), { htpasswd: { file: join(dir, 'bad') } }).start(), /bad:1: not a user:hash line/);
  });
});
