import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../testing/paths.js';

export const UI_ROOT = join(REPO_ROOT, 'ui');
export const UI_DIST = join(UI_ROOT, 'dist');

function newestChange(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, name)));
  return newest;
}

/**
 * Builds the UI into ui/dist (as `vite build --config ui/vite.config.ts` in `prepare` does) when it is missing or
 * older than its sources, so the tests always drive the current UI. Returns the directory to serve.
 */
export async function ensureUiBuilt(): Promise<string> {
  const index = join(UI_DIST, 'index.html');
  const sources = [join(UI_ROOT, 'src'), join(UI_ROOT, 'index.html'), join(UI_ROOT, 'vite.config.ts')];
  const stale = !existsSync(index) || Math.max(...sources.map(newestChange)) > statSync(index).mtimeMs;
  if (stale) {
    const { build } = await import('vite');
    await build({ configFile: join(UI_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
  return UI_DIST;
}
