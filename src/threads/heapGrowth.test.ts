import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from './heapGrowth.js';

void describe('heap growth', () => {
  void test('the flag exists in this Node (an unknown one would be ignored by setFlagsFromString without a word)', () => {
    const run = spawnSync(process.execPath, [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, '-e', '0'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });

  void test("is set unless the node options set it: theirs wins, in either spelling", () => {
    assert.equal(limitHeapGrowth(['--heap-growing-percent=30'], undefined), undefined);
    assert.equal(limitHeapGrowth([], '--max-old-space-size=512 --heap_growing_percent=30'), undefined);
    assert.equal(limitHeapGrowth(['--max-old-space-size=512'], '--enable-source-maps'), HEAP_GROWING_PERCENT);
  });
});
