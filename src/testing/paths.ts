import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder with package.json), from src/ or dist/. */
export const REPO_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found');
    dir = up;
  }
  return dir;
})();

/** `../shared/fixtures` beside the repository (shared/ is never edited). */
export const SHARED_FIXTURES = resolve(REPO_ROOT, '..', 'shared', 'fixtures');

/** A path under the repository's `src/` (test data lives beside the code, and is not copied to dist/). */
export function srcPath(...parts: string[]): string {
  return join(REPO_ROOT, 'src', ...parts);
}
