import type { Page } from 'playwright-core';

/** Milliseconds from the navigation's start (the page's `performance.now()` origin). */
export interface TraceRenderTiming {
  /** The first waterfall row is in the DOM at an animation frame. */
  firstRowsMillis: number;
  /** A click on the root row's Collapse button has been answered (the row count says one row is shown). */
  interactiveMillis: number;
}

/** The DOM members the polling functions use: they run in Chromium, and this project's TypeScript has no DOM lib. */
interface PageGlobals {
  document: { querySelector(selector: string): { textContent: string | null } | null };
  performance: { now(): number };
}

/**
 * Opens `/trace/<traceId>` (a trace with one root and `spanCount` spans) and times it in the page: the
 * app bundle is loaded first through the search page, so what is timed is fetching, building and rendering the
 * trace. The page is left with the root collapsed.
 */
export async function timeTraceRender(page: Page, baseUrl: string, traceId: string, spanCount: number): Promise<TraceRenderTiming> {
  await page.goto(`${baseUrl}/search`);
  await page.locator('.result').first().waitFor();
  await page.goto(`${baseUrl}/trace/${traceId}`, { waitUntil: 'commit' });
  const firstRows = await page.waitForFunction(
    () => {
      const g = globalThis as unknown as PageGlobals;
      return g.document.querySelector('.waterfall-row') !== null && g.performance.now();
    },
    undefined,
    { polling: 'raf' },
  );
  const firstRowsMillis = await firstRows.jsonValue();
  await page.locator('.waterfall-row').first().getByRole('button', { name: /^Collapse / }).click();
  const answered = await page.waitForFunction(
    (expected) => {
      const g = globalThis as unknown as PageGlobals;
      return (g.document.querySelector('[data-testid="row-count"]')?.textContent ?? '').includes(expected) && g.performance.now();
    },
    `1 of ${spanCount} spans shown`,
    { polling: 'raf' },
  );
  return { firstRowsMillis: firstRowsMillis as number, interactiveMillis: (await answered.jsonValue()) as number };
}
