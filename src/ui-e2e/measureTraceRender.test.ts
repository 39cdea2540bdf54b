import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadMeasureTraceRender } from '../bench/uiRenderBench.js';
import { chromiumSkipReason } from './launchChromium.js';
import { measureTraceRender } from './measureTraceRender.js';

void describe('measureTraceRender (the bench hook, issue 3 item 6)', { skip: chromiumSkipReason() }, () => {
  void test('times the 10,000-span trace from navigation to first rows to an answered click', { timeout: 120_000 }, async () => {
    const m = await measureTraceRender();
    assert.equal(m.spans, 10_000);
    assert.ok(m.firstRowsMillis > 0, `first rows at ${m.firstRowsMillis} ms`);
    assert.ok(m.interactiveMillis >= m.firstRowsMillis, `interactive at ${m.interactiveMillis} ms, first rows at ${m.firstRowsMillis} ms`);
  });

  void test('the bench finds it where it looks', async () => {
    assert.equal(await loadMeasureTraceRender(), measureTraceRender);
  });
});
