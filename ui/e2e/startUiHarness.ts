import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSpanbridge, type RunningSpanbridge } from '../../src/app/startSpanbridge.js';
import { REPO_ROOT } from '../../test/support/paths.js';
import { ensureUiBuilt } from './ensureUiBuilt.js';
import { harnessConfig } from './harnessConfig.js';
import { launchChromium } from './launchChromium.js';
import type { SeedTrace } from './seedTrace.js';
import { sendSeedTraces } from './sendSeedTraces.js';
import { waitForSeedTraces } from './waitForSeedTraces.js';

/** Where the UI tests leave their screenshots (gitignored; CI keeps them as artifacts). */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-artifacts', 'ui');

export interface UiHarness {
  /** The query server: web UI and APIs. */
  readonly baseUrl: string;
  readonly spanbridge: RunningSpanbridge;
  readonly page: Page;
  /** Uncaught exceptions in the page so far (a test asserts there are none). */
  readonly pageErrors: readonly string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

function endpoint(spanbridge: RunningSpanbridge, receiver: string): string {
  const address = spanbridge.service.endpoints(receiver).http;
  if (address === undefined) throw new Error(`the ${receiver} receiver has no HTTP endpoint`);
  return address;
}

/**
 * Spanbridge from the harness config (harnessConfig.ts) on free loopback ports with a SQLite store in a temporary
 * folder and the built UI; the seed traces sent through its otlp and zipkin receivers and awaited in the query API;
 * and one Chromium page (1440x900). Everything opened here is closed by `close()`, also when start-up fails half way.
 */
export async function startUiHarness(seeds: readonly SeedTrace[]): Promise<UiHarness> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
    closers.length = 0;
  };
  try {
    const uiDir = await ensureUiBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'spanbridge-ui-e2e-'));
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    const spanbridge = await startSpanbridge({ configText: harnessConfig({ dbPath: join(dir, 'spanbridge.db'), uiDir }), source: 'ui-e2e harness config' });
    closers.push(() => spanbridge.shutdown());
    if (spanbridge.queryAddress === undefined) throw new Error('the harness config starts no query server');
    const baseUrl = `http://${spanbridge.queryAddress}`;
    await sendSeedTraces({ otlpHttp: endpoint(spanbridge, 'otlp'), zipkin: endpoint(spanbridge, 'zipkin') }, seeds);
    await waitForSeedTraces(baseUrl, seeds);

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
      baseUrl,
      spanbridge,
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
