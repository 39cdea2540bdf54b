// Reads through a MessagePort must answer exactly as the store does: the whole store conformance suite runs with every
// StoreReader call made through remoteReader/serveReader (values structured-cloned, errors rebuilt by code), writes
// and retention directly.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import { PipelineError } from '../errors.js';
import { createSqliteStore } from '../store/sqlite/createSqliteStore.js';
import type { TraceStore } from '../store/store.js';
import { runStoreConformance } from '../../test/store/conformance/runStoreConformance.js';
import { remoteReader, serveReader } from './remoteReader.js';

function readThroughPort(store: TraceStore): TraceStore {
  const { port1, port2 } = new MessageChannel();
  serveReader(port2, store);
  const reader = remoteReader(port1);
  return {
    write: (batch) => store.write(batch),
    deleteBefore: (cutoff) => store.deleteBefore(cutoff),
    ...reader,
    async close() {
      port1.close();
      await store.close();
    },
  };
}

runStoreConformance('sqlite :memory:, reads through remoteReader', async () => readThroughPort(createSqliteStore({ path: ':memory:', dependencyGraceMillis: 200 })));

describe('remoteReader', () => {
  test('a refusal keeps its code and message; once the port closes, reads are refused as shutting down', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const { port1, port2 } = new MessageChannel();
    serveReader(port2, store);
    const reader = remoteReader(port1);
    await assert.rejects(
      reader.findTraces({ limit: 10, cursor: 'bm90IGEgY3Vyc29y' }),
      (e: unknown) => e instanceof PipelineError && e.code === 'SB_MALFORMED' && /cursor/.test(e.message),
    );
    assert.deepEqual(await reader.getServices(), []);
    port2.close();
    await assert.rejects(reader.getServices(), (e: unknown) => e instanceof PipelineError && e.code === 'SB_SHUTTING_DOWN');
    await store.close();
  });
});
