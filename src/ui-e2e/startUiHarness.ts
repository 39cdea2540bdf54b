import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pino } from 'pino';
import type { TraceBatch } from '../model/span.js';
import { createQueryServer, type QueryServer } from '../query/createQueryServer.js';
import type { StoreReader, StoreWriter } from '../store/store.js';
import { REPO_ROOT } from '../testing/paths.js';
import { ensureUiBuilt } from './ensureUiBuilt.js';
import { launchChromium } from './launchChromium.js';

/** Where the UI tests leave their screenshots (gitignored; CI keeps them as artifacts). */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-artifacts', 'ui');

export interface UiHarness {
  readonly baseUrl: string;
  readonly page: Page;
  /** Uncaught exceptions in the page so far (a test asserts there are none). */
  readonly pageErrors: readonly string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The query server over `store` on a free loopback port with the built UI, the seed traces written, and one
 * Chromium page (1440x900). Everything opened here is closed by `close()`, also when start-up fails half way.
 */
export async function startUiHarness(store: StoreReader & StoreWriter, seeds: readonly TraceBatch[]): Promise<UiHarness> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    const uiDir = await ensureUiBuilt();
    for (const batch of seeds) await store.write(batch);
    const server: QueryServer = await createQueryServer({ endpoint: '127.0.0.1:0', reader: store, uiDir, logger: pino({ level: 'silent' }) });
    closers.push(() => server.close());
    const browser: Browser | undefined = await launchChromium();
    if (browser === undefined) throw new Error('Chromium is not installed');
    closers.push(() => browser.close());
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    closers.push(() => context.close());
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    return {
      baseUrl: `http://${server.address}`,
      page,
      pageErrors,
      screenshot: async (name) => {
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
