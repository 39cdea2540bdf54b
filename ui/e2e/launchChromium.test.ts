import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chromiumSkipReason, launchChromium } from './launchChromium.js';

// A UI test must fail, not skip, in CI when Chromium is missing (CONTRIBUTING.md, "Testing").
const MISSING = '/nonexistent/chromium-for-spanbridge-tests';

void describe('Chromium for the UI tests', () => {
  void test('missing in CI: no skip, and launching fails', async () => {
    assert.equal(chromiumSkipReason(MISSING, { CI: 'true' }), false);
    await assert.rejects(launchChromium(MISSING, { CI: 'true' }), /Chromium is not installed at \/nonexistent/);
  });

  void test('missing outside CI: the suite skips with the reason', async () => {
    assert.match(chromiumSkipReason(MISSING, {}) || '', /not installed.*in CI this fails instead/);
    assert.equal(await launchChromium(MISSING, {}), undefined);
  });
});
