// The web UI end to end: Spanbridge with the built UI, the seed traces sent in through its otlp
// and zipkin receivers (startUiHarness.ts), and headless Chromium driving every page. Screenshots go to
// test-artifacts/ui/. Outside CI the suite skips when Chromium is missing; in CI (CI=true) it fails.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromiumSkipReason } from './launchChromium.js';
import { BIG_TRACE_ID, BIG_TRACE_SPANS, ERROR_TRACE_ID, MESH_SPANS, MESH_TRACE_ID, bigTrace, errorTrace, meshTrace } from './seedTraces.js';
import type { UiHarness } from './startUiHarness.js';
import { startUiHarness } from './startUiHarness.js';
import { timeTraceRender } from './timeTraceRender.js';

const TIMEOUT = { timeout: 120_000 };

void describe('web UI in headless Chromium', { skip: chromiumSkipReason() }, () => {
  let ui: UiHarness;

  before(async () => {
    const now = BigInt(Date.now()) * 1_000_000n;
    ui = await startUiHarness([meshTrace(now), errorTrace(now), bigTrace(now)]);
  }, TIMEOUT);

  after(async () => {
    await ui?.close();
  });

  const rows = () => ui.page.locator('.waterfall-row');
  const row = (spanId: string) => ui.page.locator(`.waterfall-row[data-span-id="${spanId}"]`);

  void test('search lists the traces newest first, with duration bars, span counts and error marks', TIMEOUT, async () => {
    const { page } = ui;
    await page.goto(`${ui.baseUrl}/`);
    const results = page.locator('.result');
    await results.nth(2).waitFor();
    assert.deepEqual(await results.evaluateAll((els) => els.map((e) => e.getAttribute('data-trace-id'))), [ERROR_TRACE_ID, MESH_TRACE_ID, BIG_TRACE_ID]);
    const error = page.locator(`.result[data-trace-id="${ERROR_TRACE_ID}"]`);
    assert.match(await error.locator('.error-mark').innerText(), /^\d+ errors?$/);
    assert.equal(await page.locator(`.result[data-trace-id="${MESH_TRACE_ID}"] .error-mark`).count(), 0);
    assert.equal(await page.locator(`.result[data-trace-id="${BIG_TRACE_ID}"] .span-count`).innerText(), `${BIG_TRACE_SPANS} spans`);
    // Duration bars share one scale: the 2 s trace fills its bar, the 48 ms one a sliver of it.
    const widths = await page.locator('.duration-fill').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    assert.ok((widths[2] as number) > 10 * (widths[1] as number), `bar widths ${widths.join(', ')}`);
    await ui.screenshot('search');
  });

  void test('"Load more" pages on with the cursor until the results run out', TIMEOUT, async () => {
    const { page } = ui;
    await page.goto(`${ui.baseUrl}/search?limit=1`);
    const results = page.locator('.result');
    const more = page.getByRole('button', { name: 'Load more' });
    await results.first().waitFor();
    assert.equal(await results.count(), 1);
    await more.click();
    await results.nth(1).waitFor();
    await more.click();
    await results.nth(2).waitFor();
    await more.waitFor({ state: 'detached' });
    assert.deepEqual(await results.evaluateAll((els) => els.map((e) => e.getAttribute('data-trace-id'))), [ERROR_TRACE_ID, MESH_TRACE_ID, BIG_TRACE_ID]);
  });

  void test('search filters by attribute through the form and deep-links the search', TIMEOUT, async () => {
    const { page } = ui;
    await page.goto(`${ui.baseUrl}/search`);
    await page.locator('.result').first().waitFor();
    await page.getByRole('button', { name: '+ Add attribute filter' }).click();
    await page.getByLabel('Attribute 1 key').fill('http.response.status_code');
    await page.getByLabel('Attribute 1 value').fill('503');
    await page.getByRole('button', { name: 'Find traces' }).click();
    await page.waitForURL(/attr=http\.response\.status_code%3D503/);
    await page.locator(`.result[data-trace-id="${ERROR_TRACE_ID}"]`).waitFor();
    assert.equal(await page.locator('.result').count(), 1);
    await ui.screenshot('search-filtered');

    await page.goto(`${ui.baseUrl}/search?service=details&minDuration=1m`);
    await page.locator('[data-state="empty"]').waitFor();
    assert.match(await page.locator('[data-state="empty"]').innerText(), /No traces match/);
    assert.equal(await page.locator('select[name="service"]').inputValue(), 'details');
  });

  void test('a bad search parameter shows the API error', TIMEOUT, async () => {
    const { page } = ui;
    await page.goto(`${ui.baseUrl}/search?attr=${encodeURIComponent('x~(')}`);
    await page.locator('[data-state="error"]').waitFor();
    assert.match(await page.locator('[data-state="error"]').innerText(), /HTTP 400/);
  });

  void test('opening a trace shows the waterfall, sidecar spans, mesh hops and the critical path', TIMEOUT, async () => {
    const { page } = ui;
    await page.goto(`${ui.baseUrl}/search`);
    await page.locator(`.result[data-trace-id="${MESH_TRACE_ID}"] .result-title`).click();
    await page.waitForURL(`**/trace/${MESH_TRACE_ID}`);
    await row(MESH_SPANS.reviewsApp).waitFor();
    assert.equal(await rows().count(), 15);
    assert.equal(await page.locator('.waterfall-row.proxy .badge-sidecar').count(), 7);
    assert.equal(await page.locator('[data-testid="mesh-hops"] tbody tr').count(), 4);
    assert.match(await page.locator('[data-testid="mesh-hops"]').innerText(), /productpage → reviews/);
    assert.ok((await page.locator('.waterfall-row.on-critical-path').count()) >= 5);
    await ui.screenshot('trace');
  });

  void test('a node collapses and expands its subtree', TIMEOUT, async () => {
    const { page } = ui;
    await page.goto(`${ui.baseUrl}/trace/${MESH_TRACE_ID}`);
    const client = row(MESH_SPANS.reviewsClient);
    await client.waitFor();
    await client.getByRole('button', { name: /^Collapse / }).click();
    await rows().nth(7).waitFor({ state: 'detached' });
    assert.equal(await rows().count(), 7);
    assert.equal(await row(MESH_SPANS.reviewsApp).count(), 0);
    assert.equal(await client.locator('.badge-hidden').innerText(), '+8');
    assert.equal(await client.getAttribute('aria-expanded'), 'false');
    await ui.screenshot('trace-collapsed');
    await client.getByRole('button', { name: /^Expand / }).click();
    await row(MESH_SPANS.reviewsApp).waitFor();
    assert.equal(await rows().count(), 15);
  });

  void test('span details show attributes, the mesh split, events, links and resource; the URL deep-links the span', TIMEOUT, async () => {
    const { page } = ui;
    await page.goto(`${ui.baseUrl}/trace/${MESH_TRACE_ID}`);
    await row(MESH_SPANS.reviewsInbound).click();
    const details = page.getByRole('complementary', { name: 'Span details' });
    await details.waitFor();
    await page.waitForURL(`**/trace/${MESH_TRACE_ID}?span=${MESH_SPANS.reviewsInbound}`);
    assert.match(await details.innerText(), /upstream_cluster/);
    // The sidecar span came in over Zipkin as Envoy reports it; the istio processor normalized it.
    assert.match(await details.innerText(), /istio\.direction/);
    assert.match(await details.locator('[data-testid="mesh-split"]').innerText(), /Application 30ms · mesh 3ms/);
    await ui.screenshot('span-details');

    await page.goto(`${ui.baseUrl}/trace/${MESH_TRACE_ID}?span=${MESH_SPANS.reviewsApp}`);
    await details.waitFor();
    assert.equal(await details.getAttribute('data-span-id'), MESH_SPANS.reviewsApp);
    assert.equal(await row(MESH_SPANS.reviewsApp).getAttribute('aria-selected'), 'true');
    const text = await details.innerText();
    assert.match(text, /Links \(1\)/i);
    assert.match(text, /k8s\.pod\.name/);
    assert.match(text, /reviews-v1-7d9c8b6f5-x2x7q/);

    await row(MESH_SPANS.productpage).click();
    await page.waitForURL(`**?span=${MESH_SPANS.productpage}`);
    assert.match(await details.innerText(), /Events \(1\)[\s\S]*template rendered/i);
  });

  void test('an unknown trace id shows a not-found state', TIMEOUT, async () => {
    const { page } = ui;
    await page.goto(`${ui.baseUrl}/trace/${'f'.repeat(32)}`);
    await page.locator('[data-state="error"]').waitFor();
    assert.match(await page.locator('[data-state="error"]').innerText(), /was not found/);
  });

  void test('the service map shows the edges and clicking one opens a filtered search', TIMEOUT, async () => {
    const { page } = ui;
    await page.goto(`${ui.baseUrl}/map`);
    await page.locator('svg.service-map').waitFor();
    for (const edge of ['productpage->details', 'productpage->reviews', 'reviews->ratings']) {
      assert.equal(await page.locator(`[data-edge="${edge}"]`).count(), 1, `edge ${edge}`);
    }
    assert.match((await page.locator('[data-edge="productpage->reviews"]').textContent()) ?? '', /p50 .+ · p99 /);
    // Two requests, two calls: each app CLIENT span paired with its sidecar's instead of counting as a call of its own.
    assert.match((await page.locator('[data-edge="productpage->reviews"]').textContent()) ?? '', /(^|\D)2\/h /);
    assert.ok(await page.locator('[data-edge="productpage->reviews"].health-fault').count(), 'the 503 colours productpage -> reviews as a fault');
    await ui.screenshot('service-map');
    await page.locator('[data-edge="reviews->ratings"] .edge-hit').click({ force: true });
    await page.waitForURL(/\/search\?service=ratings/);
    await page.locator('.result').first().waitFor();
    const ids = await page.locator('.result').evaluateAll((els) => els.map((e) => e.getAttribute('data-trace-id')));
    assert.deepEqual(ids, [ERROR_TRACE_ID, MESH_TRACE_ID]);
  });

  void test('two traces picked in the results compare side by side', TIMEOUT, async () => {
    const { page } = ui;
    await page.goto(`${ui.baseUrl}/search`);
    await page.locator(`.result[data-trace-id="${MESH_TRACE_ID}"]`).waitFor();
    await page.getByLabel(`Select trace ${MESH_TRACE_ID} to compare`).check();
    await page.getByLabel(`Select trace ${ERROR_TRACE_ID} to compare`).check();
    await page.getByRole('link', { name: 'Compare selected' }).click();
    await page.waitForURL(`**/compare?a=${MESH_TRACE_ID}&b=${ERROR_TRACE_ID}`);
    const services = page.locator('[data-testid="compare-services"] tbody tr');
    await services.first().waitFor();
    assert.deepEqual(await services.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))), [
      ['details', '2', '2', '0'],
      ['productpage', '6', '6', '0'],
      ['ratings', '3', '3', '0'],
      ['reviews', '4', '4', '0'],
    ]);
    assert.match(await page.locator('.compare-summary').innerText(), /B is \+25ms against A/);
    const reviewsApp = page.locator('[data-testid="compare-operations"] tr', { hasText: 'GET /reviews/0' });
    assert.match(await reviewsApp.innerText(), /\+25ms/);
    await ui.screenshot('compare');
  });

  void test('a 10,000-span trace renders virtualized and stays interactive', TIMEOUT, async () => {
    const { page } = ui;
    const timing = await timeTraceRender(page, ui.baseUrl, BIG_TRACE_ID, BIG_TRACE_SPANS);
    console.log(`10k-span trace: first rows after ${Math.round(timing.firstRowsMillis)} ms, interactive (a collapse answered) after ${Math.round(timing.interactiveMillis)} ms`);
    assert.ok(timing.firstRowsMillis > 0 && timing.interactiveMillis >= timing.firstRowsMillis, JSON.stringify(timing));
    const root = page.locator('.waterfall-row').first();
    await page.locator('[data-testid="row-count"]', { hasText: `1 of ${BIG_TRACE_SPANS} spans shown` }).waitFor();

    await root.getByRole('button', { name: /^Expand / }).click();
    await page.locator('[data-testid="row-count"]', { hasText: `${BIG_TRACE_SPANS} of ${BIG_TRACE_SPANS} spans shown` }).waitFor();
    assert.equal(await page.locator('[data-testid="span-count"]').innerText(), String(BIG_TRACE_SPANS));
    const inDom = await rows().count();
    assert.ok(inDom < 200, `${inDom} rows in the DOM: the waterfall must be virtualized`);
    await page.locator('[data-testid="waterfall-body"]').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.locator(`.waterfall-row[aria-rowindex="${BIG_TRACE_SPANS}"]`).waitFor();
    await ui.screenshot('trace-10k');
  });

  void test('no page threw an uncaught error', () => {
    assert.deepEqual(ui.pageErrors, []);
  });
});
