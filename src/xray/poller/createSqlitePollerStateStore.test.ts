import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe } from 'node:test';
import { createSqlitePollerStateStore } from './createSqlitePollerStateStore.js';
import { pollerStateStoreConformance } from '../../../test/xray/poller/pollerStateStoreConformance.js';

describe('createSqlitePollerStateStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spanbridge-poller-state-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let clock = 1_000_000;
  pollerStateStoreConformance('sqlite', () => ({
    open: (key) => createSqlitePollerStateStore({ path: join(dir, 'nested', 'state.db'), key, now: () => clock }),
    pass: async (millis) => {
      clock += millis;
    },
  }));
});
