// Where the installed package lives: the folder holding package.json above this module. The same walk works from
// src/ (tests run from source), from dist/ (the built CLI) and from node_modules/spanbridge (an installed tarball),
// so files shipped beside the code (proto/, ui/dist/) are found the same way everywhere.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  const here = fileURLToPath(import.meta.url);
  let dir = dirname(here);
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json in any folder above ${here}`);
    dir = up;
  }
  return dir;
}

/** The package's root folder (the one with package.json). */
export const PACKAGE_ROOT: string = findPackageRoot();

/** A path inside the package, e.g. `packagePath('proto')`. */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
