import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../../errors.js';
import type { TraceBatch } from '../../model/span.js';
import { createMemoryIdCache } from './createMemoryIdCache.js';
import { createTraceIdFixer } from './createTraceIdFixer.js';
import { fixBatchTraceIds } from './fixBatchTraceIds.js';
import { XRAY_MAX_EPOCH_AGE_SECONDS, XRAY_MAX_EPOCH_AHEAD_SECONDS } from './xrayEpochWindow.js';

const NOW_S = 1_700_000_000;
const now = () => NOW_S * 1000 + 999;
const hex8 = (s: number) => s.toString(16).padStart(8, '0');
const idWithEpoch = (s: number) => `${hex8(s)}0123456789abcdef01234567`;
const ns = (s: number) => BigInt(s) * 1_000_000_000n;

function fixer(mode: 'fix_epoch' | 'passthrough' = 'fix_epoch', ttlMillis?: number) {
  return createTraceIdFixer({ mode, cache: createMemoryIdCache({ now }), now, ...(ttlMillis === undefined ? {} : { ttlMillis }) });
}

describe('trace id epoch fix: the window edges', () => {
  const cases: Array<[string, number, boolean]> = [
    ['now', NOW_S, true],
    ['exactly 28 days old', NOW_S - XRAY_MAX_EPOCH_AGE_SECONDS, true],
    ['one second older than 28 days', NOW_S - XRAY_MAX_EPOCH_AGE_SECONDS - 1, false],
    ['exactly 5 minutes ahead', NOW_S + XRAY_MAX_EPOCH_AHEAD_SECONDS, true],
    ['5 minutes and 1 second ahead', NOW_S + XRAY_MAX_EPOCH_AHEAD_SECONDS + 1, false],
    ['zero (a padded 64-bit Zipkin id)', 0, false],
    ['random high bits', 0xdeadbeef, false],
  ];
  for (const [what, epoch, kept] of cases) {
    test(`${what}: ${kept ? 'kept' : 'rewritten'}`, async () => {
      const id = idWithEpoch(epoch);
      const r = await fixer().fix(id, ns(NOW_S - 10));
      if (kept) assert.deepEqual(r, { xrayTraceId: `1-${hex8(epoch)}-0123456789abcdef01234567` });
      else assert.deepEqual(r, { xrayTraceId: `1-${hex8(NOW_S - 10)}-0123456789abcdef01234567`, originalTraceId: id });
    });
  }
});

describe('trace id epoch fix', () => {
  test('the new epoch is the segment start; without a start, now', async () => {
    const f = fixer();
    assert.equal((await f.fix('ffffffff' + 'a'.repeat(24), ns(NOW_S - 3600))).xrayTraceId, `1-${hex8(NOW_S - 3600)}-${'a'.repeat(24)}`);
    assert.equal((await f.fix('ffffffff' + 'b'.repeat(24), 0n)).xrayTraceId, `1-${hex8(NOW_S)}-${'b'.repeat(24)}`);
  });

  test('a start outside the window itself gives now (an id X-Ray would refuse is never proposed)', async () => {
    const r = await fixer().fix('ffffffff' + 'c'.repeat(24), ns(NOW_S - XRAY_MAX_EPOCH_AGE_SECONDS - 100));
    assert.equal(r.xrayTraceId, `1-${hex8(NOW_S)}-${'c'.repeat(24)}`);
  });

  test('every segment of a trace gets the epoch chosen for the first one', async () => {
    const f = fixer();
    const id = 'ffffffff' + 'd'.repeat(24);
    const first = await f.fix(id, ns(NOW_S - 50));
    const later = await f.fix(id, ns(NOW_S - 5));
    assert.equal(later.xrayTraceId, first.xrayTraceId);
    assert.equal(first.xrayTraceId.slice(2, 10), hex8(NOW_S - 50));
  });

  test('passthrough only reformats', async () => {
    assert.deepEqual(await fixer('passthrough').fix('FFFFFFFF' + 'E'.repeat(24), ns(NOW_S)), { xrayTraceId: `1-ffffffff-${'e'.repeat(24)}` });
  });

  test('an id that is not 32 hex digits is SB_MALFORMED', async () => {
    await assert.rejects(fixer().fix('xyz', 0n), (e: unknown) => e instanceof PipelineError && e.code === 'SB_MALFORMED');
  });

  test('fix_epoch needs a cache', () => {
    assert.throws(() => createTraceIdFixer({ mode: 'fix_epoch' }), TypeError);
  });

  test('fixBatchTraceIds maps only rewritten ids, proposing the earliest start of the trace, links included', async () => {
    const span = (traceId: string, spanId: string, start: number, linkTo?: string) => ({
      traceId, spanId, parentSpanId: '', traceState: '', flags: 1, name: 's', kind: 2 as const, startTimeUnixNano: ns(start), endTimeUnixNano: ns(start + 1),
      attributes: new Map(), droppedAttributesCount: 0, events: [], droppedEventsCount: 0, droppedLinksCount: 0, status: { code: 0 as const, message: '' },
      links: linkTo === undefined ? [] : [{ traceId: linkTo, spanId: '1'.repeat(16), traceState: '', attributes: new Map(), droppedAttributesCount: 0, flags: 0 }],
    });
    const bad = 'ffffffff' + '1'.repeat(24);
    const linked = 'fffffffe' + '2'.repeat(24);
    const good = idWithEpoch(NOW_S - 60);
    const batch: TraceBatch = { resourceSpans: [{ resource: { attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', scopeSpans: [{ scope: { name: '', version: '', attributes: new Map(), droppedAttributesCount: 0 }, schemaUrl: '', spans: [span(bad, 'a'.repeat(16), NOW_S - 20), span(bad, 'b'.repeat(16), NOW_S - 30, linked), span(good, 'c'.repeat(16), NOW_S - 60)] }] }] };
    const map = await fixBatchTraceIds(batch, fixer());
    assert.deepEqual([...map], [
      [bad, `1-${hex8(NOW_S - 30)}-${'1'.repeat(24)}`],
      [linked, `1-${hex8(NOW_S - 30)}-${'2'.repeat(24)}`],
    ]);
  });
});
