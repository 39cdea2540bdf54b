import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { eventually } from '../../../../test/receivers/jaeger/testJaegerReceiver.js';
import { createStrategyStore } from './strategyStore.js';

const logger = pino({ level: 'silent' });
const file = (rate: number) => JSON.stringify({ default_strategy: { type: 'probabilistic', param: rate } });
const rateOf = (store: ReturnType<typeof createStrategyStore>) => store.strategyFor('any').probabilisticSampling?.samplingRate;

function tempFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'spanbridge-strategies-')), 'strategies.json');
  writeFileSync(path, text);
  return path;
}

void describe('strategy store', () => {
  void test('the file is read at start and again when it is written or replaced (file-system watch)', async () => {
    const path = tempFile(file(0.25));
    const store = createStrategyStore({ file: path, reloadIntervalMillis: 0, logger });
    await store.start();
    try {
      assert.equal(rateOf(store), 0.25);
      writeFileSync(path, file(0.5));
      await eventually(() => rateOf(store) === 0.5, 'the written file is read');
      // Replaced as editors and ConfigMaps do: a new file renamed over the old one.
      writeFileSync(`${path}.tmp`, file(0.75));
      renameSync(`${path}.tmp`, path);
      await eventually(() => rateOf(store) === 0.75, 'the replaced file is read');
    } finally {
      store.close();
    }
  });

  void test('without the watch, the reload interval notices a change', async () => {
    const path = tempFile(file(0.1));
    const store = createStrategyStore({ file: path, reloadIntervalMillis: 20, logger, watchFile: false });
    await store.start();
    try {
      writeFileSync(path, file(0.2));
      await eventually(() => rateOf(store) === 0.2, 'the polled file is read');
    } finally {
      store.close();
    }
  });

  void test('a changed file that is not valid keeps the last strategies; a bad or missing file fails the start', async () => {
    const path = tempFile(file(0.3));
    const store = createStrategyStore({ file: path, reloadIntervalMillis: 0, logger, watchFile: false });
    await store.start();
    writeFileSync(path, '{"default_strategy": ');
    await store.reload();
    assert.equal(rateOf(store), 0.3);
    writeFileSync(path, file(0.4));
    await store.reload();
    assert.equal(rateOf(store), 0.4);
    store.close();
    await assert.rejects(createStrategyStore({ file: tempFile('[]'), reloadIntervalMillis: 0, logger }).start(), /^Error: sampling strategy file .*strategies\.json: strategies: must be object/);
    await assert.rejects(createStrategyStore({ file: join(tmpdir(), 'no-such-dir-x', 'nope.json'), reloadIntervalMillis: 0, logger }).start(), /ENOENT/);
  });
});
