import { projectFile } from '../src/core/paths.js';

/**
 * Node arguments that start a project entry point in a child process, in the form this benchmark itself runs in:
 * compiled from dist/ under `npm run bench` (what users run; no tsx loader in the measured process), from source
 * through tsx under vitest (the 20-host test).
 */
export function entryArgs(sourcePath: string): string[] {
  const compiled = import.meta.url.endsWith('.js');
  return compiled ? [projectFile(`dist/${sourcePath.replace(/\.ts$/, '.js')}`)] : ['--import', 'tsx', projectFile(sourcePath)];
}
