import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chromiumSkipReason } from './launchChromium.js';
import { measureTraceRender } from './measureTraceRender.js';

void describe('measureTraceRender (what npm run bench reports)', { skip: chromiumSkipReason() }, () => {
  void test('times the 10,000-span trace from navigation to first rows to an answered click', { timeout: 120_000 }, async () => {
    const m = await measureTraceRender();
    assert.equal(m.spans, 10_000);
    assert.ok(m.firstRowsMillis > 0, `first rows at ${m.firstRowsMillis} ms`);
    assert.ok(m.interactiveMillis >= m.firstRowsMillis, `interactive at ${m.interactiveMillis} ms, first rows at ${m.firstRowsMillis} ms`);
  });

});
