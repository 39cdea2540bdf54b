import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from '../../test/support/paths.js';

export const UI_ROOT = join(REPO_ROOT, 'ui');
export const UI_DIST = join(UI_ROOT, 'dist');

/** A build takes seconds; a lock older than this was left by a process that died building. */
const LOCK_WAIT_MILLIS = 180_000;

function newestChange(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, name)));
  return newest;
}

function isStale(): boolean {
  const index = join(UI_DIST, 'index.html');
  const sources = [join(UI_ROOT, 'src'), join(UI_ROOT, 'index.html'), join(UI_ROOT, 'vite.config.ts')];
  return !existsSync(index) || Math.max(...sources.map(newestChange)) > statSync(index).mtimeMs;
}

/**
 * Runs `fn` holding a lock shared by every process of this checkout (a directory: mkdir is atomic), so test files
 * that the runner starts side by side never build into ui/dist at the same time.
 */
async function withBuildLock(fn: () => Promise<void>): Promise<void> {
  const lock = join(tmpdir(), `spanbridge-ui-build-${createHash('sha256').update(UI_DIST).digest('hex').slice(0, 16)}`);
  let until = Date.now() + LOCK_WAIT_MILLIS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (Date.now() > until) {
      rmSync(lock, { recursive: true, force: true });
      until = Date.now() + LOCK_WAIT_MILLIS;
    } else await sleep(200);
  }
  try {
    await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds the UI into ui/dist (as `vite build --config ui/vite.config.ts` in `prepare` does) when it is missing or
 * older than its sources, so the tests always drive the current UI. Returns the directory to serve.
 */
export async function ensureUiBuilt(): Promise<string> {
  if (!isStale()) return UI_DIST;
  await withBuildLock(async () => {
    if (!isStale()) return;
    const { build } = await import('vite');
    await build({ configFile: join(UI_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  });
  return UI_DIST;
}
