import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from './heapGrowth.js';

void describe('heap growth', () => {
  void test('the flag exists in this Node (an unknown one would be ignored by setFlagsFromString without a word)', () => {
    const run = spawnSync(process.execPath, [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, '-e', '0'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });

  void test('a node flag wins, in either spelling; then the setting; else the default', () => {
    assert.equal(limitHeapGrowth(['--heap-growing-percent=30'], '60'), undefined);
    assert.equal(limitHeapGrowth(['--max-old-space-size=512', '--heap_growing_percent=30'], undefined), undefined);
    assert.equal(limitHeapGrowth(['--max-old-space-size=512'], '60'), 60);
    assert.equal(limitHeapGrowth([], '0'), undefined, '0 leaves the factor to V8');
    assert.equal(limitHeapGrowth([], ''), HEAP_GROWING_PERCENT);
    assert.equal(limitHeapGrowth([], undefined), HEAP_GROWING_PERCENT);
  });

  void test('a setting that is no percent is refused, naming the variable', () => {
    for (const bad of ['lots', '-5', '2.5', '5000']) assert.throws(() => limitHeapGrowth([], bad), /SPANBRIDGE_HEAP_GROWING_PERCENT must be a whole number from 0 to 1000, not "/);
  });
});
