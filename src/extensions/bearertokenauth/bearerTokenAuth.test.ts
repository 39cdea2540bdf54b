import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { createTelemetry } from '../../telemetry/telemetry.js';
import { configProblems, loadWithComponent } from '../../../test/support/componentConfig.js';
import { eventually } from '../../../test/support/tlsClient.js';
import { createBearerTokenAuth, parseTokenFile } from './bearerTokenAuth.js';
import { bearerTokenAuthFactory } from './factory.js';

function settings(log: string[] = []) {
  return { id: 'bearertokenauth', logger: pino({ level: 'info' }, { write: (l: string) => void log.push(l) }), telemetry: createTelemetry() };
}

describe('bearertokenauth', () => {
  test('config: exactly one of token and filename', () => {
    assert.deepEqual(loadWithComponent(bearerTokenAuthFactory, '  bearertokenauth: {token: abc}').extensions.bearertokenauth, { token: 'abc' });
    assert.deepEqual(configProblems(bearerTokenAuthFactory, '  bearertokenauth: {}'), ['extensions.bearertokenauth: set exactly one of token and filename']);
    assert.deepEqual(configProblems(bearerTokenAuthFactory, '  bearertokenauth: {token: a, filename: /f}'), ['extensions.bearertokenauth: set exactly one of token and filename']);
    assert.deepEqual(configProblems(bearerTokenAuthFactory, '  bearertokenauth: {token: ""}'), ['extensions.bearertokenauth.token: must NOT have fewer than 1 characters']);
  });

  test('a static token: only `Bearer TOKEN` with exactly that token is accepted', async () => {
    const ext = createBearerTokenAuth(settings(), { token: 's3cret' });
    await ext.start();
    const auth = ext.authenticator;
    assert.ok(auth);
    assert.equal(auth.scheme, 'Bearer');
    assert.equal(await auth.authenticate('Bearer s3cret'), true);
    assert.equal(await auth.authenticate('bearer s3cret'), true);
    for (const wrong of [undefined, '', 'Bearer', 'Bearer s3cre', 'Bearer s3cretx', 'Basic s3cret', 's3cret']) assert.equal(await auth.authenticate(wrong), false, String(wrong));
    await ext.shutdown();
    assert.equal(await auth.authenticate('Bearer s3cret'), false, 'nothing is accepted once stopped');
  });

  test('a token file: every line is a token, and a rotated file takes effect without a restart', { timeout: 20_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokens-'));
    const file = join(dir, 'tokens');
    writeFileSync(file, 'old-token\n\n  new-token  \n');
    const log: string[] = [];
    const ext = createBearerTokenAuth(settings(log), { filename: file });
    await ext.start();
    const auth = ext.authenticator;
    assert.ok(auth);
    try {
      assert.equal(await auth.authenticate('Bearer old-token'), true);
      assert.equal(await auth.authenticate('Bearer new-token'), true);
      writeFileSync(`${file}.tmp`, 'new-token\n');
      renameSync(`${file}.tmp`, file);
      await eventually(async () => ((await auth.authenticate('Bearer old-token')) ? undefined : true));
      assert.equal(await auth.authenticate('Bearer new-token'), true);
      // An empty file is refused: the tokens stay.
      writeFileSync(file, '\n');
      await eventually(async () => (log.some((l) => l.includes('bearer token file change not applied')) ? true : undefined));
      assert.equal(await auth.authenticate('Bearer new-token'), true);
    } finally {
      await ext.shutdown();
    }
  });

  test('a token file that is missing or empty stops the start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokens-'));
    await assert.rejects(createBearerTokenAuth(settings(), { filename: join(dir, 'none') }).start(), /cannot read .*none/);
    writeFileSync(join(dir, 'empty'), ' \n');
    await assert.rejects(createBearerTokenAuth(settings(), { filename: join(dir, 'empty') }).start(), /empty holds no token/);
    assert.deepEqual(parseTokenFile('a\r\nb\n', 'f'), ['a', 'b']);
  });
});
