// One fuzz group as a test: its targets against one CLI, with the CI's input count, asserting no crash, no 5xx, no
// answer slower than 5 s, bounded memory, and another sender served during and after.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startAllInOne } from '../support/allInOne.js';
import { RSS_LIMIT_BYTES, SLOW_MILLIS, runGroup } from './fuzzRunner.js';
import { FUZZ_GROUPS } from './fuzzGroups.js';

/**
 * Inputs per target in CI. With 16 in flight the ingest targets take about 450 inputs a second on two cores and the
 * query targets more, so the suite's twelve targets fit in about ten minutes. FUZZ_COUNT and FUZZ_SEED override.
 */
export const CI_INPUTS_PER_TARGET = 20_000;
const CI_SEED = 20_260_101;

export function fuzzGroupTest(name: string): void {
  const group = FUZZ_GROUPS.find((g) => g.name === name);
  if (group === undefined) throw new Error(`no fuzz group ${name}`);
  const count = Number(process.env.FUZZ_COUNT ?? CI_INPUTS_PER_TARGET);
  const seed = Number(process.env.FUZZ_SEED ?? CI_SEED);
  describe(`fuzz: ${name} targets against one all-in-one CLI`, () => {
    test(`${count} inputs per target (seed ${seed}): no crash, no 5xx, none over ${SLOW_MILLIS} ms, RSS bounded, other senders served`, async (t) => {
      const a = await startAllInOne();
      try {
        await group.prepare?.(a);
        const log = (line: string) => {
          t.diagnostic(line);
          process.stdout.write(`fuzz ${name}: ${line}\n`);
        };
        const report = await runGroup(a, group.targets(a), group.canary(a), { count, seed, concurrency: 16, log });
        for (const target of report.targets) {
          assert.equal(target.inputs, count);
          assert.equal(target.failures, 0, `${target.target} (seed ${seed}):\n${target.examples.join('\n')}`);
          assert.ok(target.worstMillis <= SLOW_MILLIS, `${target.target}: an answer took ${Math.round(target.worstMillis)} ms`);
        }
        assert.deepEqual(report.canaryFailures, [], 'the other sender was served during and after the run');
        assert.ok(report.healthy, '/healthz answered after every target and the process still runs');
        assert.ok(report.peakRssBytes < RSS_LIMIT_BYTES, `peak RSS ${Math.round(report.peakRssBytes / 1024 / 1024)} MiB`);
      } finally {
        await a.stop();
      }
    });
  });
}
