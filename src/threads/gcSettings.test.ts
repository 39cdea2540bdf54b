import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { HEAP_GROWING_PERCENT, SERIAL_SCAVENGE_MAX_CORES, limitHeapGrowth, limitParallelScavenge } from './gcSettings.js';

// A process that turns the flag off while it runs (as the CLI does), then collects young generations on its main
// thread and in a worker thread started afterwards.
const COLLECT_AFTER_SETTING = `
const v8 = require('node:v8');
v8.setFlagsFromString('--no-parallel-scavenge');
const { Worker } = require('node:worker_threads');
const churn = 'let keep = []; for (let i = 0; i < 300000; i++) { keep.push({ i, s: "x" + i }); if (keep.length > 5000) keep = []; }';
eval(churn);
new Worker(churn, { eval: true }).on('exit', (code) => process.exit(code));
`;

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

void describe('parallel scavenge', () => {
  void test('the flag exists in this Node (an unknown one would be ignored by setFlagsFromString without a word)', () => {
    const run = spawnSync(process.execPath, ['--no-parallel-scavenge', '-e', '0'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });

  void test('turning it off in a running process is safe for its threads, those started later included', () => {
    const run = spawnSync(process.execPath, ['-e', COLLECT_AFTER_SETTING], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });

  void test('off on small machines unless told, on larger ones only when told; a node flag wins', () => {
    assert.equal(limitParallelScavenge([], undefined, SERIAL_SCAVENGE_MAX_CORES), true);
    assert.equal(limitParallelScavenge([], 'auto', 1), true);
    assert.equal(limitParallelScavenge([], '', SERIAL_SCAVENGE_MAX_CORES + 1), false);
    assert.equal(limitParallelScavenge([], 'off', 16), true);
    assert.equal(limitParallelScavenge([], 'on', 2), false);
    for (const flag of ['--parallel-scavenge', '--no-parallel-scavenge', '--no_parallel_scavenge', '--single-threaded-gc', '--single-threaded']) {
      assert.equal(limitParallelScavenge(['--max-old-space-size=512', flag], 'off', 2), undefined, flag);
    }
    assert.equal(limitParallelScavenge(['--parallel-scavenge-task-trace'], 'off', 16), true, 'another flag with the same start');
  });

  void test('an unknown setting is refused, naming the variable', () => {
    for (const bad of ['yes', 'OFF', '0']) assert.throws(() => limitParallelScavenge([], bad, 2), /SPANBRIDGE_PARALLEL_SCAVENGE must be on, off or auto, not "/);
  });
});
