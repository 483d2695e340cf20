import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

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
  const candidates = [process.env.HVSCAN_PWSH, join(TOOLS_DIR, 'pwsh', 'pwsh'), ...(process.env.PATH ?? '').split(delimiter).map((d) => d && join(d, 'pwsh'))];
  return candidates.find((c): c is string => !!c && executable(c));
}

/** The version pwsh reports, e.g. "7.6.10". */
export function pwshVersion(pwsh: string): string {
  return spawnSync(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'], { encoding: 'utf8' }).stdout.trim();
}

const MISSING = `pwsh not found ($HVSCAN_PWSH, ${join(TOOLS_DIR, 'pwsh', 'pwsh')}, PATH): run scripts/install-test-tools.sh`;

/**
 * describe() for tests that need real PowerShell. Without pwsh they are skipped locally with the reason, but under
 * CI=true a failing test stands in for them: CI must never pass by skipping the collector.
 */
export function describeWithPwsh(name: string, options: Parameters<typeof describe>[1], body: (pwsh: string) => void): void {
  const pwsh = findPwsh();
  if (pwsh) {
    describe(name, options as object, () => body(pwsh));
  } else if (process.env.CI === 'true') {
    describe(name, () => it('has PowerShell to run the collector with', () => { throw new Error(MISSING); }));
  } else {
    describe.skip(`${name} (skipped: ${MISSING})`, () => it('needs pwsh', () => undefined));
  }
}
