import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { SpanKind } from '../../model/span.js';
import { testBatch } from '../../../test/store/testSpans.js';
import { createSqliteStore } from './createSqliteStore.js';
import { SCHEMA_VERSION } from './schema.js';

const dir = mkdtempSync(join(tmpdir(), 'spanbridge-schema-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a version 1 file (span bodies of format 1) is read as it is and marked as the current version', async () => {
  const path = join(dir, 'v1.db');
  const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const first = createSqliteStore({ path });
  await first.write(testBatch([{ service: 'api', traceId, spanId: 'b1c2d3e4f5061728', name: 'GET /', kind: SpanKind.SERVER, startNanos: 1_700_000_000_000_000_000n, durationNanos: 5n }]));
  const stored = await first.getTrace(traceId);
  await first.close();

  // Without attributes, a format 2 body differs from format 1 only in its version byte.
  const db = new Database(path);
  const body = db.prepare('SELECT body FROM spans').pluck().get() as Buffer;
  assert.equal(body[0], 2);
  body[0] = 1;
  db.prepare('UPDATE spans SET body = ?').run(body);
  db.prepare("UPDATE meta SET value = '1' WHERE key = 'schema_version'").run();
  db.close();

  const second = createSqliteStore({ path });
  try {
    assert.deepEqual(await second.getTrace(traceId), stored);
  } finally {
    await second.close();
  }
  const check = new Database(path);
  assert.equal(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get(), String(SCHEMA_VERSION));
  check.close();
});
