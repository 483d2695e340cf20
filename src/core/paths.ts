import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this file whether it runs from src/ (tests) or dist/src/ (the CLI). */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('hvscan: cannot find the package root (package.json beside data/)');
    dir = parent;
  }
}

export const PROJECT_ROOT = findRoot();

/** A file shipped with the package (data tables, the collector script), by its path from the package root. */
export function projectFile(relative: string): string {
  return join(PROJECT_ROOT, relative);
}
