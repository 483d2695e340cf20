import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where scripts/install-test-tools.sh puts PowerShell (HVSCAN_TOOLS overrides the directory). */
export const TOOLS_DIR = process.env.HVSCAN_TOOLS ?? '/opt/hvscan-tools';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** pwsh to run the collector with: $HVSCAN_PWSH, then the tool directory, then PATH; undefined when none. */
export function findPwsh(): string | undefined {
  const candidates = [
    process.env.HVSCAN_PWSH,
    join(TOOLS_DIR, 'pwsh', 'pwsh'),
    ...(process.env.PATH ?? '').split(delimiter).map((d) => d && join(d, 'pwsh')),
  ];
  return candidates.find((c): c is string => !!c && executable(c));
}

/** The version pwsh reports, e.g. "7.6.10". */
export function pwshVersion(pwsh: string): string {
  return spawnSync(
    pwsh,
    ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'],
    { encoding: 'utf8' },
  ).stdout.trim();
}
