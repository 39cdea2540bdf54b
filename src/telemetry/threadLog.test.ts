import assert from 'node:assert/strict';
import { test } from 'node:test';
import { captureLog } from '../../test/support/captureLog.js';
import { threadLogger, writeThreadLog } from './threadLog.js';

test("a thread's log records are written by the main logger at their level, with their fields", () => {
  const main = captureLog('info');
  const lines: string[] = [];
  const inThread = threadLogger('info', (line) => lines.push(line));
  inThread.warn({ path: '/tls/cert.pem' }, 'the certificate could not be reloaded');
  inThread.debug('below the level: not sent');
  writeThreadLog(main.logger.child({ component: 'telemetry' }), lines[0] ?? '');
  writeThreadLog(main.logger, 'not json');
  assert.equal(lines.length, 1);
  const records = main.records();
  assert.equal(records.length, 1);
  assert.equal(records[0]?.level, 40);
  assert.equal(records[0]?.msg, 'the certificate could not be reloaded');
  assert.equal(records[0]?.path, '/tls/cert.pem');
  assert.equal(records[0]?.component, 'telemetry');
});
