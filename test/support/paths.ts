import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/packageRoot.js';

/** The repository root (the folder with package.json). */
export const REPO_ROOT = PACKAGE_ROOT;

/** Public trace data the tests read, copied into the repository with its origin (test/fixtures/README.md). */
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');

/** A path under the repository's `src/` (test data lives beside the code it tests, and is never built). */
export function srcPath(...parts: string[]): string {
  return join(REPO_ROOT, 'src', ...parts);
}
