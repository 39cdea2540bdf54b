import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium, installed by `.ci/run`; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

type Env = Readonly<Record<string, string | undefined>>;

/** A reason to skip the UI tests (Chromium missing outside CI), or false to run them. */
export function chromiumSkipReason(path: string = CHROMIUM_PATH, env: Env = process.env): string | false {
  if (existsSync(path) || env.CI === 'true') return false;
  return `Chromium is not installed at ${path} (apt-get install -y chromium); in CI this fails instead`;
}

/**
 * Headless Chromium, or undefined when it is not installed outside CI (the caller skips). In CI (`CI=true`) a
 * missing browser throws: a UI test must fail there, not skip (nothing is skipped in CI).
 */
export async function launchChromium(path: string = CHROMIUM_PATH, env: Env = process.env): Promise<Browser | undefined> {
  if (!existsSync(path)) {
    if (env.CI === 'true') throw new Error(`Chromium is not installed at ${path}; the UI tests cannot run (apt-get install -y chromium)`);
    return undefined;
  }
  return chromium.launch({ executablePath: path, args: ARGS });
}
