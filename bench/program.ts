import { projectFile } from '../src/core/paths.js';

/**
 * Node arguments that start a project entry point in a child process, in the form this benchmark itself runs in:
 * compiled from dist/ under `npm run bench` (what users run; no tsx loader in the measured process), from source
 * through tsx under vitest (the 20-host test).
 */
export function entryArgs(sourcePath: string): string[] {
  const compiled = import.meta.url.endsWith('.js');
  return compiled
    ? [projectFile(`dist/${sourcePath.replace(/\.ts$/, '.js')}`)]
    : ['--import', 'tsx', projectFile(sourcePath)];
}

/**
 * The command and arguments that run `command` pinned to the CPUs `cpus` (taskset's list form, "0" or "1-3") with
 * util-linux taskset, which execs the command in place (the child's pid is the command's, so /proc CPU reads stay
 * right). Unpinned when `cpus` is undefined.
 */
export function pinnedCommand(command: string, args: string[], cpus: string | undefined): [string, string[]] {
  return cpus === undefined ? [command, args] : ['taskset', ['--cpu-list', cpus, command, ...args]];
}
